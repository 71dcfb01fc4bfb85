import type { Rule } from '../../src/domain/rules/rule.js';
import type { MaterialState } from '../../src/domain/rules/transitions.js';
import type { HandlerCtx } from '../context.js';
import { newMaterialId } from '../../src/domain/materials/material.js';
import { editMaterial } from '../../src/domain/materials/transitions.js';
import { msg } from '../../src/messages/index.js';
import { shortDay } from '../../cards/materials/common.js';
import { kindName } from '../materials/common.js';
import { createMaterial } from '../materials/create.js';
import { applyChange } from '../materials/effects.js';
import { materialAssignedKey } from '../materials/outbox-keys.js';
import { sendCards } from '../materials/send.js';

/**
 * The rules register's one contact with the materials feature (材料报审): a rule's drafts and reviews go
 * through a material of kind 制度 (`rule`) authored by the rule's owner, due on the rule's due day. What follows
 * a change of that material (起草 → 审议, the office told it can be 印发) is ./material-sync.ts, called through the
 * materials' listener registry (handlers/materials/listeners.ts).
 */
export interface RuleMaterials {
  /** A fresh id for a rule's material: the rule is stored naming it before the material is created. */
  newId(): string;
  /**
   * Creates the rule's material under the id the rule names (kind 制度, authored by the owner, due on the rule's due
   * day): its author gets the material card, which names the rule. Creating one that exists is a no-op.
   */
  create(ctx: HandlerCtx, rule: Pick<Rule, 'material' | 'name' | 'owner' | 'due'>, by: string): Promise<void>;
  /**
   * An edit of the rule moved its name, owner or due day: the material follows (title, the owner in place of the old
   * one among its authors, due day) while not accepted, audited as the editor's; a new author gets its card.
   */
  follow(ctx: HandlerCtx, before: Rule, after: Rule, by: string): Promise<void>;
  /** Where the material stands; undefined when it cannot be found. */
  stateOf(ctx: HandlerCtx, materialId: string): Promise<MaterialState>;
}

export const ruleMaterials: RuleMaterials = {
  newId: newMaterialId,
  async create(ctx, rule, by) {
    if (await ctx.store.materials.get(rule.material)) return;
    await createMaterial(ctx, { id: rule.material, kind: 'rule', title: rule.name, authors: [rule.owner], due: rule.due, by });
  },
  async follow(ctx, before, after, by) {
    if (before.name === after.name && before.owner === after.owner && before.due === after.due) return;
    const m = await ctx.store.materials.get(after.material);
    if (!m || m.state === 'accepted') return;
    const authors = [...new Set(m.authors.map((a) => (a === before.owner ? after.owner : a)))];
    const u = await applyChange(m.id, (x) => editMaterial(x, { title: after.name, authors, due: after.due }, { by, now: ctx.now() }),
      'edit', by, ctx, { rule: after.id, due: after.due, authors });
    if (!u.ok) return;
    const added = u.material.authors.filter((a) => !m.authors.includes(a));
    await sendCards(u.material, added, (a) => materialAssignedKey(m.id, u.material.history.length, a),
      msg.materials.notices.assigned(await kindName(ctx, m.kind), u.material.title, shortDay(u.material.due)), ctx);
  },
  stateOf: async (ctx, materialId) => (await ctx.store.materials.get(materialId))?.state,
};
