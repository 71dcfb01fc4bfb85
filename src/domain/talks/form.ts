import { pickedDay, textOf } from '../materials/form.js';
import { NOTE_MAX, PLACE_MAX } from './talk.js';

/** The talks' form fields (unique names across the feature's cards) and their parsing. */
export const DONE_FORM = { day: 'tk_d_day', place: 'tk_d_place' } as const;
export const NOTE_FORM = { text: 'tk_n_text' } as const;
export const MOVE_FORM = { due: 'tk_m_due' } as const;
export const PLAN_FORM = { a: 'tk_p_a', b: 'tk_p_b', addDue: 'tk_p_adue', pair: 'tk_p_pair', newDue: 'tk_p_ndue' } as const;

export type DoneError = 'day' | 'future' | 'place';

/** A talk held: a day not after today, a place of 1–100 characters. */
export function parseDoneForm(fv: Record<string, unknown>, today: string):
  { ok: true; value: { day: string; place: string } } | { ok: false; errors: DoneError[] } {
  const errors: DoneError[] = [];
  const day = pickedDay(fv[DONE_FORM.day]);
  if (!day) errors.push('day');
  else if (day > today) errors.push('future');
  const place = textOf(fv[DONE_FORM.place], PLACE_MAX);
  if (!place) errors.push('place');
  return errors.length ? { ok: false, errors } : { ok: true, value: { day: day!, place: place! } };
}

/** A private note: up to 1,000 characters; empty clears it. Undefined: too long. */
export function parseNote(fv: Record<string, unknown>): string | undefined {
  return textOf(fv[NOTE_FORM.text], NOTE_MAX);
}

export type MoveError = 'due' | 'past';

/** A saved talk's new due day: picked, and not before today. */
export function parseMoveForm(fv: Record<string, unknown>, today: string):
  { ok: true; due: string } | { ok: false; error: MoveError } {
  const due = pickedDay(fv[MOVE_FORM.due]);
  if (!due) return { ok: false, error: 'due' };
  return due < today ? { ok: false, error: 'past' } : { ok: true, due };
}
