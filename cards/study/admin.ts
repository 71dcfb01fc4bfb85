import { percent, type MemberStatus, type SessionSummary } from '../../src/domain/study/digest.js';
import { SETTINGS_FORM, type SettingsError } from '../../src/domain/study/form.js';
import { MAX_MATERIALS, PLACE_MAX, TOPIC_MAX, type StudySession } from '../../src/domain/study/session.js';
import { fmt, msg, t } from '../../src/messages/index.js';
import { button, card, chart, columns, datePicker, div, form, formButton, hr, input, md, noteText, select, table } from '../components.js';
import { span, topicOf, when } from './session.js';
import type { Card, CardElement } from '../types.js';
import type { FieldError } from '../form-values.js';

/**
 * Study cards for leaders and admins (the digest, the settings form) and the member's own record.
 * Names come from Lark or the campaign file: plain text only.
 */

const S = msg.study;
const NAMES_MAX = 80;

function names(label: string, ids: readonly string[], nameOf: Readonly<Record<string, string>>): CardElement[] {
  const shown = ids.slice(0, NAMES_MAX).map((u) => nameOf[u] || u);
  const out: CardElement[] = [div(`${label}（${ids.length}）：${shown.length ? shown.join('、') : t(S.digest.noneNames)}`)];
  if (ids.length > NAMES_MAX) out.push(noteText(t(fmt.moreNotShown(ids.length - NAMES_MAX))));
  return out;
}

type TrendPoint = { label: string; attendance: number; reflection: number };

interface DigestCardInput {
  session: StudySession;
  timeZone: string;
  summary: SessionSummary;
  /** open_id → name (the session's attendee snapshot). */
  names: Readonly<Record<string, string>>;
  /** Past sessions, oldest first, this one last (rates in %). */
  trend: readonly TrendPoint[];
}

/** The weekly digest to leaders and admins: numbers from the stored records, names, a trend chart. */
export function studyDigestCard(v: DigestCardInput): Card {
  const x = v.summary;
  const attended = x.onTime.length + x.late.length;
  const expected = x.attendees - x.leave.length;
  const elements: CardElement[] = [
    md(t(S.digest.attendance(
      x.attendees, attended, x.onTime.length, x.late.length, x.leave.length, x.absent.length, percent(x.attendanceRate)))),
    ...names(t(S.digest.lateNames), x.late, v.names),
    ...names(t(S.digest.leaveNames), x.leave, v.names),
    ...names(t(S.digest.absentNames), x.absent, v.names),
    hr(),
    md(t(S.digest.reflections(expected - x.missing.length, expected, percent(x.reflectionRate)))),
    ...names(t(S.digest.missingNames), x.missing, v.names),
  ];
  const points = v.trend.slice(-12);
  if (points.length > 1) {
    elements.push(chart({
      type: 'line',
      title: { visible: true, text: t(S.digest.chart) },
      data: { values: points.flatMap((p) => [
        { session: p.label, series: t(S.digest.seriesAttendance), rate: p.attendance },
        { session: p.label, series: t(S.digest.seriesReflection), rate: p.reflection },
      ]) },
      xField: 'session', yField: 'rate', seriesField: 'series',
      point: { visible: true },
      legends: { visible: true, orient: 'bottom' },
    }, { aspect_ratio: '16:9' }));
  }
  return card({
    title: `${t(S.digest.title)} · ${topicOf(v.session)}`, subtitle: span(v.session, v.timeZone), template: 'blue',
    summary: t(S.digest.title), elements,
  });
}

export interface RecordRow { session: StudySession; status: MemberStatus; reflection: 'in' | 'missing' | 'none' }

interface RecordCardInput {
  timeZone: string;
  next?: StudySession;
  /** Newest first. */
  rows: readonly RecordRow[];
  /** Sessions whose reflection form is open for this member. */
  reflectable: readonly StudySession[];
  isAdmin: boolean;
  /** Whether the reader attends the next session: 签到 / 请假 are offered to attendees only (an admin may not be one). */
  attendsNext?: boolean;
}

