import { ACTION_FORM, parseItemForm, pickedDay, requiredText, textOf } from '../../src/domain/ledger/form.js';
import { activate, editItem, newItem, reopen, setDeadline, type Changed } from '../../src/domain/ledger/transitions.js';
import { holds, newItemId, roundsOf, statusAllows, type LedgerAction, type LedgerItem } from '../../src/domain/ledger/item.js';
import { submitRef } from '../../src/domain/ledger/resend.js';
import { quotesOpinion } from '../../src/domain/ledger/quote.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { itemFieldErrors, ledgerDeadlinesCard, ledgerFormCard } from '../../cards/ledger/form.js';
import type { Card } from '../../cards/types.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { afterChange, applyChange, calendarOf, callerOf, denied, itemCardFor, notify, refusal, today } from './common.js';
import { knownPeople } from '../people.js';
import { recordOwnerCards, scheduleKeepAlive, sendToDeciders } from './steps/resend.js';
import type { CardHandler } from '../types.js';
import { hasRole } from '../access.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { assignedKey, ledgerNoticeKey, reopenedKey } from './outbox-keys.js';
import { boardPublished } from '../board/plan-gate.js';

/** Admin actions on ledger items: the form (create, edit), 开始整改, deadlines, reopening (回头看, low satisfaction). */

const L = msg.ledger;

async function formCard(ctx: HandlerCtx, item?: LedgerItem, errors?: Parameters<typeof ledgerFormCard>[0]['errors']): Promise<Card> {
  const people = await knownPeople(ctx);
  const rounds = (await ctx.store.evaluations.list()).sort((a, b) => Number(b.kind === 'satisfaction') - Number(a.kind === 'satisfaction'));
  return ledgerFormCard({
    people: people.list,
    leaders: [...people.leaders, ...people.list.filter((p) => !people.leaders.some((l) => l.openId === p.openId))],
    rounds: rounds.map((r) => ({ id: r.id, title: r.title })),
    ...(item ? { item } : {}),
    ...(errors ? { errors } : {}),
  });
}

/**
 * Loads the item and checks the caller on the server: no right → 无权限; the right but the wrong
 * status → a toast saying so. Nothing changes on a refusal.
 */
export async function guard(
  id: string, action: LedgerAction, openId: string, ctx: HandlerCtx,
): Promise<{ item: LedgerItem } | { answer: CardAnswer }> {
  const item = await ctx.store.ledger.get(id);
  if (!item) return { answer: toast('warning', L.toast.notFound) };
  const caller = await callerOf(openId, ctx);
  if (!holds(action, caller, item)) return { answer: denied() };
  if (!statusAllows(action, item)) {
    return { answer: toast('warning', item.needsDeadline && item.status === 'active' ? L.toast.needsDeadline : L.toast.wrongStatus) };
  }
  return { item };
}

/**
 * The owners get the item with their actions when a ladder starts by an admin's hand (start, new
 * deadline); it becomes each one's latest card, kept alive until the ladder's first card (handlers/ledger-resend.ts).
 */
async function sendAssigned(r: Changed, ctx: HandlerCtx, only?: readonly string[]): Promise<void> {
  const item = r.item;
  const people = await knownPeople(ctx);
  const owners = [...new Set([item.owner, ...item.coOwners])].filter((openId) => !only || only.includes(openId))
    .map((openId) => ({ openId, key: assignedKey(item.id, item.gen, openId) }));
  if (!owners.length) return;
  const messages = [];
  for (const { openId, key } of owners) {
    messages.push({
      key, to: { openId },
      body: { type: 'card' as const, card: await itemCardFor(item, openId, ctx, { banner: L.banners.assigned, people }) },
    });
  }
  await ctx.outbox.sendMany(messages);
  await recordOwnerCards(item.id, owners, ctx);
  await scheduleKeepAlive(item.id, ctx, r.plan?.steps);
}

const answered = async (r: Changed, actor: string, ctx: HandlerCtx, m: Msg) =>
  withCard(toast('success', m), await itemCardFor(r.item, actor, ctx, { showBack: true }));

export const onLedgerNew: CardHandler<'lg.new'> = async (_a, event, ctx) =>
  (await hasRole(event.operatorOpenId, ctx, 'admin')) ? withCard({}, await formCard(ctx)) : denied();

export const onLedgerEdit: CardHandler<'lg.edit'> = async (a, event, ctx) => {
  const g = await guard(a.id, 'edit', event.operatorOpenId, ctx);
  return 'answer' in g ? g.answer : withCard({}, await formCard(ctx, g.item));
};

