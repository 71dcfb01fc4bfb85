import type { Rule } from '../../src/domain/rules/rule.js';
import type { MaterialState } from '../../src/domain/rules/transitions.js';
import type { HandlerCtx } from '../context.js';
import { newMaterialId } from '../../src/domain/materials/material.js';
import { createMaterial } from '../materials/create.js';

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
  /** Where the material stands; undefined when it cannot be found. */
  stateOf(ctx: HandlerCtx, materialId: string): Promise<MaterialState>;
}

export const ruleMaterials: RuleMaterials = {
  newId: newMaterialId,
  async create(ctx, rule, by) {
    if (await ctx.store.materials.get(rule.material)) return;
    await createMaterial(ctx, { id: rule.material, kind: 'rule', title: rule.name, authors: [rule.owner], due: rule.due, by });
  },
  stateOf: async (ctx, materialId) => (await ctx.store.materials.get(materialId))?.state,
};
