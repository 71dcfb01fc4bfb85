import { FORM_KINDS, K_DEFAULT, K_MIN, type RoundKind, type RoundMeta } from './round.js';
import { zoneOffset } from '../calendar.js';
import { charCount } from '../text.js';

/** The admin's "new round" form (cards/evaluation-admin.ts roundAdminCard) parsed and checked. Pure. */

/** Field names of the form (shared with the card). */
export const ROUND_FORM = {
  title: 'ev_title', kind: 'ev_kind', mode: 'ev_mode', closes: 'ev_closes', baseline: 'ev_base', k: 'ev_k', subjects: 'ev_subj',
} as const;
export const NO_BASELINE = 'none';
/** A round closes at this local time on the chosen day. */
const CLOSE_TIME = { hour: 18, minute: 0 } as const;

interface RoundFormValue {
  title: string;
  kind: RoundKind;
  paper: boolean;
  closesAt: number;
  baselineRoundId?: string;
  k: number;
  subjectKeys: string[];
}
export type RoundFormError = 'title' | 'kind' | 'mode' | 'closes' | 'k' | 'subjects' | 'baseline';
type RoundFormResult = { ok: true; value: RoundFormValue } | { ok: false; errors: RoundFormError[] };

interface RoundFormOpts {
  now: number;
  /** Campaign time zone, used when the date comes without an offset. */
  timeZone: string;
  subjectKeys: readonly string[];
  /** Rounds that may serve as the baseline (closed, same kind: checked here). */
  baselines: readonly Pick<RoundMeta, 'id' | 'kind' | 'status'>[];
}

/**
 * The close instant of a date picker value: Lark sends "YYYY-MM-DD +0800" (LARK.md §3.2); a bare day
 * is read in the campaign time zone. Undefined for anything else.
 */
export function closeInstant(value: unknown, timeZone: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:\s+([+-])(\d{2}):?(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), CLOSE_TIME.hour, CLOSE_TIME.minute);
  if (Number.isNaN(local) || new Date(local).getUTCDate() !== Number(m[3])) return undefined;
  if (m[4]) return local - (m[4] === '-' ? -1 : 1) * (Number(m[5]) * 60 + Number(m[6])) * 60_000;
  return local - zoneOffset(local - zoneOffset(local, timeZone), timeZone);
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function parseRoundForm(formValue: unknown, opts: RoundFormOpts): RoundFormResult {
  const f = typeof formValue === 'object' && formValue !== null && !Array.isArray(formValue) ? (formValue as Record<string, unknown>) : {};
  const errors: RoundFormError[] = [];
  const title = str(f[ROUND_FORM.title]).replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '');
  if (!title || charCount(title) > 100) errors.push('title');
  const kind = FORM_KINDS.find((x) => x === f[ROUND_FORM.kind]);
  if (!kind) errors.push('kind');
  const mode = str(f[ROUND_FORM.mode]) || 'electronic';
  if (mode !== 'electronic' && mode !== 'paper') errors.push('mode');
  const paper = mode === 'paper';
  let closesAt = closeInstant(f[ROUND_FORM.closes], opts.timeZone);
  if (paper && closesAt === undefined && f[ROUND_FORM.closes] === undefined) closesAt = opts.now;
  else if (closesAt === undefined || (!paper && closesAt <= opts.now)) errors.push('closes');
  const kText = str(f[ROUND_FORM.k]);
  const k = kText === '' ? K_DEFAULT : /^\d{1,4}$/.test(kText) ? Number(kText) : NaN;
  if (!Number.isInteger(k) || k < K_MIN || k > 1000) errors.push('k');
  const rawSubjects = Array.isArray(f[ROUND_FORM.subjects]) ? (f[ROUND_FORM.subjects] as unknown[]) : [];
  const subjectKeys = opts.subjectKeys.filter((s) => rawSubjects.includes(s));
  if (subjectKeys.length === 0 || rawSubjects.some((s) => typeof s !== 'string' || !opts.subjectKeys.includes(s))) errors.push('subjects');
  const base = str(f[ROUND_FORM.baseline]);
  let baselineRoundId: string | undefined;
  if (base && base !== NO_BASELINE) {
    const b = opts.baselines.find((r) => r.id === base);
    if (!b || b.status !== 'closed' || b.kind !== kind) errors.push('baseline');
    else baselineRoundId = b.id;
  }
  if (errors.length || !kind || closesAt === undefined) return { ok: false, errors };
  return { ok: true, value: { title, kind, paper, closesAt, k, subjectKeys, ...(baselineRoundId ? { baselineRoundId } : {}) } };
}
