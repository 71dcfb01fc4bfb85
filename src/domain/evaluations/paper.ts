import { cellsOf, type Cell } from './ballot.js';
import { cellKey, type RoundMeta } from './round.js';

/**
 * Paper rounds (DESIGN §2.4): the first 民主测评 is often on paper at the mobilization meeting, so
 * admins type in the tallies, per subject × dimension × rater group, one count per grade.
 */

type PaperRound = Pick<RoundMeta, 'subjects' | 'dimensions' | 'scale' | 'groups'>;

/** Counts of one cell for one group (grade key → ballots). */
export interface PaperEntry { subject: string; dimension: string; group: string; counts: Record<string, number> }
export interface PaperPage { index: number; cells: Cell[] }

const PAPER_MAX_COUNT = 100_000;

/**
 * Budget of a tally card (cards/evaluation-admin.ts): a div (2) heads each cell, then per group
 * one input with its label and placeholder (3); the rest of the card is `fixedComponents`.
 */
const PAPER_BUDGET = { components: 150, fixedComponents: 24 } as const;

export const paperField = (cellIndex: number, groupIndex: number) => `p${cellIndex}_${groupIndex}`;

export function paperPages(round: PaperRound): PaperPage[] {
  const perCell = 2 + 3 * round.groups.length;
  const perPage = Math.max(1, Math.floor((PAPER_BUDGET.components - PAPER_BUDGET.fixedComponents) / perCell));
  const cells = cellsOf(round);
  const pages: PaperPage[] = [];
  for (let i = 0; i < cells.length; i += perPage) pages.push({ index: pages.length, cells: cells.slice(i, i + perPage) });
  return pages;
}

type PaperPageResult =
  | { ok: true; entries: PaperEntry[] }
  | { ok: false; bad: { cell: Cell; group: string }[] };

/**
 * One tally page submitted. Each input holds the counts in the scale's order ("12 5 3 0"; spaces,
 * commas, 、 or / between them); an empty input is skipped (not entered yet).
 */
export function parsePaperPage(round: PaperRound, page: number, formValue: unknown): PaperPageResult | null {
  const current = paperPages(round)[page];
  if (!Number.isInteger(page) || !current) return null;
  const form =
    typeof formValue === 'object' && formValue !== null && !Array.isArray(formValue) ? (formValue as Record<string, unknown>) : {};
  const entries: PaperEntry[] = [];
  const bad: { cell: Cell; group: string }[] = [];
  for (const cell of current.cells) {
    round.groups.forEach((group, gi) => {
      const raw = form[paperField(cell.index, gi)];
      const text = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
      if (text === '') return;
      const parts = text.split(/[\s,，、/]+/).filter(Boolean);
      const nums = parts.map((p) => (/^\d{1,6}$/.test(p) ? Number(p) : NaN));
      if (nums.length !== round.scale.length || nums.some((n) => !Number.isSafeInteger(n) || n > PAPER_MAX_COUNT)) {
        bad.push({ cell, group: group.key });
        return;
      }
      entries.push({ subject: cell.subject.key, dimension: cell.dimension.key, group: group.key,
        counts: Object.fromEntries(round.scale.map((g, i) => [g.key, nums[i]])) });
    });
  }
  return bad.length ? { ok: false, bad } : { ok: true, entries };
}

export type PaperProblem =
  | { code: 'unknown' | 'count' | 'duplicate'; subject: string; dimension: string; group: string }
  | { code: 'sum'; group: string }
  | { code: 'empty' };

/** Ballots per group implied by the entries (each cell of a group must sum to the same number). */
export function paperBallots(entries: readonly PaperEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) out[e.group] ??= Object.values(e.counts).reduce((a, b) => a + b, 0);
  return out;
}

/**
 * Checks typed-in tallies: known subject, dimension and group; a non-negative integer for every
 * grade and no other key; each cell once; within a group every cell sums to the same ballot count.
 */
export function checkPaperTallies(round: PaperRound, entries: readonly PaperEntry[]): PaperProblem[] {
  if (entries.length === 0) return [{ code: 'empty' }];
  const problems: PaperProblem[] = [];
  const subjects = new Set(round.subjects.map((s) => s.key));
  const dimensions = new Set(round.dimensions.map((d) => d.key));
  const groups = new Set(round.groups.map((g) => g.key));
  const seen = new Set<string>();
  const sums = new Map<string, Set<number>>();
  for (const e of entries) {
    const where = { subject: e.subject, dimension: e.dimension, group: e.group };
    if (!subjects.has(e.subject) || !dimensions.has(e.dimension) || !groups.has(e.group)) {
      problems.push({ code: 'unknown', ...where });
      continue;
    }
    const id = `${cellKey(e.subject, e.dimension)}|${e.group}`;
    if (seen.has(id)) problems.push({ code: 'duplicate', ...where });
    seen.add(id);
    const keys = Object.keys(e.counts);
    const valid = keys.length === round.scale.length && round.scale.every((g) => {
      const n = e.counts[g.key];
      return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= PAPER_MAX_COUNT;
    });
    if (!valid) {
      problems.push({ code: 'count', ...where });
      continue;
    }
    const sum = round.scale.reduce((a, g) => a + e.counts[g.key], 0);
    if (!sums.has(e.group)) sums.set(e.group, new Set());
    sums.get(e.group)!.add(sum);
  }
  for (const [group, set] of sums) if (set.size > 1) problems.push({ code: 'sum', group });
  return problems;
}
