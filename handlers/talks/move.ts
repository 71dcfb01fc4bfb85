import { parseMoveForm, MOVE_FORM } from '../../src/domain/talks/form.js';
import { planTalkReminders } from '../../src/domain/talks/reminders.js';
import { isParty, moveDue, type Talk, type TalkChange } from '../../src/domain/talks/talk.js';
import { msg, t } from '../../src/messages/index.js';
import { shortDay } from '../../cards/materials/common.js';
import { talkMoveCard } from '../../cards/talks/talk.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import { calendarOf, today } from '../campaign-time.js';
import type { HandlerCtx } from '../context.js';
import type { CardHandler } from '../types.js';
import { denied, namesOf, talkCardFor, talkFor } from './common.js';
import { talkMovedKey } from './outbox-keys.js';

/**
 * 调整时间: a planned talk's due day moved by either party, the top leader or the office (a day not before today).
 * Audited `talk.due` (old → new day); the talk's generation goes up, so the old day's reminders send nothing, and the
 * new day's are scheduled; each party other than the mover is told once per move.
 */

const M = msg.talks;

/** The talk when the caller may move it (a party, or a reader of all) and it is still planned; else the answer. */
async function movable(id: string, openId: string, ctx: HandlerCtx): Promise<{ talk: Talk } | { answer: CardAnswer }> {
  const g = await talkFor(id, openId, ctx, { readers: true });
  if ('answer' in g) return g;
  return g.talk.state === 'done' ? { answer: toast('warning', M.toast.done) } : g;
}

export const onTalkMoveForm: CardHandler<'tk.moveForm'> = async (a, event, ctx) => {
  const g = await movable(a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  return withCard({}, talkMoveCard({ talk: g.talk, names: await namesOf(ctx), viewer: event.operatorOpenId }));
};

export const onTalkMove: CardHandler<'tk.move'> = async (a, event, ctx) => {
  const by = event.operatorOpenId;
  const g = await movable(a.id, by, ctx);
  if ('answer' in g) return g.answer;
  const fv = event.formValue ?? {};
  const r = parseMoveForm(fv, today(ctx));
  if (!r.ok) {
    const card = talkMoveCard({ talk: g.talk, names: await namesOf(ctx), viewer: by });
    return formRefused(M.toast.formErrors, card, fv, [{ field: MOVE_FORM.due, text: t(M.errors[r.error]) }]);
  }
  const from = g.talk.due;
  const now = ctx.now();
  // Written only over the generation read here, so the audit's old day is the one replaced.
  const change = (tk: Talk): TalkChange => (tk.gen === g.talk.gen ? moveDue(tk, r.due, { by, now }) : { ok: false, reason: 'stale' });
  const u = await ctx.store.talks.update(a.id, change, { at: now, actor: by, action: 'talk.due', detail: { id: a.id, from, to: r.due } });
  if (!u.ok) {
    if (u.reason === 'sameDue') return toast('warning', M.toast.sameDue);
    return u.reason === 'notParty' ? denied() : toast('warning', u.reason === 'done' ? M.toast.done : msg.errors.tryAgain);
  }
  const tk = u.talk;
  await ctx.talkJobs.reminders(tk.id, tk.gen, planTalkReminders(tk.due, now, calendarOf(ctx)));
  const names = await namesOf(ctx);
  const banner = M.notices.moved(names[by] ?? by, shortDay(from), shortDay(tk.due));
  const told = [tk.a, tk.b].filter((p) => p !== by);
  const messages = [];
  for (const who of told) {
    messages.push({ key: talkMovedKey(tk.id, tk.gen, who), to: { openId: who },
      body: { type: 'card' as const, card: await talkCardFor(tk, who, ctx, { banner }) } });
  }
  await ctx.outbox.sendMany(messages);
  const done = isParty(tk, by) ? M.toast.moved : M.toast.movedBoth;
  return withCard(toast('success', done), await talkCardFor(tk, by, ctx, { showBack: true }));
};
