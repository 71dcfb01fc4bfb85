import type { CardActionName } from '../../cards/actions.js';
import { materialKindFormCard, materialKindsCard, type KindRow } from '../../cards/materials/kinds.js';
import { shortDay } from '../../cards/materials/common.js';
import { effectiveMilestones } from '../../src/domain/campaign/timeline.js';
import {
  chainChoiceOf, dueModeOf, KIND_ERROR_FIELD, parseKindForm, type KindEdit,
} from '../../src/domain/materials/kind-edits.js';
import { kindOf, type KindKey, type MaterialKind } from '../../src/domain/materials/kinds.js';
import type { Material } from '../../src/domain/materials/material.js';
import { editMaterial } from '../../src/domain/materials/transitions.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import type { CardAnswer, CardEvent } from '../../src/pipeline.js';
import { hasRole } from '../access.js';
import { today } from '../campaign-time.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { personalCard } from '../personal-chat.js';
import { respond } from '../respond.js';
import type { CardHandler, CommandCall } from '../types.js';
import { effectiveMaterialsConfig } from './common.js';
import { dueOfKind } from './create.js';
import { applyChange } from './effects.js';

/**
 * 材料 设置 (DESIGN §2.9): admins set each kind's chain and default due day (a day, a milestone of the effective
 * timeline, or neither) over the campaign file's `materials` block; stored with its audit entry `material.kindEdit`
 * and read by every materials handler through `effectiveMaterialsConfig`. Materials created later follow the edit;
 * existing ones keep their chain, and those not accepted yet that are due on the kind's old default day move only
 * when the admin ticks the box (each through the usual edit path: audited `material.edit`, reminders re-planned).
 * Bad input stores nothing and says what to fix. Admins only, checked on the server at every click.
 */

const S = msg.materials.settings;
const STEP = msg.materials.steps;

const milestonesOf = async (ctx: HandlerCtx) => effectiveMilestones(ctx.campaign.campaign.phases, await ctx.store.timeline.get());
type Milestones = Awaited<ReturnType<typeof milestonesOf>>;
/** A kind's milestone: stored by its file id (it follows the milestone when moved) or, added in chat, by its id. */
const milestoneOf = (all: Milestones, id: string) => all.find((e) => e.id === id || (e.source.kind === 'file' && e.source.id === id));

function dueText(k: MaterialKind, all: Milestones): Msg {
  if (k.key === 'rule') return S.due.rule;
  if (k.due) return S.due.day(shortDay(k.due));
  if (!k.milestone) return S.due.none;
  const m = milestoneOf(all, k.milestone);
  return m ? S.due.milestone(m.milestone.name, shortDay(m.milestone.date)) : S.due.missing;
}

async function settingsCard(ctx: HandlerCtx) {
  const [cfg, edits, all] = [await effectiveMaterialsConfig(ctx), await ctx.store.materialKinds.get(), await milestonesOf(ctx)];
  const kinds = cfg.kinds.map((k): KindRow => ({
    key: k.key, name: k.name, author: k.author, chainLabel: k.chain.map((s) => t(STEP[s])).join(' → '),
    due: dueText(k, all), edited: edits.kinds[k.key] !== undefined,
  }));
  return materialKindsCard({ kinds });
}

/** Materials of the kind not accepted yet, due on its current default day (those the box would move). */
async function openOnDefault(ctx: HandlerCtx, key: KindKey, due: string | undefined): Promise<Material[]> {
  if (!due || key === 'rule') return [];
  return (await ctx.store.materials.list()).filter((m) => m.kind === key && m.state !== 'accepted' && m.due === due);
}

async function formCard(ctx: HandlerCtx, kind: MaterialKind) {
  const all = await milestonesOf(ctx);
  const oldDue = await dueOfKind(ctx, kind);
  const chain = chainChoiceOf(kind.chain);
  const current = kind.milestone ? milestoneOf(all, kind.milestone) : undefined;
  return materialKindFormCard({
    kind, mode: dueModeOf(kind), milestones: [...all].sort((a, b) => a.milestone.date.localeCompare(b.milestone.date))
      .map((e) => ({ id: e.id, name: e.milestone.name, date: e.milestone.date })),
    moveCount: (await openOnDefault(ctx, kind.key, oldDue)).length,
    ...(chain ? { chain } : {}), ...(kind.due ? { day: kind.due } : {}), ...(current ? { milestone: current.id } : {}),
    ...(oldDue ? { oldDue } : {}),
  });
}

