import { clipChars } from '../text.js';
import type { KindKey } from './kinds.js';
import {
  actsFor, latestN, materialSchema, type ChainPeople, type HistoryEntry, type HistoryWhat, type Material, type Step, type VersionSource,
} from './material.js';

/**
 * Changes of a material, pure: each returns the new material (a history entry appended) or a refusal the handler
 * turns into a toast. Every review step names the version and step it was shown: a stale card changes nothing.
 *
 * The chain rule: each step records the latest version it passed. A new version after a return at step k starts
 * at k (the first version at the first step); after each 通过 the next step is the first one after the current one,
 * in chain order and wrapping to the start, that has not passed the latest version; when there is none, every step
 * has passed it and the material is accepted.
 */

export type Refusal = 'wrongState' | 'stale' | 'notReviewer' | 'accepted';
export type Change = { ok: true; material: Material } | { ok: false; reason: Refusal };

export interface By { by: string; now: number }

const entry = (b: By, what: HistoryWhat, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ at: b.now, by: b.by, what, ...extra });

function next(m: Material, b: By, patch: Partial<Material>, ...entries: HistoryEntry[]): Material {
  const history = [...m.history, ...entries];
  // The record stays bounded: the oldest reminder entries go first, then the oldest of any kind.
  while (history.length > 500) {
    const i = history.findIndex((h) => h.what === 'remind');
    history.splice(i >= 0 ? i : 0, 1);
  }
  return materialSchema.parse({ ...m, ...patch, updatedAt: b.now, history });
}

export interface NewMaterial { id: string; kind: KindKey; title: string; authors: string[]; chain: Step[]; due: string }

export function newMaterial(f: NewMaterial, b: By): Material {
  return materialSchema.parse({
    ...f, state: 'drafting', passed: f.chain.map(() => 0), reached: [], versions: [], gen: 0,
    createdAt: b.now, createdBy: b.by, updatedAt: b.now, history: [entry(b, 'create', { note: clipChars(f.title, 100) })],
  });
}

/** The first step at or after `from` (wrapping) that has not passed version `n`; undefined when all have. */
function firstOpen(passed: readonly number[], from: number, n: number): number | undefined {
  for (let k = 0; k < passed.length; k++) {
    const i = (from + k) % passed.length;
    if (passed[i] !== n) return i;
  }
  return undefined;
}

/** The latest version has reached step `at` (or passed the whole chain: accepted). */
function arrive(m: Material, b: By, patch: Partial<Material>, at: number | undefined, ...entries: HistoryEntry[]): Material {
  if (at === undefined) {
    return next(m, b, { ...patch, state: 'accepted', at: undefined, since: undefined, returnedAt: undefined, acceptedAt: b.now },
      ...entries, entry(b, 'accept', { n: patch.versions?.length ?? latestN(m) }));
  }
  const reached = [...new Set([...(patch.reached ?? m.reached), at])].sort((x, y) => x - y);
  return next(m, b, { ...patch, state: 'inReview', at, since: b.now, returnedAt: undefined, reached }, ...entries);
}

/**
 * An author submits version `expected` (a stale form that names an older number is refused). Only while a
 * version is due: drafting, or returned.
 */
export function submitVersion(m: Material, expected: number, source: VersionSource, b: By): Change {
  if (m.state === 'accepted') return { ok: false, reason: 'accepted' };
  if (m.state === 'inReview') return { ok: false, reason: 'wrongState' };
  const n = latestN(m) + 1;
  if (expected !== n) return { ok: false, reason: 'stale' };
  const versions = [...m.versions, { n, by: b.by, at: b.now, source }];
  const start = m.state === 'returned' && m.returnedAt !== undefined ? m.returnedAt : 0;
  const note = source.type === 'link' ? source.url : source.type === 'file' ? source.fileName : clipChars(source.text, 200);
  const e = entry(b, 'version', { n, note });
  return { ok: true, material: arrive(m, b, { versions }, firstOpen(m.passed, start, n), e) };
}

/** Checks that `by` is the reviewer of step `step` for version `n`, which the material waits for now. */
function reviewing(m: Material, n: number, step: number, b: By, p: ChainPeople): Refusal | undefined {
  if (m.state === 'accepted') return 'accepted';
  if (m.state !== 'inReview' || m.at !== step || latestN(m) !== n) return 'stale';
  return actsFor(m.chain[step]!, b.by, p) ? undefined : 'notReviewer';
}

/** 审阅通过 of version `n` at step `step`: on to the next open step, or accepted when none is left. */
export function pass(m: Material, n: number, step: number, b: By, p: ChainPeople, note?: string): Change {
  const refused = reviewing(m, n, step, b, p);
  if (refused) return { ok: false, reason: refused };
  const passed = m.passed.map((x, i) => (i === step ? n : x));
  const e = entry(b, 'pass', { n, step, ...(note ? { note } : {}) });
  return { ok: true, material: arrive(m, b, { passed }, firstOpen(passed, (step + 1) % passed.length, n), e) };
}

/** 退回修改 of version `n` at step `step`, with a comment (required): back to the authors; the next version starts here. */
export function returnForRevision(m: Material, n: number, step: number, comment: string, b: By, p: ChainPeople): Change {
  const refused = reviewing(m, n, step, b, p);
  if (refused) return { ok: false, reason: refused };
  return {
    ok: true,
    material: next(m, b, { state: 'returned', at: undefined, since: undefined, returnedAt: step },
      entry(b, 'return', { n, step, note: comment })),
  };
}

/** A comment by a supervisor (or a reviewer), at any state: kept in the history and sent to the authors. */
export function addComment(m: Material, comment: string, b: By): Change {
  return { ok: true, material: next(m, b, {}, entry(b, 'comment', { n: latestN(m), note: comment })) };
}

/** The office changes the due day and the authors while not accepted; a moved due day starts a new reminder generation. */
export function editMaterial(m: Material, f: { due: string; authors: string[]; title: string }, b: By): Change {
  if (m.state === 'accepted') return { ok: false, reason: 'accepted' };
  const parts = [
    ...(f.title !== m.title ? [`标题：${clipChars(m.title, 60)} → ${clipChars(f.title, 60)}`] : []),
    ...(f.due !== m.due ? [`完成时限：${m.due} → ${f.due}`] : []),
    ...(f.authors.join(',') !== m.authors.join(',') ? [`撰写人：${m.authors.length} 人 → ${f.authors.length} 人`] : []),
  ];
  const gen = f.due !== m.due ? m.gen + 1 : m.gen;
  return { ok: true, material: next(m, b, { ...f, gen }, entry(b, 'edit', { note: parts.join('；') || '—' })) };
}

/** Logs a reminder once per key; undefined when logged already (a re-run sends nothing). */
export function logReminder(m: Material, key: string, note: string, now: number): Material | undefined {
  if (m.history.some((h) => h.what === 'remind' && h.key === key)) return undefined;
  return next(m, { by: 'system', now }, {}, entry({ by: 'system', now }, 'remind', { key, note }));
}

export const reminderLogged = (m: Material, key: string) => m.history.some((h) => h.what === 'remind' && h.key === key);
