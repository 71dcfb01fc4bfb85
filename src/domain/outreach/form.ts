import { z } from 'zod';
import { addDays, endOfDay, isDay, localParts } from '../calendar.js';
import { DEFAULT_GROUP, type RoundMeta } from '../evaluations/round.js';
import { cleanText, SOURCES, type Source } from '../opinions/opinion.js';
import { charCount } from '../text.js';
import { CAP_DEFAULT, CAP_MAX, type LinkRecord } from './link.js';

/**
 * The forms of outreach links (issue #17), pure: a new link (contact point, source group, day, valid until, an
 * attached round, the rater group its ratings count in, the cap, the leader) and a new end of validity.
 */

/** Field names (unique across the feature's cards). */
export const LINK_FORM = {
  contact: 'ol_contact', source: 'ol_source', day: 'ol_day', until: 'ol_until', round: 'ol_round', group: 'ol_group',
  cap: 'ol_cap', leader: 'ol_leader',
} as const;
export const EXTEND_FORM = { until: 'ol_x_until' } as const;
export const NO_ROUND = 'none';
export const NO_LEADER = 'none';
/** A link is valid at most this many days ahead. */
export const VALID_DAYS_MAX = 180;
const CONTACT_MAX = 60;

export type LinkFormError = 'contact' | 'source' | 'day' | 'until' | 'round' | 'group' | 'cap' | 'leader';
export type ExtendFormError = 'until';

/** What a valid form gives: the link record's own fields, and its end of validity. */
export interface LinkFormValue {
  contact: string;
  source: Source;
  day: string;
  validUntil: number;
  roundId?: string;
  group: string;
  cap: number;
  leader?: string;
}

type RoundChoice = Pick<RoundMeta, 'id' | 'kind' | 'status' | 'paper' | 'groups' | 'title'>;

export interface LinkFormOpts {
  now: number;
  timeZone: string;
  /** Rounds a link may take (already filtered by `attachableRounds`). */
  rounds: readonly RoundChoice[];
  /** The leaders an admin may name (campaign file and run time). */
  leaders: readonly string[];
  /** Who submits: an admin names any leader or none; a leader who is not an admin is the link's leader. */
  operator: { openId: string; admin: boolean };
}

/** Rounds a link may carry: outreach or satisfaction, draft or open, not paper. */
export function attachableRounds<R extends RoundChoice>(rounds: readonly R[]): R[] {
  return rounds.filter((r) => (r.kind === 'outreach' || r.kind === 'satisfaction') && r.status !== 'closed' && !r.paper);
}

const fieldsSchema = z.record(z.string(), z.unknown()).catch({});
const text = z.string().transform((s) => cleanText(s).replace(/\n/g, ' '));
const contactSchema = text.pipe(z.string().min(1).refine((s) => charCount(s) <= CONTACT_MAX));
const sourceSchema = z.enum(SOURCES.map((s) => s.key) as [Source, ...Source[]]);
const capSchema = z.union([z.undefined(), z.null(), z.string()])
  .transform((s) => (s === undefined || s === null || s.trim() === '' ? String(CAP_DEFAULT) : s.normalize('NFKC').trim()))
  .pipe(z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().int().min(1).max(CAP_MAX)));
/** A date picker's value ("YYYY-MM-DD +0800", or a bare day) → the day. */
const daySchema = z.string().transform((s) => s.trim().slice(0, 10)).refine(isDay);
const optional = (none: string) => z.union([z.undefined(), z.null(), z.string()]).transform((s) => (s && s !== none ? s : undefined));

/** The end of validity of a picked day: the end of that day in the campaign zone, after now, at most 180 days ahead. */
export function validUntilOf(raw: unknown, now: number, timeZone: string): number | undefined {
  const day = daySchema.safeParse(raw);
  if (!day.success) return undefined;
  const until = endOfDay(day.data, timeZone);
  const last = endOfDay(addDays(localParts(now, timeZone).day, VALID_DAYS_MAX), timeZone);
  return until > now && until <= last ? until : undefined;
}

export function parseLinkForm(formValue: unknown, o: LinkFormOpts):
  { ok: true; value: LinkFormValue } | { ok: false; errors: LinkFormError[] } {
  const f = fieldsSchema.parse(formValue);
  const errors: LinkFormError[] = [];
  const contact = contactSchema.safeParse(f[LINK_FORM.contact]);
  if (!contact.success) errors.push('contact');
  const source = sourceSchema.safeParse(f[LINK_FORM.source]);
  if (!source.success) errors.push('source');
  const day = daySchema.safeParse(f[LINK_FORM.day]);
  if (!day.success) errors.push('day');
  const validUntil = validUntilOf(f[LINK_FORM.until], o.now, o.timeZone);
  if (validUntil === undefined) errors.push('until');
  const roundId = optional(NO_ROUND).safeParse(f[LINK_FORM.round]);
  const round = roundId.success && roundId.data ? o.rounds.find((r) => r.id === roundId.data) : undefined;
  if (!roundId.success || (roundId.data && !round)) errors.push('round');
  // The rater group: a group of the attached round (an outreach round has only DEFAULT_GROUP); none attached: DEFAULT_GROUP.
  const picked = optional('').safeParse(f[LINK_FORM.group]);
  let group = DEFAULT_GROUP;
  if (round?.kind === 'satisfaction') {
    const key = picked.success ? (picked.data ?? DEFAULT_GROUP) : '';
    if (round.groups.some((g) => g.key === key)) group = key;
    else errors.push('group');
  }
  const cap = capSchema.safeParse(f[LINK_FORM.cap]);
  if (!cap.success) errors.push('cap');
  let leader: string | undefined;
  if (!o.operator.admin) leader = o.operator.openId;
  else {
    const l = optional(NO_LEADER).safeParse(f[LINK_FORM.leader]);
    if (!l.success || (l.data !== undefined && !o.leaders.includes(l.data))) errors.push('leader');
    else leader = l.data;
  }
  if (errors.length || !contact.success || !source.success || !day.success || validUntil === undefined || !cap.success) {
    return { ok: false, errors };
  }
  return { ok: true, value: {
    contact: contact.data, source: source.data, day: day.data, validUntil, group, cap: cap.data,
    ...(round ? { roundId: round.id } : {}), ...(leader ? { leader } : {}),
  } };
}

/** A new end of validity: a day after now and at most 180 days ahead. */
export function parseExtendForm(formValue: unknown, o: { now: number; timeZone: string }):
  { ok: true; validUntil: number } | { ok: false; error: ExtendFormError } {
  const validUntil = validUntilOf(fieldsSchema.parse(formValue)[EXTEND_FORM.until], o.now, o.timeZone);
  return validUntil === undefined ? { ok: false, error: 'until' } : { ok: true, validUntil };
}

/** The link record a valid form makes (its id and token drawn by the caller). */
export function linkRecordOf(v: LinkFormValue, x: { id: string; token: string; createdBy: string; now: number }): LinkRecord {
  return {
    id: x.id, token: x.token, contact: v.contact, source: v.source, day: v.day, group: v.group, cap: v.cap,
    ...(v.roundId ? { roundId: v.roundId } : {}), ...(v.leader ? { leader: v.leader } : {}), createdBy: x.createdBy, createdAt: x.now,
  };
}
