import { LEAVE_FORM, REFLECTION_FORM, parseLeaveForm, parseReflectionForm, type ReflectionError } from '../../src/domain/study/form.js';
import {
  canTakeLeave, checkInOpensAt, checkInVerdict, PART_MAX, reflectionWindow, type StudySession,
} from '../../src/domain/study/session.js';
import { msg, t } from '../../src/messages/index.js';
import type { CardEvent, CardAnswer } from '../../src/pipeline.js';
import { clock, studyLeaveCard, studyReflectionCard } from '../../cards/study/session.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import {
  attendeesOf, patchMemberCards, patchReflectionCards, reflectionCardFor, sessionCardFor, studyConfig, tzOf,
} from './common.js';
import type { CardHandler } from '../types.js';

/**
 * A member's study actions, answered inline: check-in, leave, reflections. Every one checks on the
 * server that the session is live and the caller is one of its attendees (a forwarded card grants
 * nothing); a refused action gets a toast and changes nothing. The answer replaces the clicked card,
 * and the member's other copies are patched.
 */

const T = msg.study.toast;

/** The session and the caller's right to act on it, or the refusal to answer with. */
async function sessionFor(ctx: HandlerCtx, sessionId: string, openId: string): Promise<StudySession | CardAnswer> {
  if (!studyConfig(ctx)) return toast('warning', T.noStudy);
  const s = await ctx.store.study.getSession(sessionId);
  if (!s) return toast('warning', T.notFound);
  if (s.status === 'cancelled') return toast('warning', T.cancelled);
  if (!(openId in (await attendeesOf(ctx, s.id)))) return toast('error', T.notAttendee);
  return s;
}
const isSession = (x: StudySession | CardAnswer): x is StudySession => typeof (x as StudySession).id === 'string' && 'start' in x;

/** 签到: on time until the start, late within the grace, refused before the window and after the grace. */
export const onCheckIn: CardHandler<'st.in'> = async (a, event, ctx) => {
  const s = await sessionFor(ctx, a.s, event.operatorOpenId);
  if (!isSession(s)) return s;
  const now = ctx.now();
  const v = checkInVerdict(s, studyConfig(ctx)!, now);
  if (!v.ok) return toast('warning', v.reason === 'early' ? T.early(clock(checkInOpensAt(s, studyConfig(ctx)!), tzOf(ctx))) : T.closed);
  const r = await ctx.store.study.record(s.id, event.operatorOpenId, { status: v.status, at: now });
  if (r !== 'ok') {
    return withCard(toast('warning', r.status === 'leave' ? T.afterLeave : T.twice), await sessionCardFor(ctx, s, event.operatorOpenId));
  }
  return answerAndPatch(ctx, s, event, toast('success', v.status === 'on' ? T.checkedOn : T.checkedLate));
};

async function answerAndPatch(ctx: HandlerCtx, s: StudySession, event: CardEvent, answer: CardAnswer): Promise<CardAnswer> {
  const card = await sessionCardFor(ctx, s, event.operatorOpenId);
  await patchMemberCards(ctx, s, event.operatorOpenId, event.openMessageId);
  return withCard(answer, card);
}

/** 请假: the reason form, in place of the card (only while leave is possible). */
export const onLeaveForm: CardHandler<'st.leaveForm'> = async (a, event, ctx) => {
  const s = await sessionFor(ctx, a.s, event.operatorOpenId);
  if (!isSession(s)) return s;
  const refused = await leaveRefusal(ctx, s, event.operatorOpenId);
  return refused ?? withCard({}, studyLeaveCard({ session: s, timeZone: tzOf(ctx) }));
};

async function leaveRefusal(ctx: HandlerCtx, s: StudySession, openId: string): Promise<CardAnswer | undefined> {
  if (!canTakeLeave(s, studyConfig(ctx)!, ctx.now())) return toast('warning', T.leaveEnded);
  const rec = await ctx.store.study.recordOf(s.id, openId);
  if (rec) {
    return withCard(toast('warning', rec.status === 'leave' ? T.leaveTwice : T.leaveAfterCheckIn), await sessionCardFor(ctx, s, openId));
  }
  return undefined;
}

