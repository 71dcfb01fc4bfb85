import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { endOfDay, localParts, DAY_MS } from '../calendar.js';
import { hasAnyRole, type Role } from '../commands.js';
import type { BoardItem } from '../board/board.js';

export type { BoardItem };

/**
 * The rectification ledger (整改台账, DESIGN §2.6). Pure: the item record and its zod schema, the
 * status machine (草稿 → 整改中 → 待销号 → 已销号; 驳回 and 回头看 reopen), the flags computed from
 * the deadline, who may do what, and the board view. Transitions live in ./ledger-transitions.ts,
 * the deadline ladder in ./ledger-ladder.ts, form parsing in ./ledger-form.ts.
 */

const LEDGER_STATUSES = ['draft', 'active', 'review', 'closed'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
type LedgerFlag = 'dueSoon' | 'overdue';
export const SOURCE_KINDS = ['opinion', 'evaluation', 'self', 'supervision', 'meeting'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const WINDS = ['formalism', 'bureaucratism', 'hedonism', 'extravagance', 'other'] as const;
export type Wind = (typeof WINDS)[number];

/** Days left at which an active item is flagged 即将到期. */
const DUE_SOON_DAYS = 3;
export const TEXT_MAX = 1000;
export const NOTE_MAX = 500;
export const MAX_CO_OWNERS = 10;
export const MAX_MILESTONES = 12;
const MAX_EVIDENCE = 50;
const MAX_PROGRESS = 200;

export const itemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
export const openIdSchema = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const refSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
/** `http(s)` links only (evidence: a Lark document, a photo album). */
export const linkSchema = z.string().max(500).regex(/^https?:\/\/[^\s<>"]+$/);

/** What a history entry records. `step` entries are the deadline ladder's nudges (one per step and generation). */
const HISTORY_WHATS = [
  'create', 'edit', 'activate', 'deadline', 'progress', 'extension.ask', 'extension.approve', 'extension.refuse',
  'submit', 'close', 'reject', 'reopen', 'ladder', 'step', 'link',
] as const;
export type HistoryWhat = (typeof HISTORY_WHATS)[number];

const historyEntrySchema = z.object({
  at: z.number().int(),
  /** open_id, or `system` for the ladder. */
  by: z.string().min(1).max(80),
  what: z.enum(HISTORY_WHATS),
  from: z.enum(LEDGER_STATUSES).optional(),
  to: z.enum(LEDGER_STATUSES).optional(),
  note: z.string().max(2000).optional(),
  /** Ladder entries: the generation and step (the pair is logged once). */
  gen: z.number().int().min(0).optional(),
  step: z.string().max(20).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const progressEntrySchema = z.object({
  at: z.number().int(),
  by: openIdSchema,
  text: z.string().min(1).max(TEXT_MAX),
  link: linkSchema.optional(),
});
const milestoneSchema = z.object({ day: daySchema, name: z.string().min(1).max(100) });
export type Milestone = z.infer<typeof milestoneSchema>;

/** A pending extension request; `n` tells a stale decision card from the current request. */
const extensionSchema = z.object({
  n: z.number().int().min(1),
  day: daySchema,
  reason: z.string().min(1).max(NOTE_MAX),
  by: openIdSchema,
  at: z.number().int(),
});
export type Extension = z.infer<typeof extensionSchema>;

export const ledgerItemSchema = z.object({
  id: itemIdSchema,
  /** Human 序号: 1, 2, 3 … in creation order. */
  seq: z.number().int().min(1),
  problem: z.string().min(1).max(TEXT_MAX),
  /** `meeting`: `ref` is the 生活会 and `person` the attendee whose record raised the measure. */
  source: z.object({ kind: z.enum(SOURCE_KINDS), ref: refSchema.optional(), person: openIdSchema.optional() }),
  wind: z.enum(WINDS),
  goal: z.string().max(TEXT_MAX).default(''),
  measures: z.string().max(TEXT_MAX).default(''),
  owner: openIdSchema,
  leader: openIdSchema,
  coOwners: z.array(openIdSchema).max(MAX_CO_OWNERS).default([]),
  deadline: daySchema.optional(),
  milestones: z.array(milestoneSchema).max(MAX_MILESTONES).default([]),
  commitment: z.string().max(TEXT_MAX).default(''),
  progress: z.array(progressEntrySchema).max(MAX_PROGRESS).default([]),
  evidence: z.array(linkSchema).max(MAX_EVIDENCE).default([]),
  /** Close-out: the owner's summary when submitting, the decider's review when confirming. */
  summary: z.string().max(TEXT_MAX).optional(),
  review: z.string().max(NOTE_MAX).optional(),
  status: z.enum(LEDGER_STATUSES),
  /** Reopened (回头看, low satisfaction): waits for an admin to set a new deadline; the ladder starts then. */
  needsDeadline: z.boolean().default(false),
  /** Satisfaction rounds whose 继续整改 verdict reopens this item (besides an evaluation source). */
  linkedRounds: z.array(refSchema).max(20).default([]),
  extension: extensionSchema.optional(),
  /** Generation of the deadline ladder: bumped whenever the ladder is restarted or cancelled. */
  gen: z.number().int().min(0).default(0),
  createdAt: z.number().int(),
  createdBy: z.string().min(1),
  updatedAt: z.number().int(),
  history: z.array(historyEntrySchema).default([]),
});
export type LedgerItem = z.output<typeof ledgerItemSchema>;

/** Random, not time-ordered. */
export function newItemId(): string {
  return randomBytes(9).toString('base64url');
}

/** Rounds whose 继续整改 verdict reopens the item: its evaluation source and the ones an admin linked. */
export function roundsOf(item: Pick<LedgerItem, 'source' | 'linkedRounds'>): string[] {
  const own = item.source.kind === 'evaluation' && item.source.ref ? [item.source.ref] : [];
  return [...new Set([...own, ...item.linkedRounds])];
}

/** 即将到期 (≤ 3 days left) or 逾期 (past the end of the deadline day). Only active items with a deadline carry one. */
export function flagOf(
  item: Pick<LedgerItem, 'status' | 'deadline' | 'needsDeadline'>, now: number, timeZone: string,
): LedgerFlag | undefined {
  if (item.status !== 'active' || !item.deadline || item.needsDeadline) return undefined;
  const end = endOfDay(item.deadline, timeZone);
  if (now > end) return 'overdue';
  const today = localParts(now, timeZone).day;
  const daysLeft = Math.round((Date.parse(`${item.deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  return daysLeft <= DUE_SOON_DAYS ? 'dueSoon' : undefined;
}

/** The flag shown on the board: a stored needsDeadline wins over the computed ones. */
export function displayFlag(item: LedgerItem, now: number, timeZone: string): LedgerFlag | 'needsDeadline' | undefined {
  if (item.needsDeadline && item.status === 'active') return 'needsDeadline';
  return flagOf(item, now, timeZone);
}

// ---- who may do what (checked on the server for every action; a forwarded card grants nothing) ----

export type LedgerAction =
  | 'view' | 'create' | 'edit' | 'activate' | 'setDeadline' | 'reopen'
  | 'progress' | 'askExtension' | 'submit'
  | 'decideExtension' | 'confirm' | 'reject';

export interface Caller { openId: string; roles: readonly Role[] }

export const isOwner = (item: Pick<LedgerItem, 'owner' | 'coOwners'>, openId: string) =>
  item.owner === openId || item.coOwners.includes(openId);

/**
 * Who confirms 销号, rejects, and decides extensions: the responsible leader, unless the owner is
 * the responsible leader, then an admin or the top leader. Never the owner or a co-owner.
 */
function isDecider(item: Pick<LedgerItem, 'owner' | 'leader' | 'coOwners'>, c: Caller): boolean {
  if (isOwner(item, c.openId)) return false;
  // The leader is not an owner (nor a co-owner): they decide. Otherwise an admin or the top leader does.
  if (!isOwner(item, item.leader)) return c.openId === item.leader;
  return hasAnyRole(c.roles, 'admin', 'topLeader');
}

/** Whether the caller may read the whole ledger (admins, supervisors, the top leader). */
export const readsAll = (c: Caller) => c.roles.some((r) => r === 'admin' || r === 'supervisor' || r === 'topLeader');

/**
 * The role part of the permission matrix (DESIGN §2.6), status aside: admins create, edit, start,
 * set deadlines and reopen; owners and co-owners report progress, ask extensions and submit; the
 * decider decides extensions and signs off or rejects; readers read; everyone else nothing.
 */
export function holds(action: LedgerAction, c: Caller, item?: LedgerItem): boolean {
  const admin = hasAnyRole(c.roles, 'admin');
  if (action === 'create') return admin;
  if (!item) return false;
  switch (action) {
    case 'view': return readsAll(c) || isOwner(item, c.openId) || item.leader === c.openId;
    case 'edit': case 'activate': case 'setDeadline': case 'reopen': return admin;
    case 'progress': case 'askExtension': case 'submit': return isOwner(item, c.openId);
    case 'decideExtension': case 'confirm': case 'reject': return isDecider(item, c);
  }
}

/** Whether the item's status allows the action (whoever asks). */
export function statusAllows(action: LedgerAction, item: LedgerItem): boolean {
  switch (action) {
    case 'create': case 'view': return true;
    case 'edit': case 'setDeadline': return item.status !== 'closed';
    case 'activate': return item.status === 'draft';
    case 'reopen': return item.status !== 'draft';
    case 'progress': case 'askExtension': case 'submit': return item.status === 'active' && !item.needsDeadline;
    case 'decideExtension': return item.status === 'active' && item.extension !== undefined;
    case 'confirm': case 'reject': return item.status === 'review';
  }
}

/** The permission matrix: the caller holds the right and the status allows it. `item` is undefined only for `create`. */
export function may(action: LedgerAction, c: Caller, item?: LedgerItem): boolean {
  return holds(action, c, item) && (action === 'create' || (item !== undefined && statusAllows(action, item)));
}

// ---- the public board's view ----

/** What the public board shows of an item (names resolved by the caller). Draft items are not public: the board filters them. */
export function toBoardItem(item: LedgerItem, nameOf: (openId: string) => string, now: number, timeZone: string): BoardItem {
  const flag = displayFlag(item, now, timeZone);
  return {
    id: item.id, seq: item.seq, problem: item.problem, commitment: item.commitment,
    owner: nameOf(item.owner), leader: nameOf(item.leader),
    ...(item.deadline ? { deadline: item.deadline } : {}),
    status: item.status,
    ...(flag ? { flag } : {}),
  };
}

/** List filters of the `整改` card. */
export const LIST_FILTERS = ['all', ...LEDGER_STATUSES, 'overdue', 'needsDeadline'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export function matchesFilter(item: LedgerItem, f: { status?: ListFilter; leader?: string }, now: number, timeZone: string): boolean {
  if (f.leader && item.leader !== f.leader) return false;
  const s = f.status ?? 'all';
  if (s === 'all') return true;
  if (s === 'overdue') return flagOf(item, now, timeZone) === 'overdue';
  if (s === 'needsDeadline') return item.needsDeadline && item.status === 'active';
  return item.status === s;
}