/** 保存: a new item is stored as a draft; an edit keeps the status (a moved deadline restarts the ladder). */
export const onLedgerSave: CardHandler<'lg.save'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  if (!(await hasRole(actor, ctx, 'admin'))) return denied();
  let existing: LedgerItem | undefined;
  if (a.id) {
    const g = await guard(a.id, 'edit', actor, ctx);
    if ('answer' in g) return g.answer;
    existing = g.item;
  }
  const people = await knownPeople(ctx);
  const rounds = new Set((await ctx.store.evaluations.list(200)).map((r) => r.id));
  const parsed = parseItemForm(event.formValue ?? {}, { people: people.ids, rounds, today: today(ctx), ...(existing ? { existing } : {}) });
  if (!parsed.ok) {
    // Each error is marked at its field (no list on top: a full form stays within Lark's 200 components).
    const again = await formCard(ctx, existing);
    return formRefused(msg.errors.badInput, again, event.formValue, itemFieldErrors(parsed.errors, event.formValue));
  }
  // The form stays as it is: the admin rewords and saves again.
  if (await quotesAnonymousOpinion(parsed.value, ctx)) return toast('warning', L.toast.rewordOpinionSave);
  const b = { by: actor, now: ctx.now() };
  if (!existing) {
    const created = await ctx.store.ledger.create(
      newItem(parsed.value, newItemId(), b),
      { at: b.now, actor, action: 'ledger.create', detail: { source: parsed.value.source.kind } },
    );
    ctx.log.info({ actor, item: created.id }, 'ledger item created');
    return withCard(toast('success', L.toast.created), await itemCardFor(created, actor, ctx, { showBack: true }));
  }
  const r = await applyChange(existing.id, (it) => editItem(it, parsed.value, b, calendarOf(ctx)), 'edit', actor, ctx);
  if (!r.ok) return refusal(r);
  if (r.plan) await sendAssigned(r, ctx);
  else if (r.item.status === 'active' && !r.item.needsDeadline) {
    // A new owner or co-owner of a running item gets its card now, not at the next reminder.
    const before = new Set([existing.owner, ...existing.coOwners]);
    const added = [r.item.owner, ...r.item.coOwners].filter((id) => !before.has(id));
    if (added.length) await sendAssigned(r, ctx, added);
  }
  // Who decides follows the leader and the owners: a pending request reaches the new decider now.
  const decidersChanged = existing.leader !== r.item.leader || existing.owner !== r.item.owner
    || existing.coOwners.join() !== r.item.coOwners.join();
  if (decidersChanged && r.item.status === 'review') await sendToDeciders(r.item, 'review', submitRef(r.item), ctx);
  else if (decidersChanged && r.item.extension) await sendToDeciders(r.item, 'ext', r.item.extension.n, ctx);
  return answered(r, actor, ctx, L.toast.saved);
};

/**
 * Whether what the board shows of an item (problem, commitment) carries the own words of the anonymous
 * opinion it came from, or of one merged into it. Checked on every save and on 开始整改 (DESIGN §3).
 */
async function quotesAnonymousOpinion(item: Pick<LedgerItem, 'source' | 'problem' | 'commitment'>, ctx: HandlerCtx): Promise<boolean> {
  if (item.source.kind !== 'opinion' || !item.source.ref) return false;
  const root = await ctx.store.opinions.get(item.source.ref);
  if (!root) return false;
  const merged = await ctx.store.opinions.getMany(await ctx.store.opinions.groupMembers(root.id));
  return [root, ...merged].some((o) => o.anonymous && [item.problem, item.commitment].some((t) => quotesOpinion(t, o.text)));
}

export const onLedgerActivate: CardHandler<'lg.activate'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'activate', actor, ctx);
  if ('answer' in g) return g.answer;
  if (await quotesAnonymousOpinion(g.item, ctx)) return toast('warning', L.toast.rewordOpinion);
  const r = await applyChange(a.id, (it) => activate(it, { by: actor, now: ctx.now() }, calendarOf(ctx)), 'activate', actor, ctx);
  if (!r.ok) return refusal(r);
  await sendAssigned(r, ctx);
  // While the 整改方案 is not accepted the board shows no item: the toast says so rather than promise a 公示.
  return answered(r, actor, ctx, (await boardPublished(ctx)()) ? L.toast.activated : L.toast.activatedGated);
};

