import type { Material } from '../../src/domain/materials/material.js';
import { followMaterial } from '../../src/domain/rules/transitions.js';
import type { Rule } from '../../src/domain/rules/rule.js';
import { msg } from '../../src/messages/index.js';
import type { HandlerCtx } from '../context.js';
import { applyChange, notify, ruleCardFor } from './common.js';
import { ruleNoticeKey, ruleReadyKey } from './outbox-keys.js';

/**
 * A rule follows its material (kind 制度) without extra clicks. Called after every change of a material of kind
 * `rule` (the materials' listener registry, handlers/materials/listeners.ts) and, for every rule not yet issued, at
 * worker start (a change whose follow-up was cut short by a stop is finished then):
 * - the material has a version under review (or returned, or accepted since) and the rule is in 起草: the rule
 *   moves to 审议 by itself, audited as the system, and its owner is told;
 * - the material is accepted and the rule is in 审议: each admin gets the rule card with the 印发 (or 废止) form,
 *   once per rule and admin (the outbox key), however often this runs.
 * A returned material keeps the rule in 审议 (the rule card says so; the materials feature tells the authors).
 */
export async function followRuleMaterial(m: Material, ctx: HandlerCtx): Promise<Rule | undefined> {
  if (m.kind !== 'rule') return undefined;
  let rule = await ctx.store.rules.byMaterial(m.id);
  if (!rule) return undefined;
  if (rule.state === 'drafting' && m.state !== 'drafting') {
    const n = m.versions.length;
    const r = await applyChange(rule.id, (x) => followMaterial(x, m.state, n, ctx.now()), 'review', 'system', ctx,
      { material: m.id, version: n });
    if (r.ok) {
      rule = r.rule;
      const moved = r.rule;
      await notify((o) => ruleNoticeKey(moved.id, 'review', moved.history.length, o), [moved.owner], 'system',
        msg.rules.notices.inReview(moved.seq, moved.name), ctx);
      ctx.log.info({ rule: moved.id, material: m.id, version: n }, 'rule under review with its material');
    } else {
      rule = (await ctx.store.rules.get(rule.id)) ?? rule;
    }
  }
  if (rule.state === 'review' && m.state === 'accepted') await tellReady(rule, ctx);
  return rule;
}

/** The office: the rule card with its 印发 / 废止 form, once per rule and admin. */
async function tellReady(rule: Rule, ctx: HandlerCtx): Promise<void> {
  const banner = rule.kind === 'abolish' ? msg.rules.banners.readyAbolish : msg.rules.banners.ready;
  const messages = [];
  for (const admin of new Set(await ctx.roles.admins())) {
    const card = await ruleCardFor(rule, admin, ctx, { banner });
    messages.push({ key: ruleReadyKey(rule.id, admin), to: { openId: admin }, body: { type: 'card' as const, card } });
  }
  await ctx.outbox.sendMany(messages);
}
