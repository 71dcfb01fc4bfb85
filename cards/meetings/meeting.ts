import { RECORD_FORM } from '../../src/domain/meetings/form.js';
import type { Meeting, MeetingRecord } from '../../src/domain/meetings/meeting.js';
import type { Missing } from '../../src/domain/meetings/preconditions.js';
import { fmt, msg, t, type Msg } from '../../src/messages/index.js';
import { button, card, clip, div, form, formButton, hr, input, noteText } from '../components.js';
import type { Card, CardElement, HeaderTemplate } from '../types.js';
import { shortDay, whenText } from '../materials/common.js';

const G = msg.meetings;
type Names = Readonly<Record<string, string>>;
const nameOf = (names: Names, u: string) => clip(names[u] ?? u, 20);
const TEMPLATES: Record<Meeting['state'], HeaderTemplate> = { planned: 'blue', started: 'orange', ended: 'green' };

/** What the viewer may do (decided by the handler on the server; only these buttons are drawn). */
export interface MeetingCan {
  edit: boolean; start: boolean; override: boolean; end: boolean; survey: boolean;
  /** The office: each attendee's record. */
  record: boolean;
  /** The viewer is an attendee who may sign in now. */
  signIn: boolean;
  /** Reads every attendee's record state (the office, the top leader, the 督导组). */
  readAll: boolean;
}

export interface MeetingView {
  meeting: Meeting;
  names: Names;
  viewer: string;
  timeZone: string;
  can: MeetingCan;
  /** The preconditions still missing (a planned meeting). */
  missing?: readonly Missing[];
  /** Ledger item id → 序号, for the measures already turned into items. */
  itemSeqs?: Readonly<Record<string, number>>;
  reportTitle?: string;
  roundTitle?: string;
  banner?: Msg;
  showBack?: boolean;
}

/** One missing precondition as a line (also the start's refusal toast). */
export function missingText(x: Missing, names: Names): string {
  if (x.kind === 'plan') return t(G.card.planMissing);
  if (x.kind === 'selfCheck') return t(G.card.selfCheckMissing(nameOf(names, x.openId), G.selfCheckStates[x.state]));
  return t(G.card.talkMissing(nameOf(names, x.a), nameOf(names, x.b), shortDay(x.due)));
}

const MISSING_SHOWN = 30;

function preconditionLines(v: MeetingView): CardElement[] {
  const missing = v.missing ?? [];
  const lines: CardElement[] = [div(t(G.card.preconditions))];
  if (!missing.length) return [...lines, div(t(G.card.allMet))];
  if (v.meeting.type === 'democratic' && !missing.some((x) => x.kind === 'plan')) lines.push(div(t(G.card.planOk)));
  lines.push(...missing.slice(0, MISSING_SHOWN).map((x) => div(`✗ ${missingText(x, v.names)}`)));
  if (missing.length > MISSING_SHOWN) lines.push(noteText(t(fmt.moreNotShown(missing.length - MISSING_SHOWN))));
  return lines;
}

const recordState = (r: MeetingRecord | undefined): Msg => (r ? G.recordStates[r.state] : G.recordStates.none);

/** A record's texts and measures (each with its ledger item, when made). */
export function recordLines(r: MeetingRecord, itemSeqs: Readonly<Record<string, number>>): CardElement[] {
  const F = G.fields;
  return [
    div(`${t(F.self)}：${r.self || '—'}`),
    div(`${t(F.received)}：${r.received || '—'}`),
    ...r.measures.map((text, i) => {
      const item = r.items[String(i)];
      const seq = item ? itemSeqs[item] : undefined;
      return div(`${t(G.card.measureRow(i + 1, text))}${seq ? `（${t(G.card.measureItem(seq))}）` : ''}`);
    }),
    ...(r.state === 'correction' && r.note ? [div(t(G.card.correctionNote(r.note)))] : []),
  ];
}

function ownRecord(v: MeetingView): CardElement[] {
  const m = v.meeting;
  const r = m.records[v.viewer];
  if (!m.attendees.includes(v.viewer) || m.state === 'planned') return [];
  const out: CardElement[] = [hr(), div(`${t(G.card.yourRecord)}：${t(recordState(r))}`)];
  if (!r) return out;
  out.push(...recordLines(r, v.itemSeqs ?? {}));
  if (r.state !== 'confirmed') {
    out.push(button(t(G.buttons.confirm), { a: 'mg.confirm', id: m.id, u: v.viewer }, { type: 'primary' }),
      button(t(G.buttons.correctForm), { a: 'mg.correctForm', id: m.id, u: v.viewer }));
  }
  return out;
}

function allRecords(v: MeetingView): CardElement[] {
  const m = v.meeting;
  if (!v.can.readAll || m.state === 'planned') return [];
  const out: CardElement[] = [hr(), div(t(G.card.records))];
  for (const u of m.attendees) {
    const label = t(G.card.recordRow(nameOf(v.names, u), recordState(m.records[u])));
    out.push(v.can.record ? button(label, { a: 'mg.record', id: m.id, u }, { size: 'small' }) : div(label));
  }
  return out;
}

