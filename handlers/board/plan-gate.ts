import { gatedOnRectifyPlan, itemsArePublic } from '../../src/domain/board/board.js';
import type { HandlerCtx } from '../context.js';

/**
 * The public board's gate (DESIGN §2.9, issue #15): while the campaign's 整改方案 is not accepted the board shows
 * its title and "整改方案审定后公示" only; accepting it publishes the items started so far. The materials feature
 * calls `publishAfterPlanAccepted` when a material of kind `rectifyPlan` passes its whole review chain.
 */

/** Whether the ledger's items are public now: the campaign file's gate is off, or the 整改方案 was accepted. */
export function boardPublished(ctx: HandlerCtx): () => Promise<boolean> {
  return async () => {
    const on = gatedOnRectifyPlan(ctx.campaign.campaign);
    return itemsArePublic({ on, planAcceptedAt: on ? await ctx.store.planGate.planAcceptedAt() : undefined });
  };
}

/**
 * Records that the 整改方案 was accepted at `at` by `by` (first acceptance wins; audited once as `board.planAccepted`)
 * and asks for the board to be brought up to date, so the items started so far appear at once. Safe to call again
 * (a retried job, a second acceptance): the flag and its audit entry are written once, and the refresh sends or
 * patches only what changed (each page is one outbox key), so the board shows the items exactly once. The refresh is
 * asked for even when the flag was set already, so a call that stopped between the two finishes the job.
 * Returns whether this call recorded the acceptance.
 */
export async function publishAfterPlanAccepted(ctx: HandlerCtx, at: number, by: string): Promise<boolean> {
  const first = await ctx.store.planGate.setPlanAccepted(at, by);
  await ctx.board.refresh();
  if (first) ctx.log.info({ at }, 'board: the 整改方案 is accepted, the ledger items are public');
  return first;
}
