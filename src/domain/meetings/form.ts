import { instantOf, isDay } from '../calendar.js';
import { textOf, pickedDay } from '../materials/form.js';
import { FIELD_MAX, MAX_ATTENDEES, MAX_INVITED, MAX_MEASURES, MEETING_TYPES, NOTE_MAX, PLACE_MAX, REASON_MAX, TITLE_MAX,
  type MeetingType } from './meeting.js';
import type { MeetingInput } from './transitions.js';

/** The meetings' card forms parsed and checked (cards/meetings/ builds them with these field names). Pure. */

export const MEETING_FORM = {
  type: 'mg_type', title: 'mg_title', day: 'mg_day', time: 'mg_time', place: 'mg_place', attendees: 'mg_attendees', invited: 'mg_invited',
} as const;
export const RECORD_FORM = { self: 'mg_r_self', received: 'mg_r_received', measures: 'mg_r_measures' } as const;
export const CORRECTION_FORM = { note: 'mg_c_note' } as const;
export const OVERRIDE_FORM = { reason: 'mg_o_reason' } as const;

export type MeetingFormError = 'type' | 'title' | 'day' | 'time' | 'past' | 'place' | 'attendees' | 'invited';

const picked = (raw: unknown): string[] | undefined =>
  Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? [...new Set(raw as string[])] : raw === undefined ? [] : undefined;

export interface MeetingFormContext {
  now: number; timeZone: string;
  /** Who may attend (the people the bot knows) and who may be invited (the 督导组). */
  people: ReadonlySet<string>; supervisors: ReadonlySet<string>;
}

/** The create/edit form → the meeting's fields, or every error at once. */
export function parseMeetingForm(
  fv: Record<string, unknown>, c: MeetingFormContext,
): { ok: true; value: MeetingInput } | { ok: false; errors: MeetingFormError[] } {
  const errors: MeetingFormError[] = [];
  const type = fv[MEETING_FORM.type];
  if (!(MEETING_TYPES as readonly unknown[]).includes(type)) errors.push('type');
  const title = textOf(fv[MEETING_FORM.title], TITLE_MAX);
  if (!title || title.includes('\n')) errors.push('title');
  const day = pickedDay(fv[MEETING_FORM.day]);
  if (!day || !isDay(day)) errors.push('day');
  const time = typeof fv[MEETING_FORM.time] === 'string' ? (fv[MEETING_FORM.time] as string).trim().normalize('NFKC') : '';
  const hm = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(time);
  if (!hm) errors.push('time');
  const place = textOf(fv[MEETING_FORM.place], PLACE_MAX);
  if (!place || place.includes('\n')) errors.push('place');
  const attendees = picked(fv[MEETING_FORM.attendees]);
  if (!attendees || !attendees.length || attendees.length > MAX_ATTENDEES || attendees.some((u) => !c.people.has(u))) {
    errors.push('attendees');
  }
  const invited = picked(fv[MEETING_FORM.invited]);
  if (!invited || invited.length > MAX_INVITED || invited.some((u) => !c.supervisors.has(u))) errors.push('invited');
  let start = 0;
  if (day && hm) {
    start = instantOf(day, `${hm[1]!.padStart(2, '0')}:${hm[2]}`, c.timeZone);
    if (start <= c.now) errors.push('past');
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: {
    type: type as MeetingType, title: title!, start, place: place!, attendees: attendees!, invited: invited!,
  } };
}

export type RecordFormError = 'empty' | 'tooLong' | 'measures';

/** The office's record of one attendee: two texts and the measures, one per line (≤ 10), each field ≤ 1,000 characters. */
export function parseRecordForm(
  fv: Record<string, unknown>,
): { ok: true; value: { self: string; received: string; measures: string[] } } | { ok: false; error: RecordFormError; fields: string[] } {
  const self = textOf(fv[RECORD_FORM.self], FIELD_MAX);
  const received = textOf(fv[RECORD_FORM.received], FIELD_MAX);
  const measuresText = textOf(fv[RECORD_FORM.measures], FIELD_MAX);
  const long = [[RECORD_FORM.self, self], [RECORD_FORM.received, received], [RECORD_FORM.measures, measuresText]]
    .filter(([, v]) => v === undefined).map(([f]) => f as string);
  if (long.length) return { ok: false, error: 'tooLong', fields: long };
  if (!self && !received) return { ok: false, error: 'empty', fields: [RECORD_FORM.self] };
  const measures = measuresText!.split('\n').map((l) => l.replace(/^\s*(\d+[.、．)]|[-•·])\s*/, '').trim()).filter(Boolean);
  if (measures.length > MAX_MEASURES) return { ok: false, error: 'measures', fields: [RECORD_FORM.measures] };
  return { ok: true, value: { self: self!, received: received!, measures } };
}

/** A required note (a correction asked, an override's reason) of at most `max` characters. */
export const requiredNote = (raw: unknown, max: number): string | undefined => textOf(raw, max) || undefined;
export const CORRECTION_MAX = NOTE_MAX;
export const OVERRIDE_MAX = REASON_MAX;
