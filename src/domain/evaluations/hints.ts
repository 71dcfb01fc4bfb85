import type { Results } from './results.js';

/**
 * What would show each hidden part of a round's results (issue #14: "再有 2 张有效票即可显示"). Pure.
 *
 * Every valid ballot fills every cell (electronic ballots are complete; a paper round's cells of one group add
 * up to the same count), so a cell's ballots are its group's ballots and a hint per group covers every row.
 * What a hint tells is a group's ballot count (k − ballots), a participation figure, never a grade: the
 * grade counts of a suppressed cell stay as hidden as before, and complementary cells get no number at all
 * (they show once the small groups do). A group with fewer voters than k is said to be too small, without
 * its ballot count (nobody learns whether its one or two members voted).
 */

export type Hint =
  | { kind: 'more'; group: string; need: number }
  | { kind: 'tooFew'; group: string; people: number; k: number }
  | { kind: 'complementary'; group: string; waitingFor: string[] }
  | { kind: 'total'; need: number };

export function belowKHints(
  results: Pick<Results, 'k' | 'rows' | 'groups'>, ballots: Readonly<Record<string, number>>,
  groupSizes?: Readonly<Record<string, number>>,
): Hint[] {
  const k = results.k;
  const reasons = (g: string) => new Set(results.rows.map((r) => r.cells[g]).filter((c) => c && !c.shown)
    .map((c) => (c.shown ? 'shown' : c.reason)));
  const out: Hint[] = [];
  const small: string[] = [];
  for (const g of results.groups) {
    const size = groupSizes?.[g.key];
    const n = ballots[g.key] ?? 0;
    const why = reasons(g.key);
    if (size !== undefined && size > 0 && size < k) {
      out.push({ kind: 'tooFew', group: g.key, people: size, k });
      small.push(g.key);
    } else if (why.has('small') || (n === 0 && size !== undefined && size > 0)) {
      out.push({ kind: 'more', group: g.key, need: k - n });
      small.push(g.key);
    }
  }
  for (const g of results.groups) {
    if (reasons(g.key).has('complementary') && !small.includes(g.key)) {
      out.push({ kind: 'complementary', group: g.key, waitingFor: small });
    }
  }
  const total = Object.values(ballots).reduce((a, b) => a + b, 0);
  if (total > 0 && total < k) out.push({ kind: 'total', need: k - total });
  return out;
}
