import type { CardActionName } from '../../cards/actions.js';
import { milestoneAddCard, milestoneEditCard, timelineSettingsCard } from '../../cards/campaign/settings.js';
import {
  parseAddForm, parseEditForm, parsePhaseForm, TIMELINE_FORM, type TimelineFormError,
} from '../../src/domain/campaign/settings-form.js';
import {
  applyEdit, effectiveMilestones, effectivePhases, MAX_ADDED_MILESTONES, phaseOnDay, timelineError,
  type TimelineEdit, type TimelineError, type TimelineOverrides,
} from '../../src/domain/campaign/timeline.js';
import { msg, t, type Locale, type Msg } from '../../src/messages/index.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { hasRole } from '../access.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import { respond } from '../respond.js';
import type { CardHandler, CommandCall } from '../types.js';

/**
 * 进度 设置 (DESIGN §2.7): admins move a phase's dates, add, move or remove a milestone and set its owner. Each
 * edit is applied to the stored document over the campaign file (src/domain/campaign/timeline.ts), checked on
 * the whole effective timeline (no inverted or overlapping phase, every milestone inside its phase), then stored
 * with its audit entry and everything the timeline drives re-planned. Bad input stores nothing and says what to
 * fix. Admins only, checked on the server at every click (a forwarded card grants nothing).
 */

const T = msg.campaign.settings.toast;
const localeOf = (ctx: HandlerCtx): Locale => (ctx.campaign.campaign.locale === 'en-US' ? 'en' : 'zh');
const file = (ctx: HandlerCtx) => ctx.campaign.campaign.phases;

async function settingsCard(ctx: HandlerCtx, o?: TimelineOverrides) {
  const overrides = o ?? await ctx.store.timeline.get();
  const people = await knownPeople(ctx);
  const phases = effectivePhases(file(ctx), overrides);
  const ms = effectiveMilestones(file(ctx), overrides);
  const ownerOf = (id: string) => {
    const m = ms.find((x) => x.id === id)?.milestone;
    const owner = m?.owner;
    return owner ? owner.name ?? ('openId' in owner ? people.nameOf(owner.openId) : undefined) : undefined;
  };
  return timelineSettingsCard({
    campaignName: ctx.campaign.campaign.name, locale: localeOf(ctx),
    people: people.list.map((p) => ({ openId: p.openId, name: p.name })),
    phases: phases.map((p) => ({
      key: p.key, name: p.name, start: p.start, end: p.end, edited: p.key in overrides.phases,
      milestones: ms.filter((m) => m.phaseKey === p.key).sort((a, b) => a.milestone.date.localeCompare(b.milestone.date))
        .map((m) => ({ id: m.id, name: m.milestone.name, date: m.milestone.date, ...(ownerOf(m.id) ? { ownerName: ownerOf(m.id) } : {}) })),
    })),
  });
}

/** The command (admins: the router checks the role): the settings card, by direct message. */
export async function onProgressSettings(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await respond(cmd, { type: 'card', card: await settingsCard(ctx) }, ctx, { personal: true });
}

const errorToast = (e: TimelineError): Msg => (e.kind === 'inverted' ? T.inverted(e.phase)
  : e.kind === 'overlap' ? T.overlap(e.phase, e.other)
    : e.kind === 'outsidePhase' ? T.outsidePhase(e.milestone, e.phase) : T.duplicate(e.milestone));
const formToast = (e: TimelineFormError): Msg => T[e];

