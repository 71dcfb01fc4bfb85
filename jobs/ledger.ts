import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { itemIdSchema } from '../src/domain/ledger.js';
import { isLadderStep, type LadderStep, type PlannedStep } from '../src/domain/ledger-ladder.js';
import type { HandlerCtx } from '../handlers/context.js';
import { runLadderStep } from '../handlers/ledger-nudge.js';

/**
 * The deadline ladder of ledger items as delayed BullMQ jobs: one job per (item, ladder generation,
 * step), `lad-<item>-<gen>-<step>`. A new generation (deadline moved, item finished or reopened)
 * removes the old generation's pending jobs; one that escaped removal finds the item's generation
 * moved on and sends nothing. Each step's messages have outbox keys per (item, gen, step, recipient).
 */
export const ledgerJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), item: itemIdSchema, gen: z.number().int().min(0), step: z.string().refine(isLadderStep) }),
]);
export type LedgerJob = z.infer<typeof ledgerJobSchema>;

export const ladderJobId = (itemId: string, gen: number, step: string) => `lad-${itemId}-${gen}-${step}`;

/** Scheduling seam for handlers (HandlerCtx.ledgerJobs). */
export interface LedgerJobs {
  /** Adds the delayed jobs of generation `gen` (adding one twice is a no-op: stable jobIds). */
  schedule(itemId: string, gen: number, steps: readonly PlannedStep[]): Promise<void>;
  /** Removes generation `gen`'s pending jobs among `steps`. */
  cancel(itemId: string, gen: number, steps: readonly LadderStep[]): Promise<void>;
}

const KEEP = { age: 30 * 86_400 };

export function createLedgerJobs(queue: Queue, now: () => number): LedgerJobs {
  return {
    async schedule(itemId, gen, steps) {
      if (!steps.length) return;
      await queue.addBulk(steps.map((s) => ({
        name: 'step',
        data: ledgerJobSchema.parse({ kind: 'step', item: itemId, gen, step: s.step }),
        opts: { jobId: ladderJobId(itemId, gen, s.step), delay: Math.max(0, s.at - now()), attempts: 10, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: KEEP, removeOnFail: KEEP },
      })));
    },
    async cancel(itemId, gen, steps) {
      // remove() leaves a job that is running alone; the processor's generation check covers it.
      await Promise.all(steps.map((s) => queue.remove(ladderJobId(itemId, gen, s)).catch(() => 0)));
    },
  };
}

export function createLedgerProcessor(ctx: HandlerCtx) {
  return async function processLedger(job: Job): Promise<string> {
    const parsed = ledgerJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`ledger job ${job.id}: invalid data`);
    const d = parsed.data;
    return runLadderStep(d.item, d.gen, d.step as LadderStep, ctx);
  };
}