/** Sets or moves the deadline (also the answer to "needs a new deadline"); the ladder restarts on an active item. */
export const onLedgerDeadline: CardHandler<'lg.deadline'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'setDeadline', actor, ctx);
  if ('answer' in g) return g.answer;
  const fv = event.formValue ?? {};
  const field = Object.keys(fv).find((k) => k.startsWith(ACTION_FORM.deadlineDay));
  // From the item card (not the several-item deadlines card): the card again with what was typed, the field marked.
  const refuse = async (m: Msg, at: string) => (field === ACTION_FORM.deadlineDay
    ? formRefused(m, await itemCardFor(g.item, actor, ctx, { showBack: true }), fv, [{ field: at, text: t(m) }])
    : toast('warning', m));
  const day = field ? pickedDay(fv[field]) : undefined;
  if (!day || day < today(ctx)) return refuse(L.toast.badDay, ACTION_FORM.deadlineDay);
  const note = textOf(fv[ACTION_FORM.deadlineNote], 500);
  if (note === undefined) return refuse(L.toast.needReason, ACTION_FORM.deadlineNote);
  const r = await applyChange(
    a.id, (it) => setDeadline(it, day, { by: actor, now: ctx.now() }, calendarOf(ctx), note || undefined), 'deadline', actor, ctx, { day },
  );
  if (!r.ok) return refusal(r);
  if (r.plan) await sendAssigned(r, ctx);
  return answered(r, actor, ctx, L.toast.deadlineSet(day));
};

export const onLedgerReopen: CardHandler<'lg.reopen'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'reopen', actor, ctx);
  if ('answer' in g) return g.answer;
  const reason = requiredText(event.formValue?.[ACTION_FORM.reopenReason]);
  if (!reason) {
    const again = await itemCardFor(g.item, actor, ctx, { showBack: true });
    return formRefused(L.toast.needReason, again, event.formValue, [{ field: ACTION_FORM.reopenReason, text: t(L.toast.needReason) }]);
  }
  const { reopened } = await reopenItems([a.id], reason, actor, ctx);
  if (!reopened.length) return toast('warning', L.toast.wrongStatus);
  return withCard(toast('success', L.toast.reopened), await itemCardFor(reopened[0]!, actor, ctx, { showBack: true }));
};

/**
 * Reopens items (回头看, a satisfaction round below target): each returns to 整改中 flagged "needs a
 * new deadline", its ladder cancelled; owners are told; the admins get one card asking for the new
 * deadlines (the ladder restarts when one is set). Drafts and unknown items are left as they are.
 */
export async function reopenItems(
  ids: readonly string[], reason: string, by: string, ctx: HandlerCtx,
): Promise<{ reopened: LedgerItem[]; refused: string[] }> {
  const reopened: LedgerItem[] = [];
  const refused: string[] = [];
  for (const id of ids) {
    const r = await ctx.store.ledger.update(
      id, (it) => reopen(it, reason, { by, now: ctx.now() }), { at: ctx.now(), actor: by, action: 'ledger.reopen', detail: { id } },
    );
    if (!r.ok) {
      refused.push(id);
      continue;
    }
    await afterChange(r, by, ctx);
    reopened.push(r.item);
    const item = r.item;
    const keyOf = (openId: string) => ledgerNoticeKey(item.id, 'reopen', item.history.length, openId);
    await notify(keyOf, [item.owner, ...item.coOwners], L.notices.reopened(item.seq), ctx);
  }
  if (reopened.length) {
    const people = await knownPeople(ctx);
    const card = ledgerDeadlinesCard({ items: reopened, names: people.names, reason });
    await ctx.outbox.sendMany((await ctx.roles.admins()).map((openId) => ({
      key: reopenedKey(reopened, openId), to: { openId }, body: { type: 'card' as const, card },
    })));
  }
  ctx.log.info({ by, reopened: reopened.length, refused: refused.length }, 'ledger items reopened');
  return { reopened, refused };
}

/**
 * A satisfaction round closed with 继续整改: the items linked to it that were taken as done (待销号,
 * 已销号) go back to 整改中 for a new deadline. Items still 整改中 keep their deadline and ladder.
 */
export async function reopenForRound(roundId: string, actor: string, ctx: HandlerCtx): Promise<number> {
  const round = await ctx.store.evaluations.getMeta(roundId);
  const items = (await ctx.store.ledger.list())
    .filter((i) => (i.status === 'review' || i.status === 'closed') && roundsOf(i).includes(roundId));
  if (!items.length) return 0;
  const reason = `满意度测评未达标，继续整改 / Satisfaction below target: ${round?.title ?? roundId}`;
  return (await reopenItems(items.map((i) => i.id), reason, actor, ctx)).reopened.length;
}

