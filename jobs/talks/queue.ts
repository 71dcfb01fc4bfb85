import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { talkIdSchema, reminderLogged } from '../../src/domain/talks/talk.js';
import { TALK_STEPS, planTalkReminders, talkReminderKey } from '../../src/domain/talks/reminders.js';
import { createCalendar } from '../../src/domain/calendar.js';
import type { HandlerCtx } from '../../handlers/context.js';
import type { TalkJobs } from '../../handlers/talks/jobs.js';
import { runTalkReminder } from '../../handlers/talks/steps/reminders.js';

/**
 * The reminders of talks as delayed BullMQ jobs `tk-<id>-g<gen>-<d1|over>`: T−1 at 09:00 and overdue on the next working
 * morning, to both parties. A talk held (or its due day moved) sends nothing; each message has an outbox key per
 * (talk, reminder, party) and the reminder is logged on the talk once: exactly once across restarts.
 */
const jobSchema = z.strictObject({ id: talkIdSchema, gen: z.number().int().min(0), step: z.enum(TALK_STEPS) });

const KEEP = { age: 30 * 86_400 };
const OPTS = { attempts: 10, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: KEEP, removeOnFail: KEEP };

export const talkJobId = (id: string, gen: number, step: (typeof TALK_STEPS)[number]) => `tk-${id}-${talkReminderKey(gen, step)}`;

export function createTalkJobs(queue: Queue, now: () => number): TalkJobs {
  return {
    async reminders(id, gen, steps) {
      if (!steps.length) return;
      await queue.addBulk(steps.map((s) => ({
        name: 'remind', data: jobSchema.parse({ id, gen, step: s.step }),
        opts: { jobId: talkJobId(id, gen, s.step), delay: Math.max(0, s.at - now()), ...OPTS },
      })));
    },
  };
}

/** At worker start: every talk not held gets its reminders again (stable jobIds: a no-op when intact; logged ones left out). */
export async function resumeTalkReminders(ctx: HandlerCtx): Promise<number> {
  const cal = createCalendar(ctx.campaign.campaign.calendar, ctx.campaign.campaign.timezone);
  let n = 0;
  for (const t of await ctx.store.talks.list()) {
    if (t.state !== 'planned') continue;
    const steps = planTalkReminders(t.due, ctx.now(), cal).filter((s) => !reminderLogged(t, talkReminderKey(t.gen, s.step)));
    await ctx.talkJobs.reminders(t.id, t.gen, steps);
    n++;
  }
  return n;
}

export function createTalkProcessor(ctx: HandlerCtx) {
  return async function processTalk(job: Job): Promise<string> {
    const parsed = jobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`talks job ${job.id}: invalid data`);
    return runTalkReminder(parsed.data.id, parsed.data.gen, parsed.data.step, ctx);
  };
}