function signInLines(v: MeetingView): CardElement[] {
  const m = v.meeting;
  const mine = m.signIns[v.viewer];
  const out: CardElement[] = [];
  if (mine) out.push(div(t(G.card.signedIn(whenText(mine.at, v.timeZone), mine.late))));
  else if (v.can.signIn) {
    out.push(noteText(t(G.card.signInWindow)), button(t(G.buttons.signIn), { a: 'mg.in', id: m.id }, { type: 'primary' }));
  }
  if (v.can.readAll && m.state !== 'planned') {
    const absent = m.attendees.filter((u) => !m.signIns[u]);
    out.push(div(t(G.card.signIns(m.attendees.length - absent.length, m.attendees.length))));
    if (absent.length) out.push(noteText(t(G.card.notSignedIn(absent.map((u) => nameOf(v.names, u)).join('、')))));
  }
  return out;
}

function actionButtons(v: MeetingView): CardElement[] {
  const { meeting: m, can } = v;
  const B = G.buttons;
  const out: CardElement[] = [];
  if (can.start) out.push(button(t(B.start), { a: 'mg.start', id: m.id }, { type: 'primary_filled' }));
  if (can.override) out.push(button(t(B.overrideForm), { a: 'mg.overrideForm', id: m.id }));
  if (can.edit) out.push(button(t(B.edit), { a: 'mg.edit', id: m.id }));
  if (can.end) {
    const confirm = { title: t(G.confirm.endTitle), text: t(G.confirm.endText) };
    out.push(button(t(B.end), { a: 'mg.end', id: m.id }, { type: 'danger', confirm }));
  }
  if (can.survey) out.push(button(t(B.survey), { a: 'mg.survey', id: m.id }));
  if (v.showBack) out.push(button(t(B.list), { a: 'mg.list' }));
  return out.length ? [hr(), ...out] : [];
}

/** A meeting as the viewer sees it: when and where, who, the preconditions, sign-in, the records and the viewer's actions. */
export function meetingCard(v: MeetingView): Card {
  const m = v.meeting;
  const names = (us: readonly string[]) => us.map((u) => nameOf(v.names, u)).join('、');
  return card({
    title: clip(m.title, 100),
    subtitle: t(G.states[m.state]),
    template: TEMPLATES[m.state],
    personal: true,
    elements: [
      ...(v.banner ? [div(t(v.banner)), hr()] : []),
      div(t(G.card.meta(G.types[m.type], whenText(m.start, v.timeZone), clip(m.place, 100)))),
      div(t(G.card.attendees(names(m.attendees)))),
      ...(m.invited.length ? [div(t(G.card.invited(names(m.invited))))] : []),
      ...(m.state === 'planned' && v.missing ? [hr(), ...preconditionLines(v)] : []),
      ...(m.override ? [div(t(G.card.override(nameOf(v.names, m.override.by), m.override.reason)))] : []),
      ...signInLines(v),
      ...ownRecord(v),
      ...allRecords(v),
      ...(v.reportTitle ? [div(t(G.card.report(clip(v.reportTitle, 100))))] : []),
      ...(v.roundTitle ? [div(t(G.card.round(clip(v.roundTitle, 100))))] : []),
      ...actionButtons(v),
    ],
  });
}

export interface RecordView {
  meeting: Meeting;
  subject: string;
  names: Names;
  itemSeqs: Readonly<Record<string, number>>;
  /** The office may still change the record (not confirmed) and turn measures into ledger items. */
  editable: boolean;
}

/** The office's card of one attendee's record: the form (kept values), the measures with one tap each to the ledger. */
export function recordCard(v: RecordView): Card {
  const { meeting: m, subject } = v;
  const r = m.records[subject];
  const F = G.fields;
  const id = m.id;
  const measures: CardElement[] = r ? r.measures.flatMap((_, i) =>
    r.items[String(i)] ? [] : [button(t(G.buttons.measure(i + 1)), { a: 'mg.measure', id, u: subject, i }, { size: 'small' })]) : [];
  const editable = v.editable && r?.state !== 'confirmed';
  return card({
    title: t(G.form.recordTitle(nameOf(v.names, subject))),
    subtitle: `${clip(m.title, 60)}｜${t(recordState(r))}`,
    template: 'blue',
    personal: true,
    elements: [
      ...(r ? recordLines(r, v.itemSeqs) : []),
      ...(editable ? [form('mg_record', [
        input({ name: RECORD_FORM.self, label: t(F.self), multiline: true, rows: 4, maxLength: 1000,
          ...(r?.self ? { defaultValue: r.self } : {}) }),
        input({ name: RECORD_FORM.received, label: t(F.received), multiline: true, rows: 4, maxLength: 1000,
          ...(r?.received ? { defaultValue: r.received } : {}) }),
        input({ name: RECORD_FORM.measures, label: t(F.measures), multiline: true, rows: 4, maxLength: 1000,
          ...(r?.measures.length ? { defaultValue: r.measures.join('\n').slice(0, 1000) } : {}) }),
        formButton(t(G.buttons.recordSave), { a: 'mg.recordSave', id, u: subject }, { name: 'mg_record_go' }),
      ])] : []),
      ...(v.editable ? measures : []),
      button(t(G.buttons.back), { a: 'mg.open', id }),
    ],
  });
}
