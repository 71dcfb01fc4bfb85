import { materialsConfig, type KindKey, type MaterialsConfig } from '../../src/domain/materials/kinds.js';
import { withKindEdits } from '../../src/domain/materials/kind-edits.js';
import {
  awaitsVersion, canSee, isAuthor, isCurrentReviewer, type ChainPeople, type Material, type Step, type Viewer,
} from '../../src/domain/materials/material.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import type { MaterialUpdate } from '../../src/store/materials.js';
import { materialCard, type MaterialCan } from '../../cards/materials/material.js';
import type { Card } from '../../cards/types.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { callerRoles } from '../access.js';
import { knownPeople, type People } from '../people.js';
import { tz } from '../campaign-time.js';

/** Shared by the materials handlers and their reminder jobs: configuration, people of the chain, the viewer's card. */

const M = msg.materials;

/**
 * The one loader of the kinds: the campaign file's `materials` block with the admins' edits (材料 设置) over it. Every
 * materials handler and job reads kinds (chain, due day, names) through it.
 */
export async function effectiveMaterialsConfig(ctx: HandlerCtx): Promise<MaterialsConfig> {
  return withKindEdits(materialsConfig(ctx.campaign.campaign.materials), await ctx.store.materialKinds.get());
}
export const kindNames = async (ctx: HandlerCtx) =>
  Object.fromEntries((await effectiveMaterialsConfig(ctx)).kinds.map((k) => [k.key, k.name])) as Record<KindKey, string>;
export const kindName = async (ctx: HandlerCtx, key: KindKey) => (await kindNames(ctx))[key];

/** The top leader and every supervisor (file and run time): who acts for the chain's role steps. */
export async function chainPeople(ctx: HandlerCtx): Promise<ChainPeople> {
  const rt = await ctx.roles.runtime();
  return { topLeader: ctx.campaign.topLeader, supervisors: [...new Set([...ctx.campaign.supervisors, ...rt.supervisors.keys()])] };
}

export async function viewerOf(openId: string, ctx: HandlerCtx): Promise<Viewer> {
  return { openId, roles: await callerRoles(openId, ctx) };
}

export const denied = (): CardAnswer => toast('error', msg.errors.noPermission);

/** A refused change as a toast; nothing was changed. */
export function refusal(r: Exclude<MaterialUpdate, { ok: true }>): CardAnswer {
  if (r.reason === 'notReviewer') return denied();
  return toast('warning', M.toast[r.reason]);
}

/** A step's label: 主要负责同志, 督导组, or the person's name. */
export const stepLabel = (s: Step, people: People) =>
  (s === 'topLeader' ? t(M.steps.topLeader) : s === 'supervisors' ? t(M.steps.supervisors) : people.nameOf(s.person));

/** What the viewer may do with the material (the handlers check each action again). */
export function canOf(m: Material, v: Viewer, p: ChainPeople): MaterialCan {
  return {
    submit: isAuthor(m, v.openId) && awaitsVersion(m),
    review: isCurrentReviewer(m, v.openId, p),
    comment: hasAnyRole(v.roles, 'supervisor') && m.state !== 'drafting',
    edit: hasAnyRole(v.roles, 'admin') && m.state !== 'accepted',
    draft: m.kind === 'opinionReport' && m.state !== 'accepted' && (isAuthor(m, v.openId) || hasAnyRole(v.roles, 'admin')),
  };
}

/** The material card as `openId` sees it. */
export async function materialCardFor(
  m: Material, openId: string, ctx: HandlerCtx, opts: { banner?: Msg; showBack?: boolean; people?: People } = {},
): Promise<Card> {
  const people = opts.people ?? (await knownPeople(ctx));
  const chain = await chainPeople(ctx);
  const viewer = await viewerOf(openId, ctx);
  const rule = m.kind === 'rule' ? await ctx.store.rules.byMaterial(m.id) : undefined;
  return materialCard({
    material: m, kindName: await kindName(ctx, m.kind), names: people.names, stepLabels: m.chain.map((s) => stepLabel(s, people)),
    can: canOf(m, viewer, chain), timeZone: tz(ctx),
    ...(rule ? { rule: { id: rule.id, seq: rule.seq, name: rule.name } } : {}),
    ...(opts.banner ? { banner: opts.banner } : {}), ...(opts.showBack ? { showBack: true } : {}),
  });
}

/** The material, when the caller may see it; else the answer (not found, or the refusal). */
export async function seen(
  id: string, openId: string, ctx: HandlerCtx,
): Promise<{ material: Material; viewer: Viewer } | { answer: CardAnswer }> {
  const material = await ctx.store.materials.get(id);
  if (!material) return { answer: toast('warning', M.toast.notFound) };
  const viewer = await viewerOf(openId, ctx);
  if (!canSee(material, viewer, await chainPeople(ctx))) return { answer: denied() };
  return { material, viewer };
}
