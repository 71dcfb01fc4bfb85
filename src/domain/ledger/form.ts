import { cleanText } from '../opinions/opinion.js';
import { isDay } from '../calendar.js';
import {
  linkSchema, MAX_CO_OWNERS, MAX_MILESTONES, NOTE_MAX, SOURCE_KINDS, TEXT_MAX, WINDS,
  type LedgerItem, type Milestone, type SourceKind, type Wind,
} from './item.js';
import type { ItemFields } from './transitions.js';
import { charCount } from '../text.js';

/** The ledger's card forms parsed and checked (cards/ledger-form.ts builds them). Pure. */

/** Field names of the item form (shared with the card). */
export const ITEM_FORM = {
  problem: 'lg_problem', source: 'lg_source', sourceRound: 'lg_src_round', wind: 'lg_wind', goal: 'lg_goal', measures: 'lg_measures',
  owner: 'lg_owner', leader: 'lg_leader', coOwners: 'lg_co', deadline: 'lg_deadline', milestones: 'lg_ms', commitment: 'lg_commit',
  rounds: 'lg_rounds',
} as const;
/** Field names of the small forms on an item card (card-unique). */
export const ACTION_FORM = {
  progressText: 'lg_p_text', progressLink: 'lg_p_link', extendDay: 'lg_x_day', extendReason: 'lg_x_reason', summary: 'lg_s_summary',
  review: 'lg_c_review', rejectReason: 'lg_r_reason', deadlineDay: 'lg_d_day', deadlineNote: 'lg_d_note', reopenReason: 'lg_o_reason',
} as const;
export const NO_ROUND = 'none';

export type ItemFormError = 'problem' | 'source' | 'wind' | 'owner' | 'leader' | 'coOwners' | 'deadline' | 'milestones' | 'text' | 'rounds';
type ItemFormResult = { ok: true; value: ItemFields } | { ok: false; errors: ItemFormError[] };

interface ItemFormOpts {
  /** open_ids of the people the bot knows (owners and leaders are chosen among them). */
  people: ReadonlySet<string>;
  /** Ids of evaluation rounds that may be a source or linked. */
  rounds: ReadonlySet<string>;
  /** Today in the campaign time zone. */
  today: string;
  /** The item being edited (keeps an opinion source and an unchanged past deadline). */
  existing?: LedgerItem;
}

/** Cleaned text of at most `max` characters; '' when empty, undefined when too long or not text. */
export function textOf(raw: unknown, max = TEXT_MAX): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') return undefined;
  const s = cleanText(raw);
  return charCount(s) <= max ? s : undefined;
}

/** A non-empty reason or note of at most `max` characters. */
export function requiredText(raw: unknown, max = NOTE_MAX): string | undefined {
  const s = textOf(raw, max);
  return s ? s : undefined;
}

/** A date picker's value ("YYYY-MM-DD +0800", or a bare day) → the day, or undefined. */
export function pickedDay(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const d = raw.trim().slice(0, 10);
  return isDay(d) ? d : undefined;
}

/** An optional evidence link: '' when absent, undefined when not an http(s) link. */
export function linkOf(raw: unknown): string | undefined {
  const s = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : undefined;
  if (s === undefined || s === '') return s;
  return linkSchema.safeParse(s).success ? s : undefined;
}

/** "YYYY-MM-DD what" per line. */
function parseMilestones(raw: string): Milestone[] | undefined {
  const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_MILESTONES) return undefined;
  const out: Milestone[] = [];
  for (const l of lines) {
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.{1,100})$/u.exec(l);
    if (!m || !isDay(m[1]!)) return undefined;
    out.push({ day: m[1]!, name: m[2]! });
  }
  return out;
}

export const formatMilestones = (ms: readonly Milestone[]) => ms.map((m) => `${m.day} ${m.name}`).join('\n');

const strings = (raw: unknown): string[] | undefined =>
  raw === undefined || raw === null
    ? []
    : Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? [...new Set(raw as string[])] : undefined;

export function parseItemForm(fv: Record<string, unknown>, o: ItemFormOpts): ItemFormResult {
  const errors: ItemFormError[] = [];
  const F = ITEM_FORM;
  const problem = textOf(fv[F.problem]);
  if (!problem) errors.push('problem');
  const kind = fv[F.source] as SourceKind;
  const existingOpinion = o.existing?.source.kind === 'opinion' ? o.existing.source : undefined;
  // A meeting source is set by a measure of a 生活会 record, never chosen here; an item keeps it through edits.
  const existingMeeting = o.existing?.source.kind === 'meeting' ? o.existing.source : undefined;
  if (!(SOURCE_KINDS as readonly string[]).includes(kind) || (kind === 'opinion' && !existingOpinion)
    || (kind === 'meeting' && !existingMeeting)) errors.push('source');
  const wind = fv[F.wind] as Wind;
  if (!(WINDS as readonly string[]).includes(wind)) errors.push('wind');
  const [goal, measures, commitment, ms] = [F.goal, F.measures, F.commitment, F.milestones].map((k) => textOf(fv[k]));
  if (goal === undefined || measures === undefined || commitment === undefined || ms === undefined) errors.push('text');
  const owner = fv[F.owner];
  if (typeof owner !== 'string' || !o.people.has(owner)) errors.push('owner');
  const leader = fv[F.leader];
  if (typeof leader !== 'string' || !o.people.has(leader)) errors.push('leader');
  const co = strings(fv[F.coOwners]);
  if (!co || co.length > MAX_CO_OWNERS || co.some((x) => !o.people.has(x) || x === owner)) errors.push('coOwners');
  let deadline: string | undefined;
  if (fv[F.deadline] !== undefined && fv[F.deadline] !== '') {
    deadline = pickedDay(fv[F.deadline]);
    if (!deadline || (deadline < o.today && deadline !== o.existing?.deadline)) errors.push('deadline');
  }
  const milestones = ms ? parseMilestones(ms) : [];
  if (!milestones) errors.push('milestones');
  const rounds = strings(fv[F.rounds])?.filter((r) => r !== NO_ROUND);
  const srcRound = typeof fv[F.sourceRound] === 'string' && fv[F.sourceRound] !== NO_ROUND ? (fv[F.sourceRound] as string) : undefined;
  if (!rounds || rounds.length > 20 || rounds.some((r) => !o.rounds.has(r)) || (srcRound !== undefined && !o.rounds.has(srcRound))) {
    errors.push('rounds');
  }
  if (errors.length) return { ok: false, errors: [...new Set(errors)] };
  const source = kind === 'opinion' ? existingOpinion! : kind === 'meeting' ? existingMeeting!
    : kind === 'evaluation' && srcRound ? { kind, ref: srcRound } : { kind };
  return {
    ok: true,
    value: {
      problem: problem!, source, wind, goal: goal!, measures: measures!, owner: owner as string, leader: leader as string,
      coOwners: co!, ...(deadline ? { deadline } : o.existing?.deadline ? { deadline: o.existing.deadline } : {}),
      milestones: milestones!, commitment: commitment!, linkedRounds: rounds!,
    },
  };
}
