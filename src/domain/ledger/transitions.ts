import type { WorkCalendar } from '../calendar.js';
import { planLadder, type LadderPlan } from './ladder.js';
import {
  ledgerItemSchema, type HistoryEntry, type HistoryWhat, type LedgerItem, type LedgerStatus, type Milestone, type SourceKind, type Wind,
} from './item.js';
import { clipChars } from '../text.js';

/**
 * Status changes of a ledger item, pure: each returns the new item (history entry appended), or a
 * refusal the handler turns into a toast. A change that (re)starts the deadline ladder bumps `gen`
 * and returns the plan; one that leaves a running ladder behind returns the old generation to cancel.
 */

type Refusal = 'wrongStatus' | 'noDeadline' | 'needsDeadline' | 'staleRequest' | 'notLater' | 'noPending';
export interface Changed { ok: true; item: LedgerItem; plan?: LadderPlan; cancel?: { gen: number; deadline: string } }
export type Transition = Changed | { ok: false; reason: Refusal };

export interface By { by: string; now: number }

/** The fields an admin sets in the item form. */
export interface ItemFields {
  problem: string;
  source: { kind: SourceKind; ref?: string; person?: string };
  wind: Wind;
  goal: string;
  measures: string;
  owner: string;
  leader: string;
  coOwners: string[];
  deadline?: string;
  milestones: Milestone[];
  commitment: string;
  linkedRounds: string[];
}

const entry = (b: By, what: HistoryWhat, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ at: b.now, by: b.by, what, ...extra });
const move = (from: LedgerStatus, to: LedgerStatus) => (from === to ? {} : { from, to });

function next(item: LedgerItem, b: By, patch: Partial<LedgerItem>, ...entries: HistoryEntry[]): LedgerItem {
  return ledgerItemSchema.parse({ ...item, ...patch, updatedAt: b.now, history: [...item.history, ...entries] });
}

/** The running ladder a change leaves behind (its jobs are removed; stale ones are dropped by the processor anyway). */
const running = (item: LedgerItem) =>
  (item.status === 'active' && item.deadline && !item.needsDeadline ? { gen: item.gen, deadline: item.deadline } : undefined);

/** A fresh ladder generation for an active item with a deadline; the plan is logged on the item. */
function restart(item: LedgerItem, b: By, cal: WorkCalendar, patch: Partial<LedgerItem>, ...entries: HistoryEntry[]): Changed {
  const cancel = running(item);
  const gen = item.gen + 1;
  const deadline = patch.deadline ?? item.deadline!;
  const plan = planLadder(deadline, b.now, cal);
  const note = `${plan.steps.map((s) => s.step).join(' ')}${plan.skipped.length ? ` | skipped ${plan.skipped.join(' ')}` : ''}`;
  const changed = next(item, b, { ...patch, gen, needsDeadline: false }, ...entries, entry(b, 'ladder', { gen, note }));
  return { ok: true, item: changed, plan, ...(cancel ? { cancel } : {}) };
}

/** Cancels a running ladder (bumps the generation). */
function stop(item: LedgerItem, b: By, patch: Partial<LedgerItem>, ...entries: HistoryEntry[]): Changed {
  const cancel = running(item);
  return { ok: true, item: next(item, b, { ...patch, gen: item.gen + 1 }, ...entries), ...(cancel ? { cancel } : {}) };
}

export function newItem(f: ItemFields, id: string, b: By): LedgerItem {
  return ledgerItemSchema.parse({
    id, seq: 1, ...f, status: 'draft', needsDeadline: false, progress: [], evidence: [], gen: 0,
    createdAt: b.now, createdBy: b.by, updatedAt: b.now, history: [entry(b, 'create', { to: 'draft' })],
  });
}

const EDITED_FIELDS = [
  'problem', 'source', 'wind', 'goal', 'measures', 'owner', 'leader', 'coOwners', 'milestones', 'commitment', 'linkedRounds',
] as const;
const shown = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v ?? '');
  return clipChars(s, 120, '…');
};

/** What an edit changed, field by field, before → after: the history keeps what an edit overwrote. */
function editNote(item: LedgerItem, f: Omit<ItemFields, 'deadline'>): string {
  const parts = EDITED_FIELDS.filter((k) => JSON.stringify(item[k]) !== JSON.stringify(f[k]))
    .map((k) => `${k}: ${shown(item[k])} → ${shown(f[k])}`);
  return clipChars(parts.join('; ') || '—', 2000);
}

/** Edits the fields; a moved deadline of an active item restarts the ladder. */
export function editItem(item: LedgerItem, f: ItemFields, b: By, cal: WorkCalendar): Transition {
  if (item.status === 'closed') return { ok: false, reason: 'wrongStatus' };
  const { deadline, ...rest } = f;
  const moved = deadline !== undefined && deadline !== item.deadline;
  const edited = next(item, b, rest, entry(b, 'edit', { note: editNote(item, rest) }));
  if (!moved) return { ok: true, item: edited };
  return setDeadline(edited, deadline, b, cal);
}

/** 草稿 → 整改中: needs a deadline; the ladder starts. */
export function activate(item: LedgerItem, b: By, cal: WorkCalendar): Transition {
  if (item.status !== 'draft') return { ok: false, reason: 'wrongStatus' };
  if (!item.deadline) return { ok: false, reason: 'noDeadline' };
  return restart(item, b, cal, { status: 'active' }, entry(b, 'activate', move('draft', 'active')));
}

