import { DONE_FORM, parseDoneForm, parseNote, type DoneError } from '../../src/domain/talks/form.js';
import { otherParty, recordDone } from '../../src/domain/talks/talk.js';
import { msg, t } from '../../src/messages/index.js';
import { shortDay } from '../../cards/materials/common.js';
import { talkDoneCard, talkNoteCard } from '../../cards/talks/talk.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import { today, tz } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import { denied, namesOf, talkCardFor, talkFor } from './common.js';
import { talkHeldKey } from './outbox-keys.js';

/**
 * Either party records a talk held (day ≤ today, place ≤ 100 characters): audited, the other party told. Each party
 * keeps a private note: read and written here for the clicker alone, answered inline only (never through the outbox,
 * never logged, never audited).
 */

const M = msg.talks;
const FIELD: Record<DoneError, string> = { day: DONE_FORM.day, future: DONE_FORM.day, place: DONE_FORM.place };

export const onTalkDoneForm: CardHandler<'tk.doneForm'> = async (a, event, ctx) => {
  const g = await talkFor(a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  if (g.talk.state === 'done') return toast('warning', M.toast.done);
  return withCard({}, talkDoneCard({ talk: g.talk, names: await namesOf(ctx), viewer: event.operatorOpenId, today: today(ctx) }));
};

export const onTalkDone: CardHandler<'tk.done'> = async (a, event, ctx) => {
  const by = event.operatorOpenId;
  const g = await talkFor(a.id, by, ctx);
  if ('answer' in g) return g.answer;
  if (g.talk.state === 'done') return toast('warning', M.toast.done);
  const fv = event.formValue ?? {};
  const r = parseDoneForm(fv, today(ctx));
  if (!r.ok) {
    const card = talkDoneCard({ talk: g.talk, names: await namesOf(ctx), viewer: by, today: today(ctx) });
    return formRefused(M.toast.formErrors, card, fv, r.errors.map((e) => ({ field: FIELD[e], text: t(M.errors[e]) })));
  }
  const now = ctx.now();
  const u = await ctx.store.talks.update(a.id, (tk) => recordDone(tk, r.value, { by, now }),
    { at: now, actor: by, action: 'talk.done', detail: { id: a.id, day: r.value.day } });
  if (!u.ok) return u.reason === 'notParty' ? denied() : toast('warning', u.reason === 'done' ? M.toast.done : msg.errors.tryAgain);
  const other = otherParty(u.talk, by);
  const names = await namesOf(ctx);
  const banner = M.notices.held(names[by] ?? by, shortDay(r.value.day));
  await ctx.outbox.sendMany([{ key: talkHeldKey(a.id, other), to: { openId: other },
    body: { type: 'card', card: await talkCardFor(u.talk, other, ctx, { banner }) } }]);
  return withCard(toast('success', M.toast.recorded), await talkCardFor(u.talk, by, ctx, { showBack: true }));
};

export const onTalkNote: CardHandler<'tk.note'> = async (a, event, ctx) => {
  const writer = event.operatorOpenId;
  const g = await talkFor(a.id, writer, ctx);
  if ('answer' in g) return g.answer;
  const note = await ctx.store.talks.note(a.id, writer);
  const names = await namesOf(ctx);
  return withCard({}, talkNoteCard({ talk: g.talk, names, viewer: writer, timeZone: tz(ctx), ...(note ? { note } : {}) }));
};

export const onTalkNoteSave: CardHandler<'tk.noteSave'> = async (a, event, ctx) => {
  const writer = event.operatorOpenId;
  const g = await talkFor(a.id, writer, ctx);
  if ('answer' in g) return g.answer;
  const text = parseNote(event.formValue ?? {});
  if (text === undefined) return toast('warning', M.toast.noteTooLong);
  const now = ctx.now();
  await ctx.store.talks.setNote(a.id, writer, text, now);
  const note = text ? { text, at: now } : undefined;
  return withCard(toast('success', text ? M.toast.noteSaved : M.toast.noteCleared),
    talkNoteCard({ talk: g.talk, names: await namesOf(ctx), viewer: writer, timeZone: tz(ctx), ...(note ? { note } : {}) }));
};
