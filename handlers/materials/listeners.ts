import type { KindKey } from '../../src/domain/materials/kinds.js';
import type { Material } from '../../src/domain/materials/material.js';
import type { HandlerCtx } from '../context.js';
import { publishAfterPlanAccepted } from '../board/plan-gate.js';
import { followRuleMaterial } from '../rules/material-sync.js';
import { acceptedAt, lastPasser } from './accepted.js';

/**
 * The one registry of what other features do after a material of their kind changes (called by ./effects.ts once
 * the change is written and the materials' own messages are queued): the public board waits for the 整改方案, the
 * 建章立制 register follows each rule's material. A listener must be safe to run again (outbox keys, transitions
 * that refuse a second time): the worker start re-runs them for records a stop left behind.
 */
export type MaterialListener = (before: Material, after: Material, ctx: HandlerCtx) => Promise<unknown>;

export const materialListeners: Partial<Record<KindKey, MaterialListener>> = {
  rectifyPlan: async (before, after, ctx) => {
    if (after.state !== 'accepted' || before.state === 'accepted') return;
    await publishAfterPlanAccepted(ctx, acceptedAt(after), lastPasser(after));
  },
  rule: (_before, after, ctx) => followRuleMaterial(after, ctx),
};

/** Runs the listener of the material's kind, if any. */
export async function afterMaterialChange(before: Material, after: Material, ctx: HandlerCtx): Promise<void> {
  await materialListeners[after.kind]?.(before, after, ctx);
}
