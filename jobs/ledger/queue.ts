import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { itemIdSchema } from '../../src/domain/ledger/item.js';
import { lookbackIdSchema } from '../../src/domain/ledger/lookback.js';
import { isLadderStep, planLadder, type LadderStep } from '../../src/domain/ledger/ladder.js';
import { createCalendar } from '../../src/domain/calendar.js';
import { keepStep, stepLogged, type DecisionKind } from '../../src/domain/ledger/resend.js';
import type { HandlerCtx } from '../../handlers/context.js';
import type { LedgerJobs } from '../../handlers/ledger/jobs.js';
import { runLadderStep } from '../../handlers/ledger/steps/ladder.js';
import { resendLookback } from '../../handlers/ledger/steps/lookback.js';
import { runDecisionResend, runKeepAlive } from '../../handlers/ledger/steps/resend.js';

/**
 * The deadline ladder of ledger items as delayed BullMQ jobs: one job per (item, ladder generation,
 * step), `lad-<item>-<gen>-<step>`. A new generation (deadline moved, item finished or reopened)
 * removes the old generation's pending jobs; one that escaped removal finds the item's generation
 * moved on and sends nothing. Each step's messages have outbox keys per (item, gen, step, recipient).
 *
 * Cards re-sent before Lark's 14-day limit (src/domain/ledger-resend.ts): the owners' keep-alive
 * steps `lad-<item>-<gen>-k<n>` (a generation's steps like the ladder's), and the decider's decision
 * cards `lgr-<item>-<x|v><request>-r<round>` (an extension request, a 销号 request); a re-send that
 * finds its request decided sends nothing.
 */
const ledgerJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), item: itemIdSchema, gen: z.number().int().min(0), step: z.string().refine(isLadderStep) }),
  z.object({ kind: z.literal('keep'), item: itemIdSchema, gen: z.number().int().min(0), n: z.number().int().min(1).max(9999) }),
  z.object({
    kind: z.literal('decision'), item: itemIdSchema, decision: z.enum(['ext', 'review']),
    ref: z.number().int().min(1), round: z.number().int().min(1).max(9999),
  }),
  z.object({ kind: z.literal('lookback'), lookback: lookbackIdSchema, gen: z.number().int().min(1).max(9999) }),
]);

const ladderJobId = (itemId: string, gen: number, step: string) => `lad-${itemId}-${gen}-${step}`;
const decisionJobId = (itemId: string, kind: DecisionKind, ref: number, round: number) =>
  `lgr-${itemId}-${kind === 'ext' ? 'x' : 'v'}${ref}-r${round}`;

const KEEP = { age: 30 * 86_400 };
const OPTS = { attempts: 10, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: KEEP, removeOnFail: KEEP };

export function createLedgerJobs(queue: Queue, now: () => number): LedgerJobs {
  return {
    async schedule(itemId, gen, steps) {
      if (!steps.length) return;
      await queue.addBulk(steps.map((s) => ({
        name: 'step',
        data: ledgerJobSchema.parse({ kind: 'step', item: itemId, gen, step: s.step }),
        opts: { jobId: ladderJobId(itemId, gen, s.step), delay: Math.max(0, s.at - now()), ...OPTS },
      })));
    },
    async cancel(itemId, gen, steps) {
      // remove() leaves a job that is running alone; the processor's generation check covers it.
      await Promise.all(steps.map((s) => queue.remove(ladderJobId(itemId, gen, s)).catch(() => 0)));
    },
    async keepAlive(itemId, gen, n, at) {
      await queue.add('keep', ledgerJobSchema.parse({ kind: 'keep', item: itemId, gen, n }),
        { jobId: ladderJobId(itemId, gen, keepStep(n)), delay: Math.max(0, at - now()), ...OPTS });
    },
    async decision(itemId, kind, ref, round, at) {
      await queue.add('decision', ledgerJobSchema.parse({ kind: 'decision', item: itemId, decision: kind, ref, round }),
        { jobId: decisionJobId(itemId, kind, ref, round), delay: Math.max(0, at - now()), ...OPTS });
    },
    async lookback(lookbackId, gen, at) {
      await queue.add('lookback', ledgerJobSchema.parse({ kind: 'lookback', lookback: lookbackId, gen }),
        { jobId: `lbr-${lookbackId}-${gen}`, delay: Math.max(0, at - now()), ...OPTS });
    },
  };
}

/**
 * At worker start: every running ladder gets its future steps (and its latest past one) again. A
 * change whose jobs were lost between the item's write and the scheduling (a crash, a Redis blip)
 * would otherwise never nudge anyone; stable jobIds make this a no-op for ladders that are intact,
 * and steps already logged on the item are left out (a re-run would send nothing anyway).
 */
export async function resumeLadders(ctx: HandlerCtx): Promise<number> {
  const cal = createCalendar(ctx.campaign.campaign.calendar, ctx.campaign.campaign.timezone);
  let n = 0;
  for (const item of await ctx.store.ledger.list()) {
    if (item.status !== 'active' || !item.deadline || item.needsDeadline) continue;
    const steps = planLadder(item.deadline, ctx.now(), cal).steps.filter((s) => !stepLogged(item, item.gen, s.step));
    if (steps.length) await ctx.ledgerJobs.schedule(item.id, item.gen, steps);
    n++;
  }
  return n;
}

export function createLedgerProcessor(ctx: HandlerCtx) {
  return async function processLedger(job: Job): Promise<string> {
    const parsed = ledgerJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`ledger job ${job.id}: invalid data`);
    const d = parsed.data;
    if (d.kind === 'keep') return runKeepAlive(d.item, d.gen, d.n, ctx);
    if (d.kind === 'decision') return runDecisionResend(d.item, d.decision, d.ref, d.round, ctx);
    if (d.kind === 'lookback') return resendLookback(d.lookback, d.gen, ctx);
    return runLadderStep(d.item, d.gen, d.step as LadderStep, ctx);
  };
}
