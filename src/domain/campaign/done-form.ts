/**
 * The form an admin fills to mark a milestone done (标记完成), validated on the server (Lark enforces
 * `max_length` in the client only): a note of ≤ 500 characters, an https link of ≤ 1,000, at least one. Pure.
 */
import { milestoneDoneSchema } from './milestones.js';
import { charCount } from '../text.js';

export const DONE_FORM = { note: 'ms_note', link: 'ms_link' };
export const DONE_NOTE_MAX = 500;
export const DONE_LINK_MAX = 1000;

export type DoneFormError = 'empty' | 'long' | 'link';
type DoneInput = { ok: true; note?: string; link?: string } | { ok: false; error: DoneFormError };

const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');

export function parseDoneForm(fv: Record<string, unknown>): DoneInput {
  const note = str(fv[DONE_FORM.note]);
  const link = str(fv[DONE_FORM.link]);
  if (!note && !link) return { ok: false, error: 'empty' };
  if (charCount(note) > DONE_NOTE_MAX) return { ok: false, error: 'long' };
  // The stored record's own schema decides what a link is (https only, ≤ 1,000 characters).
  if (link && !milestoneDoneSchema.shape.link.safeParse(link).success) return { ok: false, error: 'link' };
  return { ok: true, ...(note ? { note } : {}), ...(link ? { link } : {}) };
}
