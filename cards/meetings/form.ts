import { CORRECTION_FORM, MEETING_FORM, OVERRIDE_FORM } from '../../src/domain/meetings/form.js';
import { MEETING_TYPES, type Meeting } from '../../src/domain/meetings/meeting.js';
import { localParts } from '../../src/domain/calendar.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, clip, datePicker, div, fieldLabel, form, formButton, input, multiSelect, noteText, select } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { whenText } from '../materials/common.js';

const G = msg.meetings;
interface Person { openId: string; name: string }

export interface MeetingFormView {
  /** The people who may attend (leaders first: the default attendees of a 专题民主生活会). */
  people: readonly Person[];
  /** Leaders: preselected for a new meeting. */
  leaders: readonly string[];
  supervisors: readonly Person[];
  timeZone: string;
  meeting?: Meeting;
}

const options = (ps: readonly Person[]) => ps.slice(0, 100).map((p) => ({ value: p.openId, label: clip(p.name, 30) }));

/** The office's form: a new meeting, or the fields of one not started yet. */
export function meetingFormCard(v: MeetingFormView): Card {
  const m = v.meeting;
  const F = G.fields;
  const at = m ? localParts(m.start, v.timeZone) : undefined;
  const known = new Set(v.people.map((p) => p.openId));
  return card({
    title: m ? t(G.form.editTitle(clip(m.title, 60))) : t(G.form.newTitle),
    template: 'blue',
    personal: true,
    elements: [
      form('mg_form', [
        fieldLabel(t(F.type)),
        select({ name: MEETING_FORM.type, required: true, initial: m?.type ?? 'democratic',
          options: MEETING_TYPES.map((k) => ({ value: k, label: t(G.types[k]) })) }),
        input({ name: MEETING_FORM.title, label: t(F.title), maxLength: 100, required: true, ...(m ? { defaultValue: m.title } : {}) }),
        fieldLabel(t(F.day)),
        datePicker({ name: MEETING_FORM.day, required: true, ...(at ? { initialDate: at.day } : {}) }),
        input({ name: MEETING_FORM.time, label: t(F.time), maxLength: 5, required: true, ...(at ? { defaultValue: at.time } : {}) }),
        input({ name: MEETING_FORM.place, label: t(F.place), maxLength: 100, required: true, ...(m ? { defaultValue: m.place } : {}) }),
        fieldLabel(t(F.attendees)),
        multiSelect({ name: MEETING_FORM.attendees, options: options(v.people), required: true,
          selected: (m?.attendees ?? v.leaders).filter((u) => known.has(u)) }),
        fieldLabel(t(F.invited)),
        multiSelect({ name: MEETING_FORM.invited, options: options(v.supervisors), ...(m ? { selected: m.invited } : {}) }),
        m ? formButton(t(G.buttons.save), { a: 'mg.save', id: m.id }, { name: 'mg_save_go' })
          : formButton(t(G.buttons.create), { a: 'mg.create' }, { name: 'mg_create_go' }),
      ]),
      button(t(m ? G.buttons.back : G.buttons.list), m ? { a: 'mg.open', id: m.id } : { a: 'mg.list' }),
    ],
  });
}

/** The subject's request for a correction of their record. */
export function correctionCard(m: Meeting, subject: string): Card {
  return card({
    title: t(G.form.correctionTitle),
    subtitle: clip(m.title, 60),
    template: 'blue',
    personal: true,
    elements: [
      form('mg_correct', [
        input({ name: CORRECTION_FORM.note, label: t(G.fields.correction), multiline: true, rows: 4, maxLength: 500, required: true }),
        formButton(t(G.buttons.correct), { a: 'mg.correct', id: m.id, u: subject }, { name: 'mg_correct_go' }),
      ]),
      button(t(G.buttons.back), { a: 'mg.open', id: m.id }),
    ],
  });
}

/** The top leader's start over missing preconditions: what is missing, and the reason to write. */
export function overrideCard(m: Meeting, missing: readonly string[]): Card {
  return card({
    title: t(G.form.overrideTitle),
    subtitle: clip(m.title, 60),
    template: 'orange',
    personal: true,
    elements: [
      noteText(t(G.form.overrideIntro)),
      ...missing.slice(0, 30).map((x) => div(`✗ ${x}`)),
      form('mg_override', [
        input({ name: OVERRIDE_FORM.reason, label: t(G.fields.reason), multiline: true, rows: 4, maxLength: 500, required: true }),
        formButton(t(G.buttons.override), { a: 'mg.override', id: m.id }, { name: 'mg_override_go', type: 'danger' }),
      ]),
      button(t(G.buttons.back), { a: 'mg.open', id: m.id }),
    ],
  });
}

/** 生活会: the meetings the viewer attends or is invited to (all of them for the office), and 新建 for the office. */
export function meetingListCard(v: { meetings: readonly Meeting[]; admin: boolean; timeZone: string }): Card {
  const rows: CardElement[] = v.meetings.slice(-40).reverse().map((m) =>
    button(t(G.list.row(G.types[m.type], clip(m.title, 40), whenText(m.start, v.timeZone), G.states[m.state])), { a: 'mg.open', id: m.id },
      { size: 'small' }));
  return card({
    title: t(G.list.title),
    template: 'blue',
    personal: true,
    elements: [
      ...(rows.length ? rows : [div(t(v.admin ? G.list.emptyAdmin : G.list.empty))]),
      ...(v.admin ? [button(t(G.buttons.new), { a: 'mg.new' }, { type: 'primary' })] : []),
    ],
  });
}
