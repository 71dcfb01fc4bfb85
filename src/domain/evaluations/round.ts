import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ResolvedCampaign } from '../../campaign.js';
import { SOURCES, type Source } from '../opinions/opinion.js';
import { shortDigest } from '../digest.js';
import { clipChars } from '../text.js';

/**
 * Evaluation rounds (DESIGN §2.4): 民主测评 and 满意度测评. Pure: the round record, its defaults
 * from the campaign file, and the counter names shared by the store and the results.
 * Ballot pages live in ./evaluation-ballot.ts, results in ./evaluation-results.ts.
 */

/** Keys of subjects, dimensions, grades and groups: they become parts of counter names joined by `|`. */
export const partKeySchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or -');
export const openIdSchema = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
export const roundIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);

export const K_MIN = 3;
export const K_DEFAULT = 5;
const MAX_SUBJECTS = 30;
const MAX_DIMENSIONS = 10;
/** A ballot page carries earlier choices as one digit per cell (the grade's index), so ≤ 10 grades. */
const MAX_GRADES = 7;
const MAX_GROUPS = 12;

/** Voters outside every configured rater group are counted here (its key cannot clash: config keys start with a letter). */
export const DEFAULT_GROUP = '_other';

const KINDS = ['democratic', 'satisfaction', 'outreach'] as const;
export type RoundKind = (typeof KINDS)[number];
/** Kinds the general "new round" form offers; outreach rounds have their own form (evaluation-outreach.ts). */
export const FORM_KINDS = ['democratic', 'satisfaction'] as const;
export const STATUSES = ['draft', 'open', 'closed'] as const;

const labeledSchema = z.object({ key: partKeySchema, label: z.string().min(1).max(60) });
export type Labeled = z.infer<typeof labeledSchema>;
const gradeSchema = labeledSchema.extend({ points: z.number().min(0).max(100) });
type Grade = z.infer<typeof gradeSchema>;
const raterGroupSchema = z.object({
  key: partKeySchema,
  name: z.string().min(1).max(50),
  weight: z.number().min(0).max(1).optional(),
});
export type RaterGroup = z.infer<typeof raterGroupSchema>;

/**
 * An outreach visit (走进职工, DESIGN §2.3): the contact point, its source group, the day. `chatId` is set
 * when the ballot is posted into the contact point's chat (everyone votes on the shared card).
 */
const visitSchema = z.object({
  contact: z.string().min(1).max(60),
  source: z.enum(SOURCES.map((s) => s.key) as [Source, ...Source[]]),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  chatId: z.string().regex(/^oc_[A-Za-z0-9_-]{1,64}$/).optional(),
});
export type Visit = z.infer<typeof visitSchema>;

const metaShape = z.object({
  id: roundIdSchema,
  title: z.string().min(1).max(100),
  kind: z.enum(KINDS),
  /** A paper round: tallies entered by hand, never opened for electronic ballots. */
  paper: z.boolean().default(false),
  subjects: z.array(labeledSchema).min(1).max(MAX_SUBJECTS),
  dimensions: z.array(labeledSchema).min(1).max(MAX_DIMENSIONS),
  scale: z.array(gradeSchema).min(2).max(MAX_GRADES),
  /** Grades counted as favourable: 好+较好, 满意+基本满意. */
  positive: z.array(partKeySchema).min(1),
  groups: z.array(raterGroupSchema).min(1).max(MAX_GROUPS),
  closesAt: z.number().int(),
  baselineRoundId: roundIdSchema.optional(),
  /** Outreach rounds only. */
  visit: visitSchema.optional(),
  k: z.number().int().min(K_MIN).max(1000).default(K_DEFAULT),
  status: z.enum(STATUSES),
  createdAt: z.number().int(),
  openedAt: z.number().int().optional(),
  closedAt: z.number().int().optional(),
  createdBy: openIdSchema,
});

const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;

function checkMeta(r: z.infer<typeof metaShape>, ctx: z.RefinementCtx): void {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
  if (!unique(r.subjects.map((s) => s.key))) issue('subject keys must be unique');
  if (!unique(r.dimensions.map((d) => d.key))) issue('dimension keys must be unique');
  if (!unique(r.scale.map((g) => g.key))) issue('grade keys must be unique');
  if (!unique(r.groups.map((g) => g.key))) issue('group keys must be unique');
  if (!r.groups.some((g) => g.key === DEFAULT_GROUP)) issue(`groups must include the default group ${DEFAULT_GROUP}`);
  if (!unique(r.positive) || r.positive.some((p) => !r.scale.some((g) => g.key === p))) {
    issue('positive grades must be distinct grades of the scale');
  }
  if (r.positive.length >= r.scale.length) issue('at least one grade must not be positive');
  if (r.baselineRoundId === r.id) issue('a round cannot be its own baseline');
  if ((r.kind === 'outreach') !== (r.visit !== undefined)) issue('an outreach round, and only one, records its visit');
}

