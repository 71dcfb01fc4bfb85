import { hasAnyRole } from '../../src/domain/commands.js';
import {
  MEETING_FORM, OVERRIDE_FORM, OVERRIDE_MAX, parseMeetingForm, requiredNote, type MeetingFormError,
} from '../../src/domain/meetings/form.js';
import { newMeetingId, type Meeting } from '../../src/domain/meetings/meeting.js';
import { editMeeting, newMeeting, startMeeting } from '../../src/domain/meetings/transitions.js';
import { msg, t } from '../../src/messages/index.js';
import { meetingFormCard, overrideCard } from '../../cards/meetings/form.js';
import { whenText } from '../../cards/materials/common.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { knownPeople } from '../people.js';
import { tz } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import { chainPeople } from '../materials/common.js';
import {
  denied, forAdmin, meetingCardFor, missingTexts, preconditionsOf, refusal, sendMeetingCards, viewerOf,
} from './common.js';
import { meetingInviteKey } from './outbox-keys.js';

/**
 * The office's part before the meeting (DESIGN §2.10): create and edit (until it starts; audited), the invitations,
 * 开始会议 refused while a precondition is missing (the toast names it), and the top leader's start over them with a
 * written reason (audited, like 结束活动's override).
 */

const G = msg.meetings;

async function formCard(ctx: HandlerCtx, meeting?: Meeting) {
  const people = await knownPeople(ctx);
  const sup = (await chainPeople(ctx)).supervisors;
  const supervisors = sup.map((u) => ({ openId: u, name: people.nameOf(u) }));
  const card = meetingFormCard({
    people: people.list, leaders: people.leaders.map((l) => l.openId), supervisors, timeZone: tz(ctx), ...(meeting ? { meeting } : {}),
  });
  return { card, people: people.ids, supervisors: new Set(sup) };
}

const FIELD: Record<MeetingFormError, string> = {
  type: MEETING_FORM.type, title: MEETING_FORM.title, day: MEETING_FORM.day, time: MEETING_FORM.time, past: MEETING_FORM.day,
  place: MEETING_FORM.place, attendees: MEETING_FORM.attendees, invited: MEETING_FORM.invited,
};
const notPlanned = async (m: Meeting, openId: string, ctx: HandlerCtx) =>
  withCard(toast('warning', G.toast.notPlanned), await meetingCardFor(m, openId, ctx));
const fieldErrors = (errors: readonly MeetingFormError[]) => errors.map((e) => ({ field: FIELD[e], text: t(G.form.errors[e]) }));

export const onMeetingNew: CardHandler<'mg.new'> = async (_a, event, ctx) => {
  if (!(await viewerOf(event.operatorOpenId, ctx)).admin) return denied();
  return withCard({}, (await formCard(ctx)).card);
};

const invite = (m: Meeting, to: readonly string[], ctx: HandlerCtx) =>
  sendMeetingCards(m, to, (u) => meetingInviteKey(m.id, u),
    G.notices.invited(G.types[m.type], m.title, whenText(m.start, tz(ctx)), m.place), ctx);

export const onMeetingCreate: CardHandler<'mg.create'> = async (_a, event, ctx) => {
  const actor = event.operatorOpenId;
  if (!(await viewerOf(actor, ctx)).admin) return denied();
  const f = await formCard(ctx);
  const fv = event.formValue ?? {};
  const r = parseMeetingForm(fv, { now: ctx.now(), timeZone: tz(ctx), people: f.people, supervisors: f.supervisors });
  if (!r.ok) return formRefused(G.toast.formErrors, f.card, fv, fieldErrors(r.errors));
  const m = newMeeting(newMeetingId(), r.value, { by: actor, now: ctx.now() });
  await ctx.store.meetings.create(m, { at: ctx.now(), actor, action: 'meeting.create',
    detail: { type: m.type, start: m.start, attendees: m.attendees, invited: m.invited } });
  await invite(m, [...m.attendees, ...m.invited], ctx);
  return withCard(toast('success', G.toast.created), await meetingCardFor(m, actor, ctx, { showBack: true }));
};

export const onMeetingEdit: CardHandler<'mg.edit'> = async (a, event, ctx) => {
  const r = await forAdmin(a.id, event.operatorOpenId, ctx);
  if ('answer' in r) return r.answer;
  if (r.meeting.state !== 'planned') return notPlanned(r.meeting, event.operatorOpenId, ctx);
  return withCard({}, (await formCard(ctx, r.meeting)).card);
};