/** Applies edits: validated on the whole effective timeline, stored with their audit entry, then re-planned. */
async function save(
  ctx: HandlerCtx, by: string, edits: TimelineEdit[], audit: { action: string; detail: Record<string, unknown> }, done: Msg,
): Promise<CardAnswer> {
  const next = edits.reduce((o, e) => applyEdit(file(ctx), o, e), await ctx.store.timeline.get());
  if (next.added.length > MAX_ADDED_MILESTONES) return toast('warning', T.tooMany(MAX_ADDED_MILESTONES));
  const error = timelineError(effectivePhases(file(ctx), next));
  if (error) return toast('warning', errorToast(error));
  await ctx.store.timeline.save(next, { at: ctx.now(), actor: by, action: `campaign.timeline.${audit.action}`, detail: audit.detail });
  await ctx.timelineJobs.replan();
  ctx.log.info({ edit: audit.action }, 'campaign timeline edited and re-planned');
  return withCard(toast('success', done), await settingsCard(ctx, next));
}

const admin = (event: { operatorOpenId: string }, ctx: HandlerCtx) => hasRole(event.operatorOpenId, ctx, 'admin');
const denied = () => toast('error', msg.errors.noPermissionFor);

const ADD_FIELD: Record<TimelineFormError, string> = {
  name: TIMELINE_FORM.addName, day: TIMELINE_FORM.addDate, owner: TIMELINE_FORM.addOwner, deliverable: TIMELINE_FORM.addDeliverable,
};
/** A refused form (phase, add, edit): the form again, what was typed kept and the wrong field marked. */
const refusedAt = (ctx: HandlerCtx, card: Parameters<typeof formRefused>[1], fv: unknown, field: string, m: Msg) =>
  formRefused(m, card, fv, [{ field, text: t(m, localeOf(ctx)) }]);

/** A phase's new dates. */
const onPhaseSave: CardHandler<'tl.phase'> = async (a, event, ctx) => {
  if (!(await admin(event, ctx))) return denied();
  if (file(ctx)[a.i]?.key !== a.key) return toast('warning', T.noPhase);
  const form = parsePhaseForm(event.formValue ?? {}, a.i);
  if (!form.ok) {
    const startOk = parsePhaseForm({ ...event.formValue, [TIMELINE_FORM.phaseEnd(a.i)]: '2000-01-01' }, a.i).ok;
    const field = startOk ? TIMELINE_FORM.phaseEnd(a.i) : TIMELINE_FORM.phaseStart(a.i);
    return refusedAt(ctx, await settingsCard(ctx), event.formValue, field, formToast(form.error));
  }
  const edit: TimelineEdit = { kind: 'phase', key: a.key, start: form.start, end: form.end };
  return save(ctx, event.operatorOpenId, [edit], { action: 'phase', detail: { key: a.key, start: form.start, end: form.end } }, T.saved);
};

async function addCard(ctx: HandlerCtx) {
  const people = (await knownPeople(ctx)).list.map((p) => ({ openId: p.openId, name: p.name }));
  return milestoneAddCard({ people, locale: localeOf(ctx) });
}

/** 新增时间节点: the form, in place of the settings card. */
const onMilestoneNew: CardHandler<'tl.new'> = async (_a, event, ctx) => {
  if (!(await admin(event, ctx))) return denied();
  return withCard({}, await addCard(ctx));
};


/** A milestone added: its phase is the one whose days hold its date. */
const onMilestoneAdd: CardHandler<'tl.add'> = async (_a, event, ctx) => {
  if (!(await admin(event, ctx))) return denied();
  const form = parseAddForm(event.formValue ?? {}, (await knownPeople(ctx)).ids);
  if (!form.ok) return refusedAt(ctx, await addCard(ctx), event.formValue, ADD_FIELD[form.error], formToast(form.error));
  const phase = phaseOnDay(effectivePhases(file(ctx), await ctx.store.timeline.get()), form.date);
  if (!phase) return refusedAt(ctx, await addCard(ctx), event.formValue, TIMELINE_FORM.addDate, T.noPhaseOnDay);
  const { ok: _ok, ...milestone } = form;
  const detail = { phase: phase.key, name: form.name, date: form.date, ...(form.owner ? { owner: form.owner } : {}) };
  const edit: TimelineEdit = { kind: 'add', milestone: { phaseKey: phase.key, ...milestone } };
  return save(ctx, event.operatorOpenId, [edit], { action: 'add', detail }, T.saved);
};