/** Everything about a round except who may vote (stored apart from the people, see store/evaluations.ts). */
export const roundMetaSchema = metaShape.superRefine(checkMeta);
export type RoundMeta = z.output<typeof roundMetaSchema>;

export const roundSchema = metaShape.extend({
  /** Who may vote (open_ids). Identity is fine here: this is not the ballot. */
  electorate: z.array(openIdSchema).max(50_000),
  /** Voter → rater group, for voters in a configured group; everyone else is in DEFAULT_GROUP. */
  voterGroups: z.record(openIdSchema, partKeySchema),
}).superRefine((r, ctx) => {
  checkMeta(r, ctx);
  if (!unique(r.electorate)) ctx.addIssue({ code: 'custom', message: 'electorate has duplicates' });
  const keys = new Set(r.groups.map((g) => g.key));
  if (Object.values(r.voterGroups).some((g) => !keys.has(g))) {
    ctx.addIssue({ code: 'custom', message: 'voterGroups names an unknown group' });
  }
});
export type Round = z.output<typeof roundSchema>;

/** Random, not time-ordered (DESIGN §3). */
export function newRoundId(): string {
  return randomBytes(9).toString('base64url');
}

const DEMOCRATIC_DIMENSIONS: Labeled[] = [
  { key: 'formalism', label: '形式主义' },
  { key: 'bureaucratism', label: '官僚主义' },
  { key: 'hedonism', label: '享乐主义' },
  { key: 'extravagance', label: '奢靡之风' },
  { key: 'overall', label: '总体评价' },
];
const SATISFACTION_DIMENSIONS: Labeled[] = [
  { key: 'overall', label: '总体满意度' },
  { key: 'style', label: '作风转变' },
  { key: 'service', label: '服务职工' },
  { key: 'rectify', label: '整改落实' },
];
/** Outreach visits: a few questions about the union's work, on the satisfaction scale. */
const OUTREACH_DIMENSIONS: Labeled[] = [
  { key: 'service', label: '服务职工' },
  { key: 'rights', label: '维权帮扶' },
  { key: 'activities', label: '工会活动' },
  { key: 'style', label: '作风转变' },
];
const DEMOCRATIC_SCALE: Grade[] = [
  { key: 'good', label: '好', points: 100 },
  { key: 'fair', label: '较好', points: 80 },
  { key: 'average', label: '一般', points: 60 },
  { key: 'poor', label: '差', points: 0 },
];
const SATISFACTION_SCALE: Grade[] = [
  { key: 'sat', label: '满意', points: 100 },
  { key: 'basic', label: '基本满意', points: 60 },
  { key: 'unsat', label: '不满意', points: 0 },
];
export const DEFAULTS: Record<RoundKind, { dimensions: Labeled[]; scale: Grade[]; positive: string[] }> = {
  democratic: { dimensions: DEMOCRATIC_DIMENSIONS, scale: DEMOCRATIC_SCALE, positive: ['good', 'fair'] },
  satisfaction: { dimensions: SATISFACTION_DIMENSIONS, scale: SATISFACTION_SCALE, positive: ['sat', 'basic'] },
  outreach: { dimensions: OUTREACH_DIMENSIONS, scale: SATISFACTION_SCALE, positive: ['sat', 'basic'] },
};
const DEFAULT_GROUP_NAME = '其他';

/**
 * A leader's subject key: stable when the config file is reordered (so round-vs-round still
 * matches), and not the open_id itself, which must not appear next to the counters.
 */
export function leaderSubjectKey(openId: string): string {
  return `l${shortDigest(`subject\u0000${openId}`, 12, 'hex')}`;
}

/** 领导班子 and each leader from the campaign file. */
export function subjectOptions(campaign: Pick<ResolvedCampaign, 'leaders'>): Labeled[] {
  return [
    { key: 'team', label: '领导班子' },
    ...campaign.leaders.map((l) => ({ key: leaderSubjectKey(l.openId), label: clipChars(`${l.name}（${l.title}）`, 60) })),
  ];
}

