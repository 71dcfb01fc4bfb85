import { UnrecoverableError, type Job, type JobsOptions, type Queue } from 'bullmq';
import { z } from 'zod';
import { pendingAnnouncements } from '../../src/domain/campaign/phases.js';
import { isDay } from '../../src/domain/calendar.js';
import { shortDigest } from '../../src/domain/digest.js';
import type { HandlerCtx } from '../../handlers/context.js';
import { calendarOf } from '../../handlers/campaign-time.js';
import { announcePhase } from '../../handlers/campaign/steps/announce.js';

/**
 * The campaign queue (DESIGN §2.7): one delayed job per phase announcement, keyed by the phase and its start
 * day, planned at every worker start from the campaign file (adding one twice is a no-op). A phase whose
 * dates change gets a new job; the old one finds its phase moved and sends nothing.
 */
const campaignJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phase'), key: z.string().min(1).max(32), start: z.string().refine(isDay) }),
]);

const OPTS: JobsOptions = {
  attempts: 5, backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 },
};

/** BullMQ job ids take no `:`, and a phase key may hold anything: the key is digested. */
export const phaseJobId = (key: string, start: string) => `phase-${start}-${shortDigest(key, 12)}`;

/** Plans the phase announcements still to make; returns how many are planned. */
export async function syncPhaseAnnouncements(queue: Queue, ctx: HandlerCtx): Promise<number> {
  const now = ctx.now();
  const pending = pendingAnnouncements(ctx.campaign.campaign.phases, calendarOf(ctx), now);
  if (!pending.length) return 0;
  await queue.addBulk(pending.map((a) => ({
    name: 'phase',
    data: campaignJobSchema.parse({ kind: 'phase', key: a.key, start: a.start }),
    opts: { ...OPTS, jobId: phaseJobId(a.key, a.start), delay: Math.max(0, a.at - now) },
  })));
  return pending.length;
}

export function createCampaignProcessor(ctx: HandlerCtx) {
  return async function processCampaign(job: Job): Promise<string> {
    const parsed = campaignJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`campaign job ${job.id}: invalid data`);
    return announcePhase(ctx, parsed.data.key, parsed.data.start);
  };
}
