import type { Rule } from '../../src/domain/rules/rule.js';
import type { MaterialState } from '../../src/domain/rules/transitions.js';
import type { HandlerCtx } from '../context.js';

/**
 * The rules register's one contact with the materials feature (材料报审): a rule's drafts and reviews go
 * through a material of kind 制度 authored by the rule's owner. Every rule decision lives outside this file.
 *
 * Until the materials feature is merged this is a stand-in on a small store of the rules feature
 * (`store.rules.standInMaterials`): `create` records a material in 起草中, `stateOf` reads its state. The merge
 * swaps the two bodies for `createMaterial(ctx, { kind: 'rule', title, authors, due, by })` and
 * `ctx.store.materials.get(id)?.state`, and drops the stand-in.
 */
export interface RuleMaterials {
  /** Creates the rule's material (kind 制度, authored by the owner, due on the rule's due day); returns its id. */
  create(ctx: HandlerCtx, rule: Pick<Rule, 'id' | 'name' | 'owner' | 'due'>, by: string): Promise<string>;
  /** Where the material stands; undefined when it cannot be found. */
  stateOf(ctx: HandlerCtx, materialId: string): Promise<MaterialState>;
}

export const ruleMaterials: RuleMaterials = {
  async create(ctx, rule) {
    const id = `rlmat-${rule.id}`;
    await ctx.store.rules.standInMaterials.set(id, 'drafting');
    return id;
  },
  stateOf: (ctx, materialId) => ctx.store.rules.standInMaterials.get(materialId),
};
