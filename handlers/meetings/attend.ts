import { CORRECTION_FORM, CORRECTION_MAX, requiredNote } from '../../src/domain/meetings/form.js';
import { isAttendee, signInOpensAt, signInVerdict } from '../../src/domain/meetings/meeting.js';
import { askCorrection, confirmRecord, signIn } from '../../src/domain/meetings/transitions.js';
import { msg, t } from '../../src/messages/index.js';
import { correctionCard } from '../../cards/meetings/form.js';
import { whenText } from '../../cards/materials/common.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import { tz } from '../campaign-time.js';
import type { HandlerCtx } from '../context.js';
import type { CardAnswer } from '../../src/pipeline.js';
import type { Meeting } from '../../src/domain/meetings/meeting.js';
import type { CardHandler } from '../types.js';
import { knownPeople } from '../people.js';
import { denied, meetingCardFor, refusal } from './common.js';
import { correctionKey } from './outbox-keys.js';

/**
 * An attendee's part: sign-in (within the window around the start), and their own record — confirmed, or a correction
 * asked with a note. The server checks the caller against the meeting: only an attendee signs in, and only the subject
 * of a record acts on it (a value naming another attendee's record is refused and changes nothing).
 */

const G = msg.meetings;

export const onSignIn: CardHandler<'mg.in'> = async (a, event, ctx) => {
  const me = event.operatorOpenId;
  const m = await ctx.store.meetings.get(a.id);
  if (!m || !isAttendee(m, me)) return denied();
  const now = ctx.now();
  const v = signInVerdict(m, now);
  if (!v.ok && v.reason === 'early') return toast('warning', G.toast.early(whenText(signInOpensAt(m), tz(ctx))));
  const u = await ctx.store.meetings.update(a.id, (x) => signIn(x, { by: me, now }), null);
  if (!u.ok) return withCard(refusal(u), await meetingCardFor(m, me, ctx));
  ctx.log.info({ meeting: m.id, late: v.ok && v.late }, 'meeting: signed in');
  const done = u.meeting.signIns[me]?.late ? G.toast.signedInLate : G.toast.signedIn;
  return withCard(toast('success', done), await meetingCardFor(u.meeting, me, ctx));
};

/** Only the record's subject, and only an attendee of a meeting that exists. */
async function ownRecord(
  id: string, subject: string, openId: string, ctx: HandlerCtx,
): Promise<{ meeting: Meeting } | { answer: CardAnswer }> {
  if (subject !== openId) return { answer: denied() };
  const m = await ctx.store.meetings.get(id);
  if (!m || !isAttendee(m, openId)) return { answer: denied() };
  return { meeting: m };
}

export const onConfirm: CardHandler<'mg.confirm'> = async (a, event, ctx) => {
  const me = event.operatorOpenId;
  const r = await ownRecord(a.id, a.u, me, ctx);
  if ('answer' in r) return r.answer;
  const u = await ctx.store.meetings.update(a.id, (m) => confirmRecord(m, a.u, { by: me, now: ctx.now() }), {
    at: ctx.now(), actor: me, action: 'meeting.confirm', detail: { id: a.id },
  });
  if (!u.ok) return withCard(refusal(u), await meetingCardFor(r.meeting, me, ctx));
  return withCard(toast('success', G.toast.confirmed), await meetingCardFor(u.meeting, me, ctx));
};

export const onCorrectForm: CardHandler<'mg.correctForm'> = async (a, event, ctx) => {
  const r = await ownRecord(a.id, a.u, event.operatorOpenId, ctx);
  if ('answer' in r) return r.answer;
  const rec = r.meeting.records[a.u];
  if (!rec) return toast('warning', G.toast.noRecord);
  if (rec.state === 'confirmed') return toast('warning', G.toast.confirmedAlready);
  return withCard({}, correctionCard(r.meeting, a.u));
};

/** The subject's correction request: kept on the record, and sent to each admin. */
export const onCorrect: CardHandler<'mg.correct'> = async (a, event, ctx) => {
  const me = event.operatorOpenId;
  const r = await ownRecord(a.id, a.u, me, ctx);
  if ('answer' in r) return r.answer;
  const note = requiredNote(event.formValue?.[CORRECTION_FORM.note], CORRECTION_MAX);
  if (!note) {
    return formRefused(G.form.errors.note, correctionCard(r.meeting, a.u), event.formValue,
      [{ field: CORRECTION_FORM.note, text: t(G.form.errors.note) }]);
  }
  const now = ctx.now();
  const u = await ctx.store.meetings.update(a.id, (m) => askCorrection(m, a.u, note, { by: me, now }), {
    at: now, actor: me, action: 'meeting.correction', detail: { id: a.id },
  });
  if (!u.ok) return withCard(refusal(u), await meetingCardFor(r.meeting, me, ctx));
  const name = (await knownPeople(ctx)).nameOf(me);
  const text = t(G.notices.correction(name, u.meeting.title, note));
  await ctx.outbox.sendMany((await ctx.roles.admins()).map((admin) => ({
    key: correctionKey(a.id, me, now, admin), to: { openId: admin }, body: { type: 'text' as const, text },
  })));
  return withCard(toast('success', G.toast.correctionSent), await meetingCardFor(u.meeting, me, ctx));
};
