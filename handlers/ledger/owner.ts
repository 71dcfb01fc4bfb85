import { ACTION_FORM, linkOf, pickedDay, requiredText, textOf } from '../../src/domain/ledger/form.js';
import { addProgress, askExtension, confirm, decideExtension, reject, submit } from '../../src/domain/ledger/transitions.js';
import { submitRef } from '../../src/domain/ledger/resend.js';
import type { LedgerItem } from '../../src/domain/ledger/item.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { formRefused, withCard, toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { guard } from './admin.js';
import { applyChange, calendarOf, itemCardFor, notify, refusal, today } from './common.js';
import { scheduleKeepAlive, sendToDeciders } from './steps/resend.js';
import type { CardHandler } from '../types.js';
import { extensionDecidedKey, ledgerNoticeKey } from './outbox-keys.js';
import { boardPublished } from '../board/plan-gate.js';

/**
 * Owners' and deciders' actions, from the nudge and decision cards. Owners and co-owners add
 * progress, ask for an extension and submit for 销号; the decider (the responsible leader, or an
 * admin or the top leader when the owner is the responsible leader: `decidersOf` in
 * ./ledger-resend.ts) decides extensions and signs off or rejects. Every action checks the caller
 * against the item on the server. Decision cards still pending after 13 days are re-sent.
 */

const L = msg.ledger;

const owners = (item: LedgerItem) => [item.owner, ...item.coOwners];
/** The item card again, with a toast that says what happened and what comes next. */
const done = async (item: LedgerItem, actor: string, ctx: HandlerCtx, m: Msg) =>
  withCard(toast('success', m), await itemCardFor(item, actor, ctx));

/** A refused form on the item card: the card again, what was typed kept and the wrong field marked. */
const refusedAt = async (item: LedgerItem, actor: string, ctx: HandlerCtx, formValue: unknown, field: string, m: Msg) =>
  formRefused(m, await itemCardFor(item, actor, ctx), formValue, [{ field, text: t(m) }]);

export const onLedgerProgress: CardHandler<'lg.progress'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'progress', actor, ctx);
  if ('answer' in g) return g.answer;
  const fv = event.formValue ?? {};
  const text = requiredText(fv[ACTION_FORM.progressText], 1000);
  if (!text) return refusedAt(g.item, actor, ctx, fv, ACTION_FORM.progressText, L.toast.needText);
  const link = linkOf(fv[ACTION_FORM.progressLink]);
  if (link === undefined) return refusedAt(g.item, actor, ctx, fv, ACTION_FORM.progressLink, L.toast.badLink);
  const r = await applyChange(
    a.id, (it) => addProgress(it, { text, ...(link ? { link } : {}) }, { by: actor, now: ctx.now() }), 'progress', actor, ctx,
  );
  return r.ok ? done(r.item, actor, ctx, L.toast.progressAdded) : refusal(r);
};

export const onLedgerExtend: CardHandler<'lg.extend'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'askExtension', actor, ctx);
  if ('answer' in g) return g.answer;
  const fv = event.formValue ?? {};
  const day = pickedDay(fv[ACTION_FORM.extendDay]);
  if (!day || day < today(ctx)) return refusedAt(g.item, actor, ctx, fv, ACTION_FORM.extendDay, L.toast.badDay);
  const reason = requiredText(fv[ACTION_FORM.extendReason]);
  if (!reason) return refusedAt(g.item, actor, ctx, fv, ACTION_FORM.extendReason, L.toast.needReason);
  const r = await applyChange(
    a.id, (it) => askExtension(it, { day, reason }, { by: actor, now: ctx.now() }), 'extension.ask', actor, ctx, { day },
  );
  if (!r.ok) return refusal(r);
  await sendToDeciders(r.item, 'ext', r.item.extension!.n, ctx);
  return done(r.item, actor, ctx, L.toast.extensionAsked);
};

export const onLedgerExtDecide: CardHandler<'lg.extDecide'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'decideExtension', actor, ctx);
  if ('answer' in g) return g.answer;
  const r = await applyChange(
    a.id, (it) => decideExtension(it, a.n, a.ok, { by: actor, now: ctx.now() }, calendarOf(ctx)),
    a.ok ? 'extension.approve' : 'extension.refuse', actor, ctx, { n: a.n },
  );
  if (!r.ok) return refusal(r);
  const text = a.ok ? L.notices.extensionApproved(r.item.seq, r.item.deadline ?? '') : L.notices.extensionRefused(r.item.seq);
  await notify((u) => extensionDecidedKey(r.item.id, a.n, u), owners(r.item), text, ctx);
  // A new ladder without a new item card: the owners' latest cards are kept alive from when they were sent.
  if (r.plan) await scheduleKeepAlive(r.item.id, ctx, r.plan.steps);
  return done(r.item, actor, ctx, a.ok ? L.toast.extensionApproved(r.item.deadline ?? '') : L.toast.extensionRefused);
};

export const onLedgerSubmit: CardHandler<'lg.submit'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'submit', actor, ctx);
  if ('answer' in g) return g.answer;
  const summary = textOf(event.formValue?.[ACTION_FORM.summary]);
  if (summary === undefined) return refusedAt(g.item, actor, ctx, event.formValue, ACTION_FORM.summary, L.toast.needText);
  const r = await applyChange(a.id, (it) => submit(it, summary || undefined, { by: actor, now: ctx.now() }), 'submit', actor, ctx);
  if (!r.ok) return refusal(r);
  await sendToDeciders(r.item, 'review', submitRef(r.item), ctx);
  return done(r.item, actor, ctx, L.toast.submitted);
};

export const onLedgerConfirm: CardHandler<'lg.confirm'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'confirm', actor, ctx);
  if ('answer' in g) return g.answer;
  const review = textOf(event.formValue?.[ACTION_FORM.review], 500);
  if (review === undefined) return refusedAt(g.item, actor, ctx, event.formValue, ACTION_FORM.review, L.toast.needReason);
  const r = await applyChange(a.id, (it) => confirm(it, review || undefined, { by: actor, now: ctx.now() }), 'close', actor, ctx);
  if (!r.ok) return refusal(r);
  await notify((u) => ledgerNoticeKey(r.item.id, 'closed', r.item.history.length, u), owners(r.item), L.notices.closed(r.item.seq), ctx);
  return done(r.item, actor, ctx, (await boardPublished(ctx)()) ? L.toast.closed : L.toast.closedGated);
};

export const onLedgerReject: CardHandler<'lg.reject'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await guard(a.id, 'reject', actor, ctx);
  if ('answer' in g) return g.answer;
  const reason = requiredText(event.formValue?.[ACTION_FORM.rejectReason]);
  if (!reason) return refusedAt(g.item, actor, ctx, event.formValue, ACTION_FORM.rejectReason, L.toast.needReason);
  const r = await applyChange(a.id, (it) => reject(it, reason, { by: actor, now: ctx.now() }, calendarOf(ctx)), 'reject', actor, ctx);
  if (!r.ok) return refusal(r);
  await notify((u) => ledgerNoticeKey(r.item.id, 'rejected', r.item.history.length, u), owners(r.item),
    L.notices.rejected(r.item.seq), ctx);
  if (r.plan) await scheduleKeepAlive(r.item.id, ctx, r.plan.steps);
  return done(r.item, actor, ctx, L.toast.rejected);
};
