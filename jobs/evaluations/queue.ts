import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { roundIdSchema } from '../../src/domain/evaluations/round.js';
import type { HandlerCtx } from '../../handlers/context.js';
import { closeRound } from '../../handlers/evaluations/steps/close.js';
import { resendBallots } from '../../handlers/evaluations/steps/resend.js';
import { refreshLiveCards } from '../../handlers/evaluations/live.js';
import type { EvaluationJobs } from '../../handlers/evaluations/jobs.js';

/**
 * Evaluation jobs: the close of a round at its close time, and the re-send of unanswered ballots
 * before Lark's 14-day limit on clicking a card (generation `gen` of the ballot messages).
 */
const evaluationJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('close'), round: roundIdSchema }),
  z.object({ kind: z.literal('resend'), round: roundIdSchema, gen: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('live') }),
]);

/** Lark cards accept clicks for 14 days; re-send a day ahead of that. */
const BALLOT_RESEND_MS = 13 * 86_400_000;

/** One delayed close per round (jobId), so opening twice or restarting schedules nothing twice. */
async function scheduleRoundClose(queue: Queue, roundId: string, at: number, now: number): Promise<void> {
  await queue.add('close', evaluationJobSchema.parse({ kind: 'close', round: roundId }), {
    jobId: `close-${roundId}`, delay: Math.max(0, at - now), attempts: 10, backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 },
  });
}

/** Schedules generation `gen` of the ballots when the round stays open past the card's lifetime. */
async function scheduleBallotResend(
  queue: Queue, roundId: string, gen: number, sentAt: number, closesAt: number, now: number,
): Promise<boolean> {
  if (closesAt - sentAt <= BALLOT_RESEND_MS) return false;
  await queue.add('resend', evaluationJobSchema.parse({ kind: 'resend', round: roundId, gen }), {
    jobId: `resend-${roundId}-${gen}`, delay: Math.max(0, sentAt + BALLOT_RESEND_MS - now), attempts: 10,
    backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 },
  });
  return true;
}

/**
 * The live round-list refresh of the second after `now` (jobId per second: ballots within one second of the campaign
 * clock share one job, so the admins' cards are patched at most once a second). A job runs after every ballot that
 * added it, and is removed when done, so a later ballot is never left out by a finished job of the same id.
 */
async function scheduleLiveRefresh(queue: Queue, now: number): Promise<number> {
  const second = Math.floor(now / 1000) + 1;
  await queue.add('live', evaluationJobSchema.parse({ kind: 'live' }), {
    jobId: `live-${second}`, delay: Math.max(0, second * 1000 - now), attempts: 3, backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true, removeOnFail: { age: 86_400 },
  });
  return second;
}

/** HandlerCtx.evaluationJobs on the evaluation queue. */
export function createEvaluationJobs(queue: Queue, now: () => number): EvaluationJobs {
  // The second whose live refresh this process has already scheduled: a burst of ballots adds one job, not one each.
  let liveSecond = -1;
  return {
    closeAt: (roundId, at) => scheduleRoundClose(queue, roundId, at, now()),
    resendBallots: (roundId, gen, sentAt, closesAt) => scheduleBallotResend(queue, roundId, gen, sentAt, closesAt, now()),
    refreshLive: async () => {
      const t = now();
      if (Math.floor(t / 1000) + 1 === liveSecond) return;
      liveSecond = await scheduleLiveRefresh(queue, t);
    },
  };
}

export function createEvaluationProcessor(ctx: HandlerCtx) {
  return async function processEvaluation(job: Job): Promise<string> {
    const parsed = evaluationJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`evaluation job ${job.id}: invalid data`);
    const data = parsed.data;
    // A round closed early by an admin: nothing to do (closeRound answers 'wrong-status').
    if (data.kind === 'close') return closeRound(data.round, 'system', ctx);
    if (data.kind === 'live') return `patched ${await refreshLiveCards(ctx)}`;
    const sent = await resendBallots(data.round, data.gen, ctx);
    return `re-sent ${sent}`;
  };
}
