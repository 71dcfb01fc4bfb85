import { UnrecoverableError, type Job, type JobsOptions, type Queue } from 'bullmq';
import { z } from 'zod';
import { pendingAnnouncements } from '../../src/domain/campaign/phases.js';
import { milestoneIdSchema, milestonesOf } from '../../src/domain/campaign/milestones.js';
import { isMilestoneStep, planMilestoneSteps, type MilestoneStep } from '../../src/domain/campaign/reminders.js';
import { isDay } from '../../src/domain/calendar.js';
import { shortDigest } from '../../src/domain/digest.js';
import type { HandlerCtx } from '../../handlers/context.js';
import { calendarOf } from '../../handlers/campaign-time.js';
import { announcePhase } from '../../handlers/campaign/steps/announce.js';
import { sendWeeklyDigest } from '../../handlers/campaign/steps/digest.js';
import { campaignWindow } from '../../src/domain/campaign/window.js';
import { runMilestoneStep } from '../../handlers/campaign/steps/milestone.js';
import { recurringWithin } from '../schedule-window.js';
import { effectiveCampaign } from '../../handlers/campaign/timeline.js';

/**
 * The campaign queue (DESIGN §2.7): one delayed job per phase announcement, keyed by the phase and its start
 * day, planned at every worker start from the campaign file (adding one twice is a no-op); a phase whose
 * dates change gets a new job, and the old one finds its phase moved and sends nothing. The weekly digest
 * runs from a job scheduler inside the campaign.
 *
 * Milestone reminders the same way: one delayed job per (milestone, step), `ms-<id>-<step>`, planned at
 * every worker start for the milestones not done. A milestone moved or renamed has a new id (and new jobs);
 * the old ones find no milestone under theirs and send nothing, as do those of a milestone marked done.
 */
const campaignJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phase'), key: z.string().min(1).max(32), start: z.string().refine(isDay) }),
  z.strictObject({ kind: z.literal('digest') }),
  z.strictObject({ kind: z.literal('milestone'), id: milestoneIdSchema, step: z.string().refine(isMilestoneStep) }),
]);

/** The weekly digest's scheduler: Monday 08:30 in the campaign zone, ending after the campaign's last day. */
export const DIGEST_SCHEDULER_ID = 'campaign-weekly-digest';
const DIGEST_PATTERN = '30 8 * * 1';

const OPTS: JobsOptions = {
  attempts: 5, backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 },
};

/** BullMQ job ids take no `:`, and a phase key may hold anything: the key is digested. */
export const phaseJobId = (key: string, start: string) => `phase-${start}-${shortDigest(key, 12)}`;

/** Plans the phase announcements still to make; returns how many are planned. */
export async function syncPhaseAnnouncements(queue: Queue, ctx: HandlerCtx): Promise<number> {
  const now = ctx.now();
  const pending = pendingAnnouncements((await effectiveCampaign(ctx)).campaign.phases, calendarOf(ctx), now);
  if (!pending.length) return 0;
  await queue.addBulk(pending.map((a) => ({
    name: 'phase',
    data: campaignJobSchema.parse({ kind: 'phase', key: a.key, start: a.start }),
    opts: { ...OPTS, jobId: phaseJobId(a.key, a.start), delay: Math.max(0, a.at - now) },
  })));
  return pending.length;
}

/** Upserts the weekly digest's scheduler (a restart never adds a second), or removes it once the campaign is over. */
export async function syncWeeklyDigest(queue: Queue, ctx: HandlerCtx): Promise<void> {
  const c = (await effectiveCampaign(ctx)).campaign;
  const within = recurringWithin(campaignWindow(c), c.timezone, ctx.now());
  if (within.over || !c.phases.length) {
    await queue.removeJobScheduler(DIGEST_SCHEDULER_ID);
    return;
  }
  const repeat = { pattern: DIGEST_PATTERN, tz: c.timezone, ...(within.endDate === undefined ? {} : { endDate: within.endDate }) };
  const template = { name: 'digest', data: campaignJobSchema.parse({ kind: 'digest' }), opts: OPTS };
  await queue.upsertJobScheduler(DIGEST_SCHEDULER_ID, repeat, template);
}

export const milestoneJobId = (id: string, step: MilestoneStep) => `ms-${id}-${step}`;

/** Plans the reminders of every milestone not done (src/domain/campaign/reminders.ts); returns how many. */
export async function syncMilestoneReminders(queue: Queue, ctx: HandlerCtx): Promise<number> {
  const now = ctx.now();
  const cal = calendarOf(ctx);
  const done = await ctx.store.milestones.doneMap();
  const jobs = milestonesOf((await effectiveCampaign(ctx)).campaign).filter((m) => !done.has(m.id))
    .flatMap((m) => planMilestoneSteps(m.date, now, cal).map((s) => ({
      name: 'milestone',
      data: campaignJobSchema.parse({ kind: 'milestone', id: m.id, step: s.step }),
      opts: { ...OPTS, jobId: milestoneJobId(m.id, s.step), delay: Math.max(0, s.at - now) },
    })));
  if (jobs.length) await queue.addBulk(jobs);
  return jobs.length;
}

export function createCampaignProcessor(ctx: HandlerCtx) {
  return async function processCampaign(job: Job): Promise<string> {
    const parsed = campaignJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`campaign job ${job.id}: invalid data`);
    const d = parsed.data;
    if (d.kind === 'milestone') return runMilestoneStep(ctx, d.id, d.step as MilestoneStep);
    if (d.kind === 'digest') return sendWeeklyDigest(ctx);
    return announcePhase(ctx, d.key, d.start);
  };
}
