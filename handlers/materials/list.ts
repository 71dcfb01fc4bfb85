import { isCurrentReviewer, readsAll, canSee, type Material, type Viewer } from '../../src/domain/materials/material.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { materialListCard, type GroupKey } from '../../cards/materials/list.js';
import type { Card } from '../../cards/types.js';
import { withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { respond } from '../respond.js';
import type { CardHandler, CommandCall } from '../types.js';
import { chainPeople, kindNames, materialCardFor, seen, viewerOf } from './common.js';

/**
 * `材料` / `materials` (DESIGN §2.9): the materials the caller writes, those waiting for their review, and — for
 * admins, supervisors and the top leader — all of them. Opening one re-checks who may see it on the server.
 */

export async function materialListFor(viewer: Viewer, ctx: HandlerCtx, page = 0): Promise<Card> {
  const all = await ctx.store.materials.list();
  const people = await chainPeople(ctx);
  const byDue = (a: Material, b: Material) => a.due.localeCompare(b.due) || a.createdAt - b.createdAt;
  const mine = all.filter((m) => m.authors.includes(viewer.openId)).sort(byDue);
  const toReview = all.filter((m) => isCurrentReviewer(m, viewer.openId, people)).sort(byDue);
  const groups: { key: GroupKey; materials: Material[] }[] = [{ key: 'mine', materials: mine }, { key: 'toReview', materials: toReview }];
  if (readsAll(viewer)) groups.push({ key: 'all', materials: all });
  else {
    // A reviewer reads what has reached them before (not waiting for them now): listed under 全部材料 too.
    const reached = all.filter((m) => !mine.includes(m) && !toReview.includes(m) && canSee(m, viewer, people));
    groups.push({ key: 'all', materials: reached });
  }
  return materialListCard({ groups, kindNames: await kindNames(ctx), canCreate: hasAnyRole(viewer.roles, 'admin'), page });
}

export async function onMaterials(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const card = await materialListFor({ openId: cmd.callerOpenId, roles: cmd.roles }, ctx);
  await respond(cmd, { type: 'card', card }, ctx, { personal: true });
}

export const onMaterialList: CardHandler<'mt.list'> = async (a, event, ctx) =>
  withCard({}, await materialListFor(await viewerOf(event.operatorOpenId, ctx), ctx, a.page ?? 0));

export const onMaterialOpen: CardHandler<'mt.open'> = async (a, event, ctx) => {
  const g = await seen(a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  return withCard({}, await materialCardFor(g.material, event.operatorOpenId, ctx, { showBack: true }));
};