/** Sets or moves the deadline (an admin); on an active item the ladder restarts and a reopened item's flag clears. */
export function setDeadline(item: LedgerItem, day: string, b: By, cal: WorkCalendar, note?: string): Transition {
  if (item.status === 'closed') return { ok: false, reason: 'wrongStatus' };
  const e = entry(b, 'deadline', { note: `${item.deadline ?? '—'} → ${day}${note ? ` ${note}` : ''}` });
  // A pending extension request lapses: the deadline it asked to move is gone.
  const lapsed = { ...item, extension: undefined };
  if (item.status === 'active') return restart(lapsed, b, cal, { deadline: day }, e);
  return { ok: true, item: next(lapsed, b, { deadline: day, needsDeadline: false }, e) };
}

/** Progress by an owner or co-owner: text, and an evidence link kept in the item's evidence list. */
export function addProgress(item: LedgerItem, p: { text: string; link?: string }, b: By): Transition {
  if (item.status !== 'active') return { ok: false, reason: 'wrongStatus' };
  const evidence = p.link && !item.evidence.includes(p.link) ? [...item.evidence, p.link] : item.evidence;
  return {
    ok: true,
    item: next(item, b, {
      progress: [...item.progress, { at: b.now, by: b.by, text: p.text, ...(p.link ? { link: p.link } : {}) }].slice(-200),
      evidence: evidence.slice(-50),
    }, entry(b, 'progress', { note: clipChars(p.text, 200) })),
  };
}

/** An owner asks to move the deadline later; the decider answers on their card (request `n`). */
export function askExtension(item: LedgerItem, x: { day: string; reason: string }, b: By): Transition {
  if (item.status !== 'active') return { ok: false, reason: 'wrongStatus' };
  if (item.needsDeadline || !item.deadline) return { ok: false, reason: 'needsDeadline' };
  if (x.day <= item.deadline) return { ok: false, reason: 'notLater' };
  const n = item.history.length + 1;
  return {
    ok: true,
    item: next(item, b, { extension: { n, day: x.day, reason: x.reason, by: b.by, at: b.now } },
      entry(b, 'extension.ask', { note: `${item.deadline} → ${x.day}: ${x.reason}` })),
  };
}

/** The decider approves (the deadline moves, the ladder restarts) or refuses request `n`. */
export function decideExtension(item: LedgerItem, n: number, approve: boolean, b: By, cal: WorkCalendar, note?: string): Transition {
  if (item.status !== 'active') return { ok: false, reason: 'wrongStatus' };
  if (!item.extension) return { ok: false, reason: 'noPending' };
  if (item.extension.n !== n) return { ok: false, reason: 'staleRequest' };
  const day = item.extension.day;
  if (approve && item.deadline && day <= item.deadline) return { ok: false, reason: 'notLater' };
  const cleared = { ...item, extension: undefined };
  if (!approve) return { ok: true, item: next(cleared, b, {}, entry(b, 'extension.refuse', { note: `${day}${note ? ` ${note}` : ''}` })) };
  return restart(cleared, b, cal, { deadline: day }, entry(b, 'extension.approve', { note: `${item.deadline ?? '—'} → ${day}` }));
}

/** 整改中 → 待销号 (the owner): the ladder stops; a pending extension request lapses. */
export function submit(item: LedgerItem, summary: string | undefined, b: By): Transition {
  if (item.status !== 'active') return { ok: false, reason: 'wrongStatus' };
  if (item.needsDeadline) return { ok: false, reason: 'needsDeadline' };
  return stop({ ...item, extension: undefined }, b, { status: 'review', ...(summary ? { summary } : {}) },
    entry(b, 'submit', { ...move('active', 'review'), ...(summary ? { note: clipChars(summary, 200) } : {}) }));
}

/** 待销号 → 已销号 (someone other than the owner). */
export function confirm(item: LedgerItem, review: string | undefined, b: By): Transition {
  if (item.status !== 'review') return { ok: false, reason: 'wrongStatus' };
  return {
    ok: true,
    item: next(item, b, { status: 'closed', ...(review ? { review } : {}) },
      entry(b, 'close', { ...move('review', 'closed'), ...(review ? { note: review } : {}) })),
  };
}

/** 驳回: 待销号 → 整改中 with the reason logged; the ladder restarts on the current deadline. */
export function reject(item: LedgerItem, reason: string, b: By, cal: WorkCalendar): Transition {
  if (item.status !== 'review') return { ok: false, reason: 'wrongStatus' };
  const e = entry(b, 'reject', { ...move('review', 'active'), note: reason });
  if (!item.deadline || item.needsDeadline) return { ok: true, item: next(item, b, { status: 'active' }, e) };
  return restart(item, b, cal, { status: 'active' }, e);
}

/**
 * 回头看 / low satisfaction: back to 整改中, flagged "needs a new deadline"; the ladder is cancelled
 * and starts again when an admin sets the deadline. A draft cannot be reopened.
 */
export function reopen(item: LedgerItem, reason: string, b: By): Transition {
  if (item.status === 'draft') return { ok: false, reason: 'wrongStatus' };
  return stop({ ...item, extension: undefined }, b, { status: 'active', needsDeadline: true },
    entry(b, 'reopen', { ...move(item.status, 'active'), note: reason }));
}

/**
 * Logs a ladder step (or a card re-send, src/domain/ledger-resend.ts) once per (generation, step);
 * a second run of the same job changes nothing.
 */
export function logStep(item: LedgerItem, gen: number, step: string, note: string, now: number): LedgerItem | undefined {
  if (item.history.some((h) => h.what === 'step' && h.gen === gen && h.step === step)) return undefined;
  return next(item, { by: 'system', now }, {}, entry({ by: 'system', now }, 'step', { gen, step, note }));
}
