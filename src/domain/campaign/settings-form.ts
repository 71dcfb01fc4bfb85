/**
 * Form values of 进度 设置 (the timeline settings card), validated on the server: Lark enforces `required` and
 * `max_length` in the client only. Pure.
 */
import { isDay } from '../calendar.js';
import { DELIVERABLE_MAX, MILESTONE_NAME_MAX } from './timeline.js';
import { charCount } from '../text.js';

/** Field names: unique on the card (a phase's by its place in the file, the add form's and the edit form's own). */
export const TIMELINE_FORM = {
  phaseStart: (i: number) => `tl_ps_${i}`,
  phaseEnd: (i: number) => `tl_pe_${i}`,
  addName: 'tl_add_name', addDate: 'tl_add_date', addOwner: 'tl_add_owner', addDeliverable: 'tl_add_deliverable',
  editDate: 'tl_edit_date', editOwner: 'tl_edit_owner',
};
/** The owner select's value for "no owner set in chat". */
export const NO_OWNER = '-';

export type TimelineFormError = 'day' | 'name' | 'deliverable' | 'owner';

const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');
const len = charCount;
// The date picker answers "YYYY-MM-DD +0800": the day is its first ten characters.
const dayOf = (v: unknown) => str(v).slice(0, 10);

type Parsed<T> = ({ ok: true } & T) | { ok: false; error: TimelineFormError };

/** A phase's new start and end (their order and overlaps are checked on the whole timeline). */
export function parsePhaseForm(fv: Record<string, unknown>, i: number): Parsed<{ start: string; end: string }> {
  const start = dayOf(fv[TIMELINE_FORM.phaseStart(i)]);
  const end = dayOf(fv[TIMELINE_FORM.phaseEnd(i)]);
  return isDay(start) && isDay(end) ? { ok: true, start, end } : { ok: false, error: 'day' };
}

/** An owner: one of `known` (open_ids the bot knows), or none. */
function ownerOf(v: unknown, known: ReadonlySet<string>): { ok: true; owner?: string } | { ok: false } {
  const o = str(v);
  if (!o || o === NO_OWNER) return { ok: true };
  return known.has(o) ? { ok: true, owner: o } : { ok: false };
}

/** A milestone added in chat: name (1–100), a real day, an optional owner among `known`, an optional deliverable (≤ 200). */
export function parseAddForm(
  fv: Record<string, unknown>, known: ReadonlySet<string>,
): Parsed<{ name: string; date: string; owner?: string; deliverable?: string }> {
  const name = str(fv[TIMELINE_FORM.addName]);
  if (!name || len(name) > MILESTONE_NAME_MAX) return { ok: false, error: 'name' };
  const date = dayOf(fv[TIMELINE_FORM.addDate]);
  if (!isDay(date)) return { ok: false, error: 'day' };
  const owner = ownerOf(fv[TIMELINE_FORM.addOwner], known);
  if (!owner.ok) return { ok: false, error: 'owner' };
  const deliverable = str(fv[TIMELINE_FORM.addDeliverable]);
  if (len(deliverable) > DELIVERABLE_MAX) return { ok: false, error: 'deliverable' };
  return { ok: true, name, date, ...(owner.owner ? { owner: owner.owner } : {}), ...(deliverable ? { deliverable } : {}) };
}

/** A milestone's edit: its new day, and an owner among `known` (none: the owner stays as it is). */
export function parseEditForm(fv: Record<string, unknown>, known: ReadonlySet<string>): Parsed<{ date: string; owner?: string }> {
  const date = dayOf(fv[TIMELINE_FORM.editDate]);
  if (!isDay(date)) return { ok: false, error: 'day' };
  const owner = ownerOf(fv[TIMELINE_FORM.editOwner], known);
  if (!owner.ok) return { ok: false, error: 'owner' };
  return { ok: true, date, ...(owner.owner ? { owner: owner.owner } : {}) };
}