/** The command (admins: the router checks the role): the settings card, by direct message. */
export async function onMaterialsSettings(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await respond(cmd, { type: 'card', card: await settingsCard(ctx) }, ctx, { personal: true });
}

const admin = (event: { operatorOpenId: string }, ctx: HandlerCtx) => hasRole(event.operatorOpenId, ctx, 'admin');
const denied = () => toast('error', msg.errors.noPermissionFor);
const kindNow = async (ctx: HandlerCtx, key: KindKey) => kindOf(await effectiveMaterialsConfig(ctx), key);

/** 修改: the kind's form, in place of the settings card. */
const onKindEdit: CardHandler<'mk.edit'> = async (a, event, ctx) => {
  if (!(await admin(event, ctx))) return denied();
  return withCard({}, await formCard(ctx, await kindNow(ctx, a.key)));
};

/** Moves the open materials due on the old default day to the new one (each audited and re-planned); how many moved. */
async function moveOpen(ctx: HandlerCtx, key: KindKey, from: string, to: string, by: string): Promise<number> {
  let moved = 0;
  for (const m of await openOnDefault(ctx, key, from)) {
    const u = await applyChange(m.id, (x) => (x.due !== from ? { ok: false, reason: 'stale' }
      : editMaterial(x, { title: x.title, authors: x.authors, due: to }, { by, now: ctx.now() })), 'edit', by, ctx, { due: to, kind: key });
    if (u.ok) moved++;
  }
  return moved;
}

const summary = (k: MaterialKind): KindEdit => ({
  chain: [...k.chain], ...(k.due ? { due: k.due } : {}), ...(k.milestone ? { milestone: k.milestone } : {}),
});

/** 保存: checked, stored over the file's kind with its audit entry; the open materials moved when the box is ticked. */
const onKindSave: CardHandler<'mk.save'> = async (a, event, ctx): Promise<CardAnswer> => {
  const actor = event.operatorOpenId;
  if (!(await admin(event, ctx))) return denied();
  const kind = await kindNow(ctx, a.key);
  const all = await milestonesOf(ctx);
  const milestones = new Map(all.map((e) => [e.id, { date: e.milestone.date, stored: e.source.kind === 'file' ? e.source.id : e.id }]));
  const fv = event.formValue ?? {};
  const r = parseKindForm(fv, { kind, milestones, today: today(ctx) });
  if (!r.ok) {
    const m = S.toast[r.error];
    return formRefused(m, await formCard(ctx, kind), fv, [{ field: KIND_ERROR_FIELD[r.error], text: t(m) }]);
  }
  const oldDue = await dueOfKind(ctx, kind);
  const edits = await ctx.store.materialKinds.get();
  await ctx.store.materialKinds.save({ kinds: { ...edits.kinds, [a.key]: r.edit } }, {
    at: ctx.now(), actor, action: 'material.kindEdit', detail: { key: a.key, from: summary(kind), to: r.edit },
  });
  const newDue = await dueOfKind(ctx, await kindNow(ctx, a.key));
  const moved = r.move && oldDue && newDue && newDue !== oldDue ? await moveOpen(ctx, a.key, oldDue, newDue, actor) : 0;
  ctx.log.info({ kind: a.key, moved }, 'materials kind edited');
  return withCard(toast('success', moved ? S.toast.moved(moved) : S.toast.saved), await settingsCard(ctx));
};

/** 返回材料设置: the settings card again. */
const onKindsBack: CardHandler<'mk.back'> = async (_a, event, ctx) =>
  ((await admin(event, ctx)) ? withCard({}, await settingsCard(ctx)) : denied());

/** Admins only, then only in their own chat with the bot: from another chat, the settings card comes by direct message. */
const fresh = async (_a: unknown, _e: CardEvent, ctx: HandlerCtx) => settingsCard(ctx);
function personal<A extends Extract<CardActionName, `mk.${string}`>>(h: CardHandler<A>): CardHandler<A> {
  const own = personalCard(h, { fresh });
  return async (a, event, ctx) => ((await admin(event, ctx)) ? own(a, event, ctx) : denied());
}

/** 材料 设置's card actions (`mk.*`), spread into the one card registry in handlers/index.ts. */
export const materialKindCardHandlers: { [A in Extract<CardActionName, `mk.${string}`>]: CardHandler<A> } = {
  'mk.edit': personal(onKindEdit),
  'mk.save': personal(onKindSave),
  'mk.back': personal(onKindsBack),
};
