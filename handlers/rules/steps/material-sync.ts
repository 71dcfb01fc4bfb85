import type { HandlerCtx } from '../../context.js';
import { ruleMaterials } from '../material-link.js';
import { followRuleMaterial } from '../material-sync.js';

/**
 * At worker start (run by jobs/rules/queue.ts before the workers): every rule not yet issued catches up with its
 * material — a change of the material stored before a stop cut its follow-up short — and a rule stored just before a
 * stop gets the material it names. Returns how many it looked at.
 */
export async function reconcileRuleMaterials(ctx: HandlerCtx): Promise<number> {
  let n = 0;
  for (const rule of await ctx.store.rules.list()) {
    if (rule.state !== 'drafting' && rule.state !== 'review') continue;
    const m = await ctx.store.materials.get(rule.material);
    if (m) await followRuleMaterial(m, ctx);
    else if (rule.state === 'drafting') await ruleMaterials.create(ctx, rule, rule.createdBy);
    n++;
  }
  return n;
}
