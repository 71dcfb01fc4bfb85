import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { roundIdSchema } from '../src/domain/evaluation.js';
import type { HandlerCtx } from '../handlers/context.js';
import { closeRound } from '../handlers/evaluation-admin.js';

/** Evaluation jobs: today the close of a round at its close time. */
export const evaluationJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('close'), round: roundIdSchema }),
]);
export type EvaluationJob = z.infer<typeof evaluationJobSchema>;

/** One delayed close per round (jobId), so opening twice or restarting schedules nothing twice. */
export async function scheduleRoundClose(queue: Queue, roundId: string, at: number, now = Date.now()): Promise<void> {
  await queue.add('close', evaluationJobSchema.parse({ kind: 'close', round: roundId }), {
    jobId: `close-${roundId}`, delay: Math.max(0, at - now), attempts: 10, backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 },
  });
}

export function createEvaluationProcessor(ctx: HandlerCtx) {
  return async function processEvaluation(job: Job): Promise<string> {
    const parsed = evaluationJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`evaluation job ${job.id}: invalid data`);
    // Closed early by an admin already: nothing to do.
    return closeRound(parsed.data.round, 'system', ctx);
  };
}
