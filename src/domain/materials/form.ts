import { cleanText } from '../opinions/opinion.js';
import { isDay } from '../calendar.js';
import { charCount } from '../text.js';
import { KIND_KEYS, type KindKey } from './kinds.js';
import { COMMENT_MAX, MAX_AUTHORS, TEXT_MAX, TITLE_MAX, type VersionSource } from './material.js';

/** The materials' card forms parsed and checked (cards/materials/ builds them with these field names). Pure. */

export const MATERIAL_FORM = { kind: 'mt_kind', title: 'mt_title', authors: 'mt_authors', due: 'mt_due' } as const;
export const VERSION_FORM = { link: 'mt_v_link', text: 'mt_v_text' } as const;
export const REVIEW_FORM = { returnComment: 'mt_r_comment', passNote: 'mt_p_note', comment: 'mt_c_comment' } as const;

/** Cleaned text of at most `max` characters; '' when empty, undefined when too long or not text. */
export function textOf(raw: unknown, max: number): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') return undefined;
  const s = cleanText(raw);
  return charCount(s) <= max ? s : undefined;
}

/** A date picker's value ("YYYY-MM-DD +0800", or a bare day) → the day, or undefined. */
export function pickedDay(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const d = raw.trim().slice(0, 10);
  return isDay(d) ? d : undefined;
}

/** An https link to a document on one of `domains` (the host equal to one, or a subdomain of one). */
export function docLink(raw: string, domains: readonly string[]): string | undefined {
  const s = raw.trim();
  if (s.length > 500 || /[\s<>"]/.test(s)) return undefined;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  const host = url.hostname.toLowerCase();
  return domains.some((d) => host === d || host.endsWith(`.${d}`)) ? s : undefined;
}

export type VersionFormResult = { ok: true; source: VersionSource } | { ok: false; error: 'empty' | 'both' | 'badLink' | 'tooLong' };

/** A new version from the form: a document link or a short text, exactly one of them. */
export function parseVersionForm(fv: Record<string, unknown>, domains: readonly string[]): VersionFormResult {
  const link = typeof fv[VERSION_FORM.link] === 'string' ? (fv[VERSION_FORM.link] as string).trim() : '';
  const text = textOf(fv[VERSION_FORM.text], TEXT_MAX);
  if (text === undefined) return { ok: false, error: 'tooLong' };
  if (link && text) return { ok: false, error: 'both' };
  if (link) {
    const url = docLink(link, domains);
    return url ? { ok: true, source: { type: 'link', url } } : { ok: false, error: 'badLink' };
  }
  return text ? { ok: true, source: { type: 'text', text } } : { ok: false, error: 'empty' };
}

/** A required comment of at most COMMENT_MAX characters; undefined when empty or too long. */
export const requiredComment = (raw: unknown): string | undefined => textOf(raw, COMMENT_MAX) || undefined;

export type MaterialFormError = 'kind' | 'title' | 'authors' | 'due';
export interface MaterialFields { kind: KindKey; title: string; authors: string[]; due: string }

const strings = (raw: unknown): string[] | undefined =>
  Array.isArray(raw) && raw.every((x) => typeof x === 'string')
    ? [...new Set(raw as string[])]
    : typeof raw === 'string' ? [raw] : undefined;

/**
 * The office's material form: an office kind (对照检查材料 are made one per leader, not here), a title, the authors
 * among `authorsAllowed`, and a due day not in the past (an unchanged one may stay when editing; a new material with
 * none picked takes its kind's default from `kindDues`, when it has one).
 */
export function parseMaterialForm(
  fv: Record<string, unknown>,
  o: {
    authorsAllowed: ReadonlySet<string>; officeKinds: readonly KindKey[]; today: string; keepDue?: string; kind?: KindKey;
    /** A new material: the kinds' default due days (材料 设置), taken when no day is picked. */
    kindDues?: Partial<Record<KindKey, string>>;
  },
): { ok: true; value: MaterialFields } | { ok: false; errors: MaterialFormError[] } {
  const errors: MaterialFormError[] = [];
  const kind = (o.kind ?? fv[MATERIAL_FORM.kind]) as KindKey;
  if (!(KIND_KEYS as readonly string[]).includes(kind) || (o.kind === undefined && !o.officeKinds.includes(kind))) errors.push('kind');
  const title = textOf(fv[MATERIAL_FORM.title], TITLE_MAX);
  if (!title || title.includes('\n')) errors.push('title');
  const authors = strings(fv[MATERIAL_FORM.authors]);
  if (!authors || !authors.length || authors.length > MAX_AUTHORS || authors.some((a) => !o.authorsAllowed.has(a))) errors.push('authors');
  const due = pickedDay(fv[MATERIAL_FORM.due]) ?? (fv[MATERIAL_FORM.due] ? undefined : o.kindDues?.[kind]);
  if (!due || (due < o.today && due !== o.keepDue)) errors.push('due');
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { kind, title: title!, authors: authors!, due: due! } };
}
