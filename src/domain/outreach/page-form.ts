import { z } from 'zod';
import { cellsOf } from '../evaluations/ballot.js';
import { cellKey, type Choices, type RoundMeta } from '../evaluations/round.js';
import { CATEGORIES, cleanText, TEXT_MAX, type Category } from '../opinions/opinion.js';
import { charCount } from '../text.js';

/**
 * The public outreach page's form (issue #17). Pure: field names, the questions of an attached round, and the
 * check of a submitted form. An entry is an opinion, complete ratings, or both; a contact wish goes with an opinion.
 */

export const PAGE_FIELD = {
  csrf: 'csrf', honeypot: 'website', category: 'category', target: 'target', text: 'text', wish: 'wish', contact: 'contact',
  code: 'code',
} as const;
export const CONTACT_MAX = 100;
const TEXT_MIN = 5;

/** A rating question's radio group: `r<cell index>`. */
export const ratingField = (index: number) => `r${index}`;
const RATING_FIELD = /^r(\d{1,4})$/;

export type PageFormError =
  | 'category' | 'target' | 'textShort' | 'textLong' | 'empty' | 'ratingsPartial' | 'roundClosed' | 'contact' | 'contactNeedsText';

type QuestionRound = Pick<RoundMeta, 'subjects' | 'dimensions' | 'scale'>;

export interface PageQuestion { field: string; cell: string; subject: string; dimension: string }

/** The questions of a round, in ballot order (subject by subject). */
export function pageQuestions(round: QuestionRound): PageQuestion[] {
  return cellsOf(round).map((c) => ({
    field: ratingField(c.index), cell: cellKey(c.subject.key, c.dimension.key), subject: c.subject.label, dimension: c.dimension.label,
  }));
}

/** Whether an attached round takes ratings now. */
export const roundTakesRatings = (r: Pick<RoundMeta, 'status' | 'closesAt'>, now: number) => r.status === 'open' && now < r.closesAt;

/**
 * The body's fields: every name once, short names, bounded values (the body itself is at most 16 KB). Undefined for
 * a body no page of ours would send.
 */
const FIELD_NAME = /^[a-z][a-z0-9_]{0,15}$/;
const fieldsSchema = z.record(z.string().regex(FIELD_NAME), z.string().max(8_000)).refine((r) => Object.keys(r).length <= 400);

export function pageFields(body: string): Record<string, string> | undefined {
  const seen = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(body)) {
    if (!FIELD_NAME.test(k) || seen.has(k)) return undefined;
    seen.set(k, v);
  }
  const r = fieldsSchema.safeParse(Object.fromEntries(seen));
  return r.success ? r.data : undefined;
}

export interface PageEntry {
  /** With an opinion. */
  opinion?: { category: Category; target: string; text: string; contact?: string };
  /** Complete ratings: `subject|dimension` → grade. */
  choices?: Choices;
}

/** What to show again after a refused form (never stored). */
export interface PageValues {
  category?: string;
  target?: string;
  text?: string;
  wish?: boolean;
  contact?: string;
  ratings?: Record<string, string>;
}

/** A submitted form's values, to fill the form again. */
export function pageValues(f: Record<string, string>): PageValues {
  const ratings = Object.fromEntries(Object.entries(f).filter(([k, v]) => RATING_FIELD.test(k) && v !== ''));
  return { category: f[PAGE_FIELD.category], target: f[PAGE_FIELD.target], text: f[PAGE_FIELD.text], wish: f[PAGE_FIELD.wish] === '1',
    contact: f[PAGE_FIELD.contact], ratings };
}

type PageFormResult = { ok: true; entry: PageEntry } | { ok: false; errors: PageFormError[]; values: PageValues };

interface PageFormOpts {
  targets: readonly string[];
  /** The attached round, and whether it takes ratings now. */
  round?: { meta: QuestionRound; open: boolean };
}

/** Checks a submitted page form. Ratings are all answered or none; at least an opinion or complete ratings. */
export function parsePageForm(f: Record<string, string>, opts: PageFormOpts): PageFormResult {
  const errors: PageFormError[] = [];
  const text = cleanText(f[PAGE_FIELD.text] ?? '');
  const wish = f[PAGE_FIELD.wish] === '1';
  const contact = cleanText(f[PAGE_FIELD.contact] ?? '').replace(/\s+/g, ' ');
  const category = CATEGORIES.find((c) => c.key === f[PAGE_FIELD.category])?.key;
  const target = opts.targets.find((t) => t === (f[PAGE_FIELD.target] || opts.targets[0]));

  const ratings: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (RATING_FIELD.test(k) && v !== '') ratings[k] = v;
  const questions = opts.round ? pageQuestions(opts.round.meta) : [];
  const grades = new Set(opts.round?.meta.scale.map((g) => g.key) ?? []);
  let choices: Choices | undefined;
  if (Object.keys(ratings).length) {
    if (!opts.round?.open) errors.push('roundClosed');
    else if (questions.length !== Object.keys(ratings).length
      || questions.some((q) => !grades.has(ratings[q.field] ?? ''))) errors.push('ratingsPartial');
    else choices = Object.fromEntries(questions.map((q) => [q.cell, ratings[q.field]]));
  }

  if (text) {
    if (charCount(text) < TEXT_MIN) errors.push('textShort');
    if (charCount(text) > TEXT_MAX) errors.push('textLong');
    if (!category) errors.push('category');
    if (!target) errors.push('target');
  } else if (!Object.keys(ratings).length) errors.push('empty');
  if (wish) {
    if (!contact || charCount(contact) > CONTACT_MAX) errors.push('contact');
    if (!text) errors.push('contactNeedsText');
  }
  if (errors.length || (!text && !choices)) {
    return { ok: false, errors: errors.length ? errors : ['empty'], values: pageValues(f) };
  }
  return { ok: true, entry: {
    ...(text && category && target ? { opinion: { category, target, text, ...(wish ? { contact } : {}) } } : {}),
    ...(choices ? { choices } : {}),
  } };
}