export const onLeave: CardHandler<'st.leave'> = async (a, event, ctx) => {
  const s = await sessionFor(ctx, a.s, event.operatorOpenId);
  if (!isSession(s)) return s;
  const refused = await leaveRefusal(ctx, s, event.operatorOpenId);
  if (refused) return refused;
  const form = parseLeaveForm(event.formValue ?? {});
  if (!form.ok) {
    return formRefused(T.reasonInvalid, studyLeaveCard({ session: s, timeZone: tzOf(ctx), error: true }), event.formValue,
      [{ field: LEAVE_FORM.reason, text: t(T.reasonInvalid) }]);
  }
  const r = await ctx.store.study.record(s.id, event.operatorOpenId, { status: 'leave', at: ctx.now(), reason: form.reason });
  if (r !== 'ok') {
    return withCard(
      toast('warning', r.status === 'leave' ? T.leaveTwice : T.leaveAfterCheckIn), await sessionCardFor(ctx, s, event.operatorOpenId),
    );
  }
  return answerAndPatch(ctx, s, event, toast('success', T.leaveSaved));
};

/** 返回: the member's session card as of now. */
export const onSessionCard: CardHandler<'st.card'> = async (a, event, ctx) => {
  const s = await sessionFor(ctx, a.s, event.operatorOpenId);
  return isSession(s) ? withCard({}, await sessionCardFor(ctx, s, event.operatorOpenId)) : s;
};

/** 写心得体会: the form with what the member submitted so far (read-only after the deadline). */
export const onReflectOpen: CardHandler<'st.reflect'> = async (a, event, ctx) => {
  const s = await sessionFor(ctx, a.s, event.operatorOpenId);
  if (!isSession(s)) return s;
  if (reflectionWindow(s, studyConfig(ctx)!, ctx.now()) === 'early') return toast('warning', T.reflectionEarly);
  return withCard({}, await reflectionCardFor(ctx, s, event.operatorOpenId));
};

/** Submits or edits a reflection until the deadline; after it, a toast and nothing changes. */
export const onReflectSubmit: CardHandler<'st.submit'> = async (a, event, ctx) => {
  const s = await sessionFor(ctx, a.s, event.operatorOpenId);
  if (!isSession(s)) return s;
  const cfg = studyConfig(ctx)!;
  const now = ctx.now();
  const w = reflectionWindow(s, cfg, now);
  if (w === 'early') return toast('warning', T.reflectionEarly);
  if (w === 'closed') return withCard(toast('warning', T.reflectionClosed), await reflectionCardFor(ctx, s, event.operatorOpenId));
  const form = parseReflectionForm(event.formValue ?? {});
  const prev = await ctx.store.study.reflection(s.id, event.operatorOpenId);
  if (!form.ok) {
    const again = studyReflectionCard({
      session: s, rules: cfg, timeZone: tzOf(ctx), now, error: form.error, ...(prev ? { reflection: prev } : {}),
    });
    const m = msg.study.reflection.errors[form.error];
    return formRefused(m, again, event.formValue, reflectionFields(form.error, event.formValue).map((field) => ({ field, text: t(m) })));
  }
  await ctx.store.study.putReflection(s.id, event.operatorOpenId, {
    parts: form.parts, ...(form.link ? { link: form.link } : {}), at: prev?.at ?? now, updatedAt: now,
  });
  // Logged without the text: reflections are named, but logs never carry what people write.
  ctx.log.info({ session: s.id, edit: prev !== undefined }, 'study: reflection saved');
  await patchReflectionCards(ctx, s, event.operatorOpenId, event.openMessageId);
  return withCard(toast('success', T.reflectionSaved), await reflectionCardFor(ctx, s, event.operatorOpenId));
};

/** The reflection fields a refusal points at: the first part when all are empty, the long parts, or the link. */
function reflectionFields(error: ReflectionError, formValue: unknown): string[] {
  if (error === 'link') return [REFLECTION_FORM.link];
  if (error === 'empty') return [REFLECTION_FORM.parts[0]];
  const fv = typeof formValue === 'object' && formValue !== null ? (formValue as Record<string, unknown>) : {};
  return REFLECTION_FORM.parts.filter((n) => typeof fv[n] === 'string' && [...(fv[n] as string)].length > PART_MAX);
}
