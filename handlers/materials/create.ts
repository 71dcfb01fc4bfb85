import { addDays } from '../../src/domain/calendar.js';
import { effectiveMilestones, phaseOnDay } from '../../src/domain/campaign/timeline.js';
import { parseMaterialForm, type MaterialFormError } from '../../src/domain/materials/form.js';
import { kindOf, type KindKey, type MaterialKind } from '../../src/domain/materials/kinds.js';
import { chainFor, newMaterialId, type Material } from '../../src/domain/materials/material.js';
import { planAuthorReminders } from '../../src/domain/materials/reminders.js';
import { newMaterial } from '../../src/domain/materials/transitions.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { msg, t } from '../../src/messages/index.js';
import { materialFormCard } from '../../cards/materials/form.js';
import { MATERIAL_FORM } from '../../src/domain/materials/form.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import { calendarOf, today } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import { chainPeople, effectiveMaterialsConfig, denied, kindName, materialCardFor, viewerOf } from './common.js';
import { materialAssignedKey } from './outbox-keys.js';
import { sendCards } from './send.js';
import { materialListFor } from './list.js';
import { shortDay } from '../../cards/materials/common.js';

/**
 * The office creates materials (DESIGN §2.9): one of an office kind from the form, or every leader's 对照检查材料 in
 * one tap (idempotent: a leader who has theirs gets no second one). Each author gets the material's card; the
 * due-date reminders are scheduled. `createMaterial` is the seam other features (the rules register) create through.
 */

const M = msg.materials;

/** `id`: chosen by the caller that names the material before it exists (the rules register); else a new one. */
export interface CreateInput { kind: KindKey; title: string; authors: string[]; due: string; by: string; id?: string }

async function create(ctx: HandlerCtx, f: CreateInput, leader?: string): Promise<{ material: Material; created: boolean }> {
  const kind = kindOf(await effectiveMaterialsConfig(ctx), f.kind);
  const chain = chainFor(kind.chain, f.authors, await chainPeople(ctx));
  const b = { by: f.by, now: ctx.now() };
  const m = newMaterial({ id: f.id ?? newMaterialId(), kind: f.kind, title: f.title, authors: f.authors, chain, due: f.due }, b);
  const r = await ctx.store.materials.create(m, {
    at: b.now, actor: f.by, action: 'material.create', detail: { kind: f.kind, due: f.due, authors: f.authors },
  }, leader);
  if (!r.created) return r;
  await ctx.materialJobs.authorReminders(m.id, m.gen, planAuthorReminders(m.due, ctx.now(), calendarOf(ctx)));
  await sendCards(m, m.authors, (u) => materialAssignedKey(m.id, m.history.length, u),
    M.notices.assigned(await kindName(ctx, m.kind), m.title, shortDay(m.due)), ctx);
  return r;
}

/** Creates a material (audited), schedules its reminders and sends each author its card. */
export async function createMaterial(ctx: HandlerCtx, f: CreateInput): Promise<Material> {
  return (await create(ctx, f)).material;
}

/** A kind's due day: its own, or its milestone's date in the effective timeline (moved milestones followed). */
export async function dueOfKind(ctx: HandlerCtx, kind: MaterialKind): Promise<string | undefined> {
  if (kind.due) return kind.due;
  if (!kind.milestone) return undefined;
  const all = effectiveMilestones(ctx.campaign.campaign.phases, await ctx.store.timeline.get());
  return all.find((e) => e.id === kind.milestone || (e.source.kind === 'file' && e.source.id === kind.milestone))?.milestone.date;
}

const officeKinds = async (ctx: HandlerCtx) =>
  (await effectiveMaterialsConfig(ctx)).kinds.filter((k) => k.author === 'office' && k.key !== 'rule');

async function formCard(ctx: HandlerCtx) {
  const people = await knownPeople(ctx);
  const admins = new Set(await ctx.roles.admins());
  const ordered = [...people.list.filter((p) => admins.has(p.openId)), ...people.list.filter((p) => !admins.has(p.openId))];
  return { card: materialFormCard({ kinds: await officeKinds(ctx), people: ordered }), ids: people.ids };
}

const isAdmin = async (openId: string, ctx: HandlerCtx) => hasAnyRole((await viewerOf(openId, ctx)).roles, 'admin');

export const onMaterialNew: CardHandler<'mt.new'> = async (_a, event, ctx) => {
  if (!(await isAdmin(event.operatorOpenId, ctx))) return denied();
  return withCard({}, (await formCard(ctx)).card);
};

const ERRORS: Record<MaterialFormError, keyof typeof M.form.errors> = { kind: 'kind', title: 'title', authors: 'authors', due: 'due' };
const FIELD: Record<MaterialFormError, string> = {
  kind: MATERIAL_FORM.kind, title: MATERIAL_FORM.title, authors: MATERIAL_FORM.authors, due: MATERIAL_FORM.due,
};
export const formErrors = (errors: readonly MaterialFormError[]) =>
  errors.map((e) => ({ field: FIELD[e], text: t(M.form.errors[ERRORS[e]]) }));

export const onMaterialCreate: CardHandler<'mt.create'> = async (_a, event, ctx) => {
  const actor = event.operatorOpenId;
  if (!(await isAdmin(actor, ctx))) return denied();
  const { card, ids } = await formCard(ctx);
  const fv = event.formValue ?? {};
  const kinds = await officeKinds(ctx);
  const kindDues: Partial<Record<KindKey, string>> = {};
  for (const k of kinds) {
    const d = await dueOfKind(ctx, k);
    if (d) kindDues[k.key] = d;
  }
  const r = parseMaterialForm(fv, { authorsAllowed: ids, officeKinds: kinds.map((k) => k.key), today: today(ctx), kindDues });
  if (!r.ok) return formRefused(M.toast.formErrors, card, fv, formErrors(r.errors));
  const m = await createMaterial(ctx, { ...r.value, by: actor });
  return withCard(toast('success', M.toast.created), await materialCardFor(m, actor, ctx, { showBack: true }));
};

/** 为各位班子成员生成对照检查材料: one per leader (the top leader's goes straight to the 督导组), none twice. */
export const onMaterialSelfChecks: CardHandler<'mt.selfChecks'> = async (_a, event, ctx) => {
  const actor = event.operatorOpenId;
  if (!(await isAdmin(actor, ctx))) return denied();
  const kind = kindOf(await effectiveMaterialsConfig(ctx), 'selfCheck');
  const day = today(ctx);
  // The kind's own due day or milestone; else the end of the phase under way (admins may move it); else two weeks.
  const phases = (await ctx.timeline()).phases;
  const due = (await dueOfKind(ctx, kind)) ?? phaseOnDay(phases, day)?.end ?? addDays(day, 14);
  const people = await knownPeople(ctx);
  let made = 0;
  let had = 0;
  for (const leader of people.leaders) {
    const r = await create(ctx, { kind: 'selfCheck', title: `${leader.name}${kind.name}`, authors: [leader.openId], due, by: actor },
      leader.openId);
    if (r.created) made++;
    else had++;
  }
  return withCard(toast('success', M.toast.selfChecks(made, had)), await materialListFor(await viewerOf(actor, ctx), ctx));
};