async function findMilestone(ctx: HandlerCtx, id: string) {
  return effectiveMilestones(file(ctx), await ctx.store.timeline.get()).find((m) => m.id === id);
}

async function editCard(ctx: HandlerCtx, m: NonNullable<Awaited<ReturnType<typeof findMilestone>>>) {
  const people = await knownPeople(ctx);
  const owner = m.milestone.owner && 'openId' in m.milestone.owner ? m.milestone.owner.openId : undefined;
  return milestoneEditCard({
    milestone: { id: m.id, name: m.milestone.name, date: m.milestone.date, ...(owner ? { owner } : {}) },
    people: people.list.map((p) => ({ openId: p.openId, name: p.name })), locale: localeOf(ctx),
  });
}

/** 修改: the milestone's form, in place of the settings card. */
const onMilestoneEdit: CardHandler<'tl.edit'> = async (a, event, ctx) => {
  if (!(await admin(event, ctx))) return denied();
  const m = await findMilestone(ctx, a.id);
  return m ? withCard({}, await editCard(ctx, m)) : toast('warning', T.gone);
};

/** 保存修改: a new date (inside its phase) and/or an owner. */
const onMilestoneEditSave: CardHandler<'tl.editSave'> = async (a, event, ctx) => {
  if (!(await admin(event, ctx))) return denied();
  const m = await findMilestone(ctx, a.id);
  if (!m) return toast('warning', T.gone);
  const form = parseEditForm(event.formValue ?? {}, (await knownPeople(ctx)).ids);
  if (!form.ok) {
    const field = form.error === 'owner' ? TIMELINE_FORM.editOwner : TIMELINE_FORM.editDate;
    return refusedAt(ctx, await editCard(ctx, m), event.formValue, field, formToast(form.error));
  }
  const edits: TimelineEdit[] = [
    ...(form.date !== m.milestone.date ? [{ kind: 'move' as const, source: m.source, date: form.date }] : []),
    ...(form.owner ? [{ kind: 'owner' as const, source: m.source, owner: form.owner }] : []),
  ];
  if (!edits.length) return withCard(toast('success', T.saved), await settingsCard(ctx));
  const detail = {
    id: m.id, name: m.milestone.name, from: m.milestone.date, date: form.date, ...(form.owner ? { owner: form.owner } : {}),
  };
  return save(ctx, event.operatorOpenId, edits, { action: 'milestone', detail }, T.saved);
};

/** 删除 (confirmed in the client): its planned reminders find no milestone under their id and send nothing. */
const onMilestoneRemove: CardHandler<'tl.remove'> = async (a, event, ctx) => {
  if (!(await admin(event, ctx))) return denied();
  const m = await findMilestone(ctx, a.id);
  if (!m) return toast('warning', T.gone);
  const detail = { id: m.id, name: m.milestone.name, date: m.milestone.date };
  return save(ctx, event.operatorOpenId, [{ kind: 'remove', source: m.source }], { action: 'remove', detail }, T.removed);
};

/** 返回活动安排: the settings card again. */
const onSettingsBack: CardHandler<'tl.back'> = async (_a, event, ctx) =>
  ((await admin(event, ctx)) ? withCard({}, await settingsCard(ctx)) : denied());

/** 进度 设置's card actions (`tl.*`), spread into the one card registry in handlers/index.ts. */
export const timelineCardHandlers: { [A in Extract<CardActionName, `tl.${string}`>]: CardHandler<A> } = {
  'tl.phase': onPhaseSave,
  'tl.new': onMilestoneNew,
  'tl.add': onMilestoneAdd,
  'tl.edit': onMilestoneEdit,
  'tl.editSave': onMilestoneEditSave,
  'tl.remove': onMilestoneRemove,
  'tl.back': onSettingsBack,
};