export const onMeetingSave: CardHandler<'mg.save'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const r = await forAdmin(a.id, actor, ctx);
  if ('answer' in r) return r.answer;
  const f = await formCard(ctx, r.meeting);
  const fv = event.formValue ?? {};
  const p = parseMeetingForm(fv, { now: ctx.now(), timeZone: tz(ctx), people: f.people, supervisors: f.supervisors });
  if (!p.ok) return formRefused(G.toast.formErrors, f.card, fv, fieldErrors(p.errors));
  const u = await ctx.store.meetings.update(a.id, (m) => editMeeting(m, p.value, { by: actor, now: ctx.now() }), {
    at: ctx.now(), actor, action: 'meeting.edit',
    detail: { id: a.id, start: p.value.start, attendees: p.value.attendees, invited: p.value.invited },
  });
  if (!u.ok) return refusal(u);
  const before = new Set([...r.meeting.attendees, ...r.meeting.invited]);
  await invite(u.meeting, [...u.meeting.attendees, ...u.meeting.invited].filter((x) => !before.has(x)), ctx);
  return withCard(toast('success', G.toast.saved), await meetingCardFor(u.meeting, actor, ctx, { showBack: true }));
};

/** 开始会议: refused, naming what is missing, while a precondition is not met. */
export const onMeetingStart: CardHandler<'mg.start'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const r = await forAdmin(a.id, actor, ctx);
  if ('answer' in r) return r.answer;
  if (r.meeting.state !== 'planned') return notPlanned(r.meeting, actor, ctx);
  const missing = await preconditionsOf(r.meeting, ctx);
  if (missing.length) {
    const names = missingTexts(missing, await knownPeople(ctx)).join('；');
    return withCard(toast('warning', G.toast.missing(names.slice(0, 300))), await meetingCardFor(r.meeting, actor, ctx));
  }
  const u = await ctx.store.meetings.update(a.id, (m) => startMeeting(m, { by: actor, now: ctx.now() }), {
    at: ctx.now(), actor, action: 'meeting.start', detail: { id: a.id },
  });
  if (!u.ok) return refusal(u);
  return withCard(toast('success', G.toast.started), await meetingCardFor(u.meeting, actor, ctx, { showBack: true }));
};

async function forTopLeader(id: string, openId: string, ctx: HandlerCtx): Promise<{ meeting: Meeting } | { answer: CardAnswer }> {
  const v = await viewerOf(openId, ctx);
  if (!hasAnyRole(v.roles, 'topLeader')) return { answer: denied() };
  const meeting = await ctx.store.meetings.get(id);
  return meeting ? { meeting } : { answer: toast('warning', G.toast.notFound) };
}

/** The top leader's form: what is missing, and the reason to write. */
export const onOverrideForm: CardHandler<'mg.overrideForm'> = async (a, event, ctx) => {
  const r = await forTopLeader(a.id, event.operatorOpenId, ctx);
  if ('answer' in r) return r.answer;
  if (r.meeting.state !== 'planned') return notPlanned(r.meeting, event.operatorOpenId, ctx);
  const missing = await preconditionsOf(r.meeting, ctx);
  if (!missing.length) return withCard(toast('info', G.toast.noneMissing), await meetingCardFor(r.meeting, event.operatorOpenId, ctx));
  return withCard({}, overrideCard(r.meeting, missingTexts(missing, await knownPeople(ctx))));
};

/** The start over missing preconditions, with the written reason: kept on the meeting and in the audit log. */
export const onOverride: CardHandler<'mg.override'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const r = await forTopLeader(a.id, actor, ctx);
  if ('answer' in r) return r.answer;
  if (r.meeting.state !== 'planned') return notPlanned(r.meeting, actor, ctx);
  const people = await knownPeople(ctx);
  const missing = missingTexts(await preconditionsOf(r.meeting, ctx), people);
  if (!missing.length) return withCard(toast('info', G.toast.noneMissing), await meetingCardFor(r.meeting, actor, ctx));
  const reason = requiredNote(event.formValue?.[OVERRIDE_FORM.reason], OVERRIDE_MAX);
  if (!reason) {
    return formRefused(G.form.errors.reason, overrideCard(r.meeting, missing), event.formValue,
      [{ field: OVERRIDE_FORM.reason, text: t(G.form.errors.reason) }]);
  }
  const u = await ctx.store.meetings.update(a.id, (m) => startMeeting(m, { by: actor, now: ctx.now() }, { reason, missing }), {
    at: ctx.now(), actor, action: 'meeting.override', detail: { id: a.id, reason, missing },
  });
  if (!u.ok) return refusal(u);
  return withCard(toast('success', G.toast.startedOverride), await meetingCardFor(u.meeting, actor, ctx, { showBack: true, people }));
};