/** 学习: the next session, the member's attendance and reflections, and for admins settings and export. */
export function studyRecordCard(v: RecordCardInput): Card {
  const R = S.record;
  const elements: CardElement[] = [md(`**${t(R.next)}**`)];
  if (v.next) {
    elements.push(div(`${topicOf(v.next)} · ${span(v.next, v.timeZone)}`));
    if (v.attendsNext ?? true) {
      elements.push(button(`${t(S.session.checkIn)} / ${t(S.session.leave)}`, { a: 'st.card', s: v.next.id }, { type: 'primary' }));
    } else elements.push(noteText(t(R.notAttendee)));
  } else elements.push(div(t(R.noNext)));
  for (const s of v.reflectable.slice(0, 3)) {
    elements.push(button(`${t(S.session.reflect)} · ${topicOf(s)}（${s.id.slice(2, 10)}）`, { a: 'st.reflect', s: s.id },
      { type: 'primary' }));
  }
  elements.push(md(`**${t(R.history)}**`));
  if (!v.rows.length) elements.push(div(t(R.none)));
  else {
    const attended = v.rows.filter((r) => r.status === 'on' || r.status === 'late').length;
    elements.push(noteText(t(R.summary(attended, v.rows.length, v.rows.filter((r) => r.reflection === 'in').length))));
    elements.push(table({
      columns: [{ key: 'day', label: t(R.colDay) }, { key: 'topic', label: t(R.colTopic) }, { key: 'att', label: t(R.colAttendance) },
        { key: 'refl', label: t(R.colReflection) }],
      rows: v.rows.slice(0, 30).map((r) => ({
        day: when(r.session.start, v.timeZone), topic: topicOf(r.session), att: t(S.statuses[r.status]),
        refl: t(r.reflection === 'in' ? R.reflIn : r.reflection === 'missing' ? R.reflMissing : R.reflNotNeeded),
      })),
      pageSize: 5,
    }));
  }
  elements.push(noteText(t(R.rules)));
  if (v.isAdmin) {
    elements.push(hr(), md(`**${t(R.admin)}**`), columns([
      [button(t(R.settings), { a: 'st.settings' }, { type: 'primary', width: 'fill' })],
      [button(t(R.export), { a: 'st.export' }, { width: 'fill' })],
    ], 'flow'));
  }
  return card({ title: t(R.title), template: 'turquoise', elements });
}

interface SettingsCardInput {
  timeZone: string;
  /** The next planned session (its values fill the form). */
  next?: StudySession;
  errors?: readonly SettingsError[];
  /** A confirmation line after a save. */
  saved?: StudySession;
}

/** 学习 设置: topic, place and materials of the next session, or an extra (one-off) session. */
export function studySettingsCard(v: SettingsCardInput): Card {
  const T = S.settings;
  const n = v.next;
  const fields: CardElement[] = [
    div(t(T.target)),
    select({ name: SETTINGS_FORM.target, placeholder: t(T.target), required: true, initial: 'next', options: [
      { label: n ? t(T.targetNext(when(n.start, v.timeZone))) : t(T.targetNextNone), value: 'next' },
      { label: t(T.targetOneoff), value: 'oneoff' },
    ] }),
    div(t(T.day)),
    datePicker({ name: SETTINGS_FORM.day, placeholder: t(T.day) }),
    input({ name: SETTINGS_FORM.time, label: t(T.time), placeholder: '14:30', maxLength: 5 }),
    input({ name: SETTINGS_FORM.topic, label: t(T.topic), maxLength: TOPIC_MAX, ...(n?.topic ? { defaultValue: n.topic } : {}) }),
    input({ name: SETTINGS_FORM.place, label: t(T.place), maxLength: PLACE_MAX, ...(n?.place ? { defaultValue: n.place } : {}) }),
    input({ name: SETTINGS_FORM.materials, label: t(T.materials), maxLength: 1000, multiline: true, rows: 3,
      ...(n?.materials.length ? { defaultValue: n.materials.slice(0, MAX_MATERIALS).join('\n') } : {}) }),
    formButton(t(T.save), { a: 'st.save' }, { name: 'st_settings_save', width: 'fill' }),
  ];
  const elements: CardElement[] = [];
  if (v.saved) elements.push(div(t(T.saved(span(v.saved, v.timeZone))), { text_color: 'green' }));
  for (const e of v.errors ?? []) elements.push(div(t(T.errors[e]), { text_color: 'red' }));
  elements.push(form('st_settings', fields), noteText(t(T.note)));
  return card({ title: t(T.title), template: 'turquoise', elements });
}

const SETTINGS_FIELD: Record<SettingsError, string> = {
  target: SETTINGS_FORM.target, day: SETTINGS_FORM.day, time: SETTINGS_FORM.time, past: SETTINGS_FORM.time,
  topic: SETTINGS_FORM.topic, place: SETTINGS_FORM.place, materials: SETTINGS_FORM.materials,
};

/** Each settings error marked at its field (see cards/form-values.ts). */
export function settingsFieldErrors(errors: readonly SettingsError[]): FieldError[] {
  return errors.map((e) => ({ field: SETTINGS_FIELD[e], text: t(S.settings.errors[e]) }));
}
