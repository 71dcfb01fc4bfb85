import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KIND_KEYS, type KindKey } from './kinds.js';
import type { Role } from '../commands.js';

/**
 * A material under review (材料报审, DESIGN §2.9). Pure: the record and its schema, the chain's steps and who
 * acts for each, and who may see a material. Transitions live in ./transitions.ts, reminders in ./reminders.ts.
 *
 * States: `drafting` (no version yet) → `inReview` (version n at step `at`) → `returned` (退回修改 at step
 * `returnedAt`, a comment required) → a new version → `inReview` … → `accepted` (every step passed the latest version).
 */

export const STATES = ['drafting', 'inReview', 'returned', 'accepted'] as const;
export type MaterialState = (typeof STATES)[number];

export const materialIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
export const openIdSchema = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TITLE_MAX = 100;
export const TEXT_MAX = 1000;
export const COMMENT_MAX = 500;
/** A file version's name as kept (longer names are clipped, their extension kept: ./file-version.ts). */
export const FILE_NAME_MAX = 200;
export const MAX_AUTHORS = 10;
const MAX_VERSIONS = 100;
const MAX_HISTORY = 500;

export const stepSchema = z.union([z.enum(['topLeader', 'supervisors']), z.strictObject({ person: openIdSchema })]);
export type Step = z.infer<typeof stepSchema>;

const sourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('link'), url: z.string().min(1).max(500) }),
  z.strictObject({ type: z.literal('text'), text: z.string().min(1).max(TEXT_MAX) }),
  z.strictObject({
    type: z.literal('file'), fileKey: z.string().min(1).max(512), fileName: z.string().min(1).max(FILE_NAME_MAX),
    messageId: z.string().min(1).max(200), size: z.number().int().min(0),
  }),
]);
export type VersionSource = z.infer<typeof sourceSchema>;

const versionSchema = z.strictObject({ n: z.number().int().min(1), by: openIdSchema, at: z.number().int(), source: sourceSchema });
export type Version = z.infer<typeof versionSchema>;

export const HISTORY_WHATS = ['create', 'version', 'pass', 'return', 'accept', 'comment', 'edit', 'remind'] as const;
export type HistoryWhat = (typeof HISTORY_WHATS)[number];

const historySchema = z.strictObject({
  at: z.number().int(),
  /** open_id, or `system` for reminders. */
  by: z.string().min(1).max(80),
  what: z.enum(HISTORY_WHATS),
  /** The version and chain step concerned. */
  n: z.number().int().min(0).optional(),
  step: z.number().int().min(0).optional(),
  note: z.string().max(2000).optional(),
  /** Reminder entries: which reminder (logged once per key). */
  key: z.string().max(80).optional(),
});
export type HistoryEntry = z.infer<typeof historySchema>;

export const materialSchema = z.strictObject({
  id: materialIdSchema,
  kind: z.enum(KIND_KEYS),
  title: z.string().min(1).max(TITLE_MAX),
  authors: z.array(openIdSchema).min(1).max(MAX_AUTHORS),
  chain: z.array(stepSchema).max(6),
  due: daySchema,
  state: z.enum(STATES),
  /** The step the latest version waits at (state `inReview`). */
  at: z.number().int().min(0).optional(),
  /** When the latest version reached step `at` (the reviewer's hold starts then). */
  since: z.number().int().optional(),
  /** The step that returned the latest version (state `returned`): the next version starts there. */
  returnedAt: z.number().int().min(0).optional(),
  /** Per step: the latest version it passed (0: none). */
  passed: z.array(z.number().int().min(0)),
  /** Steps any version has reached (a person on the chain sees the material from then on). */
  reached: z.array(z.number().int().min(0)).default([]),
  versions: z.array(versionSchema).max(MAX_VERSIONS),
  history: z.array(historySchema).max(MAX_HISTORY),
  /** Generation of the authors' due-date reminders: bumped when the due day moves. */
  gen: z.number().int().min(0).default(0),
  acceptedAt: z.number().int().optional(),
  createdAt: z.number().int(),
  createdBy: z.string().min(1).max(80),
  updatedAt: z.number().int(),
});
export type Material = z.output<typeof materialSchema>;

export function newMaterialId(): string {
  return randomBytes(9).toString('base64url');
}

/** Who the roles of a chain resolve to (the campaign's top leader, the 督导组). */
export interface ChainPeople { topLeader: string; supervisors: readonly string[] }

export const latest = (m: Pick<Material, 'versions'>): Version | undefined => m.versions.at(-1);
export const latestN = (m: Pick<Material, 'versions'>): number => m.versions.length;

/** Whether `openId` may act for the step. */
export function actsFor(step: Step, openId: string, p: ChainPeople): boolean {
  if (step === 'topLeader') return openId === p.topLeader;
  if (step === 'supervisors') return p.supervisors.includes(openId);
  return step.person === openId;
}

/** The people who act for the step (those notified when a version reaches it). */
export function stepPeople(step: Step, p: ChainPeople): string[] {
  if (step === 'topLeader') return [p.topLeader];
  if (step === 'supervisors') return [...p.supervisors];
  return [step.person];
}

/** The chain a new material gets: the kind's roles, with any step the authors would act for themselves dropped. */
export function chainFor(roles: readonly Step[], authors: readonly string[], p: ChainPeople): Step[] {
  return roles.filter((s) => !authors.some((a) => actsFor(s, a, p) && s !== 'supervisors'));
}

/** The step the latest version waits at, when in review. */
export const currentStep = (m: Material): Step | undefined => (m.state === 'inReview' && m.at !== undefined ? m.chain[m.at] : undefined);

/** Whether `openId` is the reviewer the latest version waits for. */
export const isCurrentReviewer = (m: Material, openId: string, p: ChainPeople): boolean => {
  const s = currentStep(m);
  return s !== undefined && actsFor(s, openId, p);
};

export interface Viewer { openId: string; roles: readonly Role[] }

/** Admins, supervisors and the top leader read every material. */
export const readsAll = (v: Viewer) => v.roles.some((r) => r === 'admin' || r === 'supervisor' || r === 'topLeader');

/**
 * Who sees a material: its authors; admins, supervisors and the top leader; a reviewer once a version has reached
 * their step. A leader never sees another leader's 对照检查材料 unless they review it (the rule above gives nothing more).
 */
export function canSee(m: Material, v: Viewer, p: ChainPeople): boolean {
  if (m.authors.includes(v.openId) || readsAll(v)) return true;
  return m.reached.some((i) => m.chain[i] !== undefined && actsFor(m.chain[i]!, v.openId, p));
}

export const isAuthor = (m: Pick<Material, 'authors'>, openId: string) => m.authors.includes(openId);

/** What the authors may do now: a version is due (drafting, or returned). */
export const awaitsVersion = (m: Pick<Material, 'state'>) => m.state === 'drafting' || m.state === 'returned';

/** Each step's state for the card: passed the latest version, waiting now, returned it, or not yet. */
export type StepState = 'passed' | 'current' | 'returned' | 'pending';
export function stepStates(m: Material): StepState[] {
  const n = latestN(m);
  return m.chain.map((_, i) => {
    if (m.state === 'inReview' && m.at === i) return 'current';
    if (m.state === 'returned' && m.returnedAt === i) return 'returned';
    return n > 0 && m.passed[i] === n ? 'passed' : 'pending';
  });
}

export type KindName = (key: KindKey) => string;
