import { localParts } from '../../src/domain/calendar.js';
import { LEAVE_FORM, REFLECTION_FORM, type ReflectionError } from '../../src/domain/study/form.js';
import {
  canTakeLeave, checkInClosesAt, checkInOpensAt, PART_MAX, REASON_MAX, reflectionDeadline,
  type Attendance, type Reflection, type StudyConfig, type StudySession,
} from '../../src/domain/study/session.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, columns, div, form, formButton, input, linkButton, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';

/**
 * The member's study cards (DESIGN §2.5): the session card (topic, time, place, materials, 签到 and
 * 请假), the leave form and the reflection form. Each member gets their own card in a direct message,
 * so it may show their own status. Topic, place and reasons are plain text; material links come from
 * admins and are validated https URLs.
 */

const S = msg.study;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "HH:MM" in the campaign zone. */
export const clock = (ms: number, timeZone: string) => localParts(ms, timeZone).time;

/** "2027-03-08（周一）09:00" in the campaign zone. */
export function when(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.day}（周${WEEKDAYS[p.weekday]}）${p.time}`;
}

/** "2027-03-08（周一）09:00–11:00". */
export const span = (s: Pick<StudySession, 'start' | 'end'>, timeZone: string) => `${when(s.start, timeZone)}–${clock(s.end, timeZone)}`;

export const topicOf = (s: Pick<StudySession, 'topic'>) => s.topic || t(S.defaultTopic);

type SessionRules = Pick<StudyConfig, 'checkInOpensMinutes' | 'lateGraceMinutes' | 'reflectionDueHours'>;

interface SessionCardInput {
  session: StudySession;
  rules: SessionRules;
  timeZone: string;
  now: number;
  record?: Attendance;
  /** A reminder sent ahead of the session (the summary line says so). */
  reminder?: boolean;
}

function statusLine(v: SessionCardInput): CardElement | undefined {
  const r = v.record;
  if (r?.status === 'on') return div(t(S.session.youOn(clock(r.at, v.timeZone))), { text_color: 'green' });
  if (r?.status === 'late') return div(t(S.session.youLate(clock(r.at, v.timeZone))), { text_color: 'orange' });
  if (r?.status === 'leave') return div(t(S.session.youLeave(r.reason ?? '')));
  if (v.now > checkInClosesAt(v.session, v.rules)) return div(t(S.session.youAbsent), { text_color: 'grey' });
  return undefined;
}

/** One member's card of a session; buttons are enabled only when the server would accept them. */
export function studySessionCard(v: SessionCardInput): Card {
  const { session: s, rules, timeZone: tz, now } = v;
  const elements: CardElement[] = [div(t(S.session.time(span(s, tz)))), div(s.place ? t(S.session.place(s.place)) : t(S.session.noPlace))];
  if (s.materials.length) {
    elements.push(noteText(t(S.session.materials)));
    elements.push(columns(s.materials.map((u, i) => [linkButton(t(S.session.material(i + 1)), u, { size: 'small' })]), 'flow'));
  }
  if (s.status === 'cancelled') {
    elements.push(div(t(S.session.cancelled), { text_color: 'red' }));
    return card({ title: topicOf(s), subtitle: span(s, tz), template: 'grey', elements });
  }
  const status = statusLine(v);
  if (status) elements.push(status);
  const opens = checkInOpensAt(s, rules);
  const closes = checkInClosesAt(s, rules);
  const canCheckIn = !v.record && now >= opens && now <= closes;
  const canLeave = !v.record && canTakeLeave(s, rules, now);
  const buttons: CardElement[][] = [
    [button(t(S.session.checkIn), { a: 'st.in', s: s.id }, { type: 'primary_filled', width: 'fill', disabled: !canCheckIn })],
    [button(t(S.session.leave), { a: 'st.leaveForm', s: s.id }, { width: 'fill', disabled: !canLeave })],
  ];
  if (v.record?.status !== 'leave' && now >= s.start && now <= reflectionDeadline(s, rules)) {
    buttons.push([button(t(S.session.reflect), { a: 'st.reflect', s: s.id }, { type: 'primary', width: 'fill' })]);
  }
  elements.push(columns(buttons, 'flow'));
  elements.push(noteText(t(S.session.window(clock(opens, tz), clock(s.start, tz), clock(closes, tz)))));
  return card({
    title: topicOf(s),
    subtitle: s.source === 'oneoff' ? `${t(S.session.oneoff)} · ${span(s, tz)}` : span(s, tz),
    template: 'turquoise',
    summary: v.reminder ? t(S.session.reminder(when(s.start, tz))) : topicOf(s),
    elements,
  });
}

/** 请假: the reason form, in place of the member's session card. */
export function studyLeaveCard(v: { session: StudySession; timeZone: string; error?: boolean }): Card {
  const elements: CardElement[] = [div(t(S.session.time(span(v.session, v.timeZone))))];
  if (v.error) elements.push(div(t(S.toast.reasonInvalid), { text_color: 'red' }));
  elements.push(form('st_leave', [
    input({ name: LEAVE_FORM.reason, label: t(S.leaveForm.reason), required: true, maxLength: REASON_MAX, multiline: true, rows: 2 }),
    formButton(t(S.leaveForm.submit), { a: 'st.leave', s: v.session.id }, { name: 'st_leave_submit', width: 'fill' }),
  ]));
  elements.push(noteText(t(S.leaveForm.note)), button(t(S.leaveForm.back), { a: 'st.card', s: v.session.id }, { type: 'text' }));
  return card({ title: `${t(S.leaveForm.title)} · ${topicOf(v.session)}`, template: 'orange', elements });
}

interface ReflectionCardInput {
  session: StudySession;
  rules: Pick<StudyConfig, 'reflectionDueHours'>;
  timeZone: string;
  now: number;
  /** What the member submitted so far (shown, and editable until the deadline). */
  reflection?: Reflection;
  /** A nudge before the deadline. */
  nudge?: boolean;
  /** A fresh copy sent before Lark's 14-day limit on the earlier one. */
  resent?: boolean;
  error?: ReflectionError;
}

/** 心得体会: named, several inputs of ≤ 1,000 characters or a Lark document link; read-only after the deadline. */
export function studyReflectionCard(v: ReflectionCardInput): Card {
  const { session: s, timeZone: tz, reflection: r } = v;
  const deadline = reflectionDeadline(s, v.rules);
  const elements: CardElement[] = [];
  if (v.nudge) elements.push(div(t(S.reflection.nudge(when(deadline, tz))), { text_color: 'orange' }));
  if (v.now > deadline) {
    elements.push(div(t(S.reflection.closedNote), { text_color: 'grey' }));
    if (!r) elements.push(div(t(S.reflection.none)));
    else {
      elements.push(noteText(t(S.reflection.submitted(when(r.updatedAt, tz)))));
      for (const p of r.parts) elements.push(div(p));
      if (r.link) elements.push(div(`${t(S.reflection.linkLabel)}：${r.link}`));
    }
    return card({ title: `${t(S.reflection.title)} · ${topicOf(s)}`, subtitle: span(s, tz), template: 'grey', elements });
  }
  if (v.resent) elements.push(noteText(t(S.reflection.resent)));
  elements.push(noteText(t(S.reflection.intro)), noteText(t(S.reflection.due(when(deadline, tz)))));
  if (r) elements.push(div(t(S.reflection.submitted(when(r.updatedAt, tz))), { text_color: 'green' }));
  if (v.error) elements.push(div(t(S.reflection.errors[v.error]), { text_color: 'red' }));
  const fields: CardElement[] = REFLECTION_FORM.parts.map((name, i) => input({
    name, label: t(S.reflection.part(i + 1)), maxLength: PART_MAX, multiline: true, rows: 4,
    ...(r?.parts[i] ? { defaultValue: r.parts[i] } : {}),
  }));
  fields.push(input({ name: REFLECTION_FORM.link, label: t(S.reflection.link), maxLength: 500,
    ...(r?.link ? { defaultValue: r.link } : {}) }));
  fields.push(formButton(t(r ? S.reflection.update : S.reflection.submit), { a: 'st.submit', s: s.id },
    { name: 'st_reflect_submit', width: 'fill' }));
  elements.push(form('st_reflect', fields));
  return card({
    title: `${t(S.reflection.title)} · ${topicOf(s)}`, subtitle: span(s, tz), template: v.nudge ? 'orange' : 'turquoise', elements,
  });
}

/** What a superseded reflection card becomes: a pointer to the fresh one (no buttons, nothing to click). */
export function studyReflectionMovedCard(v: { session: StudySession; timeZone: string }): Card {
  return card({
    title: `${t(S.reflection.title)} · ${topicOf(v.session)}`, subtitle: span(v.session, v.timeZone), template: 'grey',
    elements: [div(t(S.reflection.moved))],
  });
}