interface NewRoundInput {
  id?: string;
  title: string;
  kind: RoundKind;
  closesAt: number;
  createdBy: string;
  now: number;
  paper?: boolean;
  baselineRoundId?: string;
  k?: number;
  /** A subset of `subjectOptions` keys (default: all of them). */
  subjectKeys?: string[];
  /** Default: the configured members plus every rater group's members. */
  electorate?: string[];
  /** Voter → rater group (electorate.ts electorateOf); default: each group's users, the first group listed wins. */
  voterGroups?: Record<string, string>;
}

/** A draft round from the campaign file: subjects, rater groups with weights, electorate. Throws on invalid input. */
export function defaultRound(campaign: Pick<ResolvedCampaign, 'leaders' | 'members' | 'raterGroups'>, input: NewRoundInput): Round {
  const d = DEFAULTS[input.kind];
  const all = subjectOptions(campaign);
  const subjects = input.subjectKeys ? all.filter((s) => input.subjectKeys!.includes(s.key)) : all;
  const voterGroups: Record<string, string> = { ...input.voterGroups };
  if (!input.voterGroups) for (const g of campaign.raterGroups) for (const u of g.members.users) voterGroups[u] ??= g.key;
  const electorate = [...new Set(input.electorate ?? [...campaign.members.users, ...campaign.raterGroups.flatMap((g) => g.members.users)])];
  const inElectorate = new Set(electorate);
  return roundSchema.parse({
    id: input.id ?? newRoundId(),
    title: input.title,
    kind: input.kind,
    paper: input.paper ?? false,
    subjects,
    dimensions: d.dimensions,
    scale: d.scale,
    positive: d.positive,
    groups: [...campaign.raterGroups.map((g) => ({ key: g.key, name: g.name, ...(g.weight !== undefined ? { weight: g.weight } : {}) })),
      { key: DEFAULT_GROUP, name: DEFAULT_GROUP_NAME }],
    electorate,
    voterGroups: Object.fromEntries(Object.entries(voterGroups).filter(([u, g]) => inElectorate.has(u) && g !== DEFAULT_GROUP)),
    closesAt: input.closesAt,
    ...(input.baselineRoundId ? { baselineRoundId: input.baselineRoundId } : {}),
    k: input.k ?? K_DEFAULT,
    status: 'draft',
    createdAt: input.now,
    createdBy: input.createdBy,
  });
}

/** The rater group a voter's ballot is counted in. */
export function groupOf(round: Pick<Round, 'voterGroups'>, openId: string): string {
  return round.voterGroups[openId] ?? DEFAULT_GROUP;
}

/** A complete ballot: `subject|dimension` → grade key. Never stored: it only becomes counters. */
export type Choices = Record<string, string>;

export const cellKey = (subject: string, dimension: string) => `${subject}|${dimension}`;
/** Ballot box counter: one per subject × dimension × grade × group. */
export const counterField = (subject: string, dimension: string, grade: string, group: string) =>
  `${subject}|${dimension}|${grade}|${group}`;

/** The counters one ballot adds to (in cell order), or null when the ballot is not complete and valid. */
export function ballotCounters(
  round: Pick<RoundMeta, 'subjects' | 'dimensions' | 'scale'>, choices: Choices, group: string,
): string[] | null {
  const grades = new Set(round.scale.map((g) => g.key));
  const out: string[] = [];
  for (const s of round.subjects) {
    for (const d of round.dimensions) {
      const g = choices[cellKey(s.key, d.key)];
      if (g === undefined || !grades.has(g)) return null;
      out.push(counterField(s.key, d.key, g, group));
    }
  }
  return Object.keys(choices).length === out.length ? out : null;
}

/** Counters as read from the ballot box. */
export interface Tallies {
  /** `subject|dimension|grade|group` → count. */
  counts: Record<string, number>;
  /** group → ballots. */
  ballots: Record<string, number>;
}

/** Splits a box hash into counts and ballots; unknown or malformed fields are dropped. */
export function talliesFromHash(h: Record<string, string>): Tallies {
  const counts: Record<string, number> = {};
  const ballots: Record<string, number> = {};
  for (const [f, v] of Object.entries(h)) {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) continue;
    const parts = f.split('|');
    if (parts.length === 2 && parts[0] === 'n') ballots[parts[1]] = n;
    else if (parts.length === 4) counts[f] = n;
  }
  return { counts, ballots };
}
