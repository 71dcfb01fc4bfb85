import type { HandlerCtx } from '../../context.js';
import { publishAfterPlanAccepted } from '../../board/plan-gate.js';
import { acceptedAt, lastPasser } from '../accepted.js';

/**
 * At worker start: a 整改方案 accepted while the process stopped before the board heard of it (the acceptance is
 * stored first, the publish follows) is published now. Returns whether it had to.
 */
export async function reconcilePlanGate(ctx: HandlerCtx): Promise<boolean> {
  if (await ctx.store.planGate.planAcceptedAt() !== undefined) return false;
  const plan = (await ctx.store.materials.list()).find((m) => m.kind === 'rectifyPlan' && m.state === 'accepted');
  if (!plan) return false;
  await publishAfterPlanAccepted(ctx, acceptedAt(plan), lastPasser(plan));
  return true;
}
