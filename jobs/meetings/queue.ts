import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { meetingIdSchema } from '../../src/domain/meetings/meeting.js';
import { planMeetingReminders, REMIND_STEPS } from '../../src/domain/meetings/reminders.js';
import { reminderLogged } from '../../src/domain/meetings/transitions.js';
import { createCalendar } from '../../src/domain/calendar.js';
import type { HandlerCtx } from '../../handlers/context.js';
import type { MeetingJobs } from '../../handlers/meetings/jobs.js';
import { runMeetingReminder } from '../../handlers/meetings/steps/reminders.js';

/**
 * The reminders of unconfirmed meeting records as delayed BullMQ jobs `mgr-<id>-<t1|t3>`. Each message has an outbox
 * key per (meeting, step, attendee) and each step is logged on the meeting once: exactly once across restarts.
 */
const jobSchema = z.strictObject({ id: meetingIdSchema, step: z.enum(REMIND_STEPS) });

const KEEP = { age: 30 * 86_400 };
const OPTS = { attempts: 10, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: KEEP, removeOnFail: KEEP };
export const meetingReminderJobId = (id: string, step: string) => `mgr-${id}-${step}`;

export function createMeetingJobs(queue: Queue, now: () => number): MeetingJobs {
  return {
    async reminders(id, steps) {
      if (!steps.length) return;
      await queue.addBulk(steps.map((s) => ({
        name: 'remind', data: jobSchema.parse({ id, step: s.step }),
        opts: { jobId: meetingReminderJobId(id, s.step), delay: Math.max(0, s.at - now()), ...OPTS },
      })));
    },
  };
}

/** At worker start: every ended meeting gets its reminders not yet logged again (stable jobIds: a no-op when intact). */
export async function resumeMeetingReminders(ctx: HandlerCtx): Promise<number> {
  const cal = createCalendar(ctx.campaign.campaign.calendar, ctx.campaign.campaign.timezone);
  let n = 0;
  for (const m of await ctx.store.meetings.list()) {
    if (m.state !== 'ended' || m.endedAt === undefined) continue;
    const steps = planMeetingReminders(m.endedAt, cal).filter((s) => !reminderLogged(m, s.step));
    await ctx.meetingJobs.reminders(m.id, steps);
    n++;
  }
  return n;
}

export function createMeetingProcessor(ctx: HandlerCtx) {
  return async function processMeeting(job: Job): Promise<string> {
    const parsed = jobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`meetings job ${job.id}: invalid data`);
    return runMeetingReminder(parsed.data.id, parsed.data.step, ctx);
  };
}
