import { cellKey, counterField, type RaterGroup, type RoundKind, type RoundMeta, type Tallies } from './round.js';

/**
 * Results of a round (DESIGN §2.4), from the ballot box counters. Pure.
 *
 * Suppression, per row (one subject × dimension across the rater groups):
 * - a cell (subject × dimension × group) with 1..k-1 ballots is suppressed ("样本不足");
 * - complementary suppression: while exactly one cell is suppressed, or the suppressed cells together
 *   hold fewer than k ballots, the next smallest shown cell is suppressed too; when no cell is left,
 *   the row total is hidden. So no suppressed cell, nor a set of them below k, follows by subtraction;
 * - a row total below k is suppressed; a cell with no ballots is "empty" (there is nothing to protect
 *   and it never serves as a complementary cell).
 * Weighted scores use only the shown cells (weights renormalised over them, `partial` when a group with
 * ballots was left out): a figure computed from the hidden cells too would, together with the row
 * total, give a second equation for them and undo the complementary suppression.
 * Subject, dimension and overall figures pool only shown row totals.
 */

export interface Stats {
  /** grade key → ballots */
  counts: Record<string, number>;
  valid: number;
  /** 好评率 / 满意率: positive grades ÷ valid ballots, 0..1. */
  rate: number;
  /** Mean grade points. */
  mean: number;
}
export type Figure = { shown: true; stats: Stats } | { shown: false; reason: 'empty' | 'small' | 'complementary' };
export interface Weighted { score: number; rate: number; partial: boolean }
interface RowResult {
  subject: string;
  dimension: string;
  /** group key → figure */
  cells: Record<string, Figure>;
  /** Every group pooled (unweighted). */
  total: Figure;
  /** null when no weights are configured or no weighted group is shown. */
  weighted: Weighted | null;
}
export interface Pooled { rate: number; mean: number; valid: number }
export interface Results {
  roundId: string;
  kind: RoundKind;
  k: number;
  /** Ballots cast (turnout, not sensitive). */
  ballots: number;
  groups: (RaterGroup & { effectiveWeight: number })[];
  weightsUsed: boolean;
  rows: RowResult[];
  bySubject: Record<string, Pooled | null>;
  byDimension: Record<string, Pooled | null>;
  overall: Pooled | null;
}

type ResultRound = Pick<RoundMeta, 'id' | 'kind' | 'k' | 'subjects' | 'dimensions' | 'scale' | 'positive' | 'groups'>;

function statsOf(round: ResultRound, counts: Record<string, number>): Stats {
  const valid = round.scale.reduce((n, g) => n + (counts[g.key] ?? 0), 0);
  const pos = round.positive.reduce((n, g) => n + (counts[g] ?? 0), 0);
  const points = round.scale.reduce((n, g) => n + (counts[g.key] ?? 0) * g.points, 0);
  return {
    counts: Object.fromEntries(round.scale.map((g) => [g.key, counts[g.key] ?? 0])),
    valid,
    rate: valid ? pos / valid : 0,
    mean: valid ? points / valid : 0,
  };
}

/**
 * Group weights as used: a configured weight as is; groups without one share what the configured
 * weights leave of 1 (nothing when they sum to 1 or more). No weight configured at all: no weighted figures.
 */
export function effectiveWeights(groups: readonly RaterGroup[]): { weights: Record<string, number>; used: boolean } {
  const used = groups.some((g) => g.weight !== undefined);
  const given = groups.reduce((n, g) => n + (g.weight ?? 0), 0);
  const free = groups.filter((g) => g.weight === undefined);
  const share = free.length ? Math.max(0, 1 - given) / free.length : 0;
  return { weights: Object.fromEntries(groups.map((g) => [g.key, used ? (g.weight ?? share) : 0])), used };
}

type CellState = 'shown' | 'empty' | 'small' | 'complementary';

/** The suppression of one row: `valid` ballots per group in `order`. */
function suppressRow(
  valid: Record<string, number>, order: readonly string[], k: number,
): { cells: Record<string, CellState>; total: CellState } {
  const state: Record<string, CellState> = {};
  for (const g of order) state[g] = valid[g] === 0 ? 'empty' : valid[g] < k ? 'small' : 'shown';
  const hidden = () => order.filter((g) => state[g] === 'small' || state[g] === 'complementary');
  const hiddenSum = () => hidden().reduce((n, g) => n + valid[g], 0);
  const exposed = () => hidden().length === 1 || hiddenSum() < k;
  while (hidden().length > 0 && exposed()) {
    const next = order.filter((g) => state[g] === 'shown').sort((a, b) => valid[a] - valid[b] || order.indexOf(a) - order.indexOf(b))[0];
    if (!next) break;
    state[next] = 'complementary';
  }
  const n = order.reduce((s, g) => s + valid[g], 0);
  const total: CellState = n === 0 ? 'empty' : n < k ? 'small' : hidden().length > 0 && exposed() ? 'complementary' : 'shown';
  return { cells: state, total };
}

function pool(round: ResultRound, figures: Figure[]): Pooled | null {
  const counts: Record<string, number> = {};
  let any = false;
  for (const f of figures) {
    if (!f.shown) continue;
    any = true;
    for (const [g, n] of Object.entries(f.stats.counts)) counts[g] = (counts[g] ?? 0) + n;
  }
  if (!any) return null;
  const s = statsOf(round, counts);
  return { rate: s.rate, mean: s.mean, valid: s.valid };
}

export function computeResults(round: ResultRound, tallies: Tallies, opts: { k?: number } = {}): Results {
  const k = opts.k ?? round.k;
  const { weights, used } = effectiveWeights(round.groups);
  const order = round.groups.map((g) => g.key);
  const rows: RowResult[] = [];
  for (const s of round.subjects) {
    for (const d of round.dimensions) {
      const stats: Record<string, Stats> = {};
      for (const g of order) {
        stats[g] = statsOf(round,
          Object.fromEntries(round.scale.map((x) => [x.key, tallies.counts[counterField(s.key, d.key, x.key, g)] ?? 0])));
      }
      const state = suppressRow(Object.fromEntries(order.map((g) => [g, stats[g].valid])), order, k);
      const cells: Record<string, Figure> = {};
      for (const g of order) {
        const st = state.cells[g];
        cells[g] = st === 'shown' ? { shown: true, stats: stats[g] } : { shown: false, reason: st };
      }
      const all: Record<string, number> = {};
      for (const g of order) for (const [x, n] of Object.entries(stats[g].counts)) all[x] = (all[x] ?? 0) + n;
      const total: Figure = state.total === 'shown' ? { shown: true, stats: statsOf(round, all) } : { shown: false, reason: state.total };
      let weighted: Weighted | null = null;
      if (used) {
        const shown = order.filter((g) => cells[g].shown && weights[g] > 0);
        const w = shown.reduce((n, g) => n + weights[g], 0);
        if (w > 0) {
          weighted = {
            score: shown.reduce((n, g) => n + weights[g] * stats[g].mean, 0) / w,
            rate: shown.reduce((n, g) => n + weights[g] * stats[g].rate, 0) / w,
            partial: order.some((g) => weights[g] > 0 && stats[g].valid > 0 && !cells[g].shown),
          };
        }
      }
      rows.push({ subject: s.key, dimension: d.key, cells, total, weighted });
    }
  }
  const rowsOf = (pred: (r: RowResult) => boolean) => rows.filter(pred).map((r) => r.total);
  return {
    roundId: round.id,
    kind: round.kind,
    k,
    ballots: Object.values(tallies.ballots).reduce((a, b) => a + b, 0),
    groups: round.groups.map((g) => ({ ...g, effectiveWeight: weights[g.key] })),
    weightsUsed: used,
    rows,
    bySubject: Object.fromEntries(round.subjects.map((s) => [s.key, pool(round, rowsOf((r) => r.subject === s.key))])),
    byDimension: Object.fromEntries(round.dimensions.map((d) => [d.key, pool(round, rowsOf((r) => r.dimension === d.key))])),
    overall: pool(round, rows.map((r) => r.total)),
  };
}

/** The row of a subject × dimension. */
export function rowOf(results: Pick<Results, 'rows'>, subject: string, dimension: string): RowResult | undefined {
  return results.rows.find((r) => cellKey(r.subject, r.dimension) === cellKey(subject, dimension));
}

export interface Change { current: number; baseline: number; delta: number }
interface ComparisonRow {
  subject: string;
  dimension: string;
  /** null ("n/a") when either side is suppressed or missing. */
  rate: Change | null;
  score: Change | null;
  weighted: Change | null;
}
export interface Comparison {
  baselineRoundId: string;
  rows: ComparisonRow[];
  /** Pooled rate per subject. */
  bySubject: Record<string, Change | null>;
  overall: Change | null;
}

const change = (current: number | undefined, baseline: number | undefined): Change | null =>
  current === undefined || baseline === undefined ? null : { current, baseline, delta: current - baseline };

/**
 * Round-vs-round change per subject per dimension (rows matched by subject and dimension key).
 * The rounds must be of the same kind (electronic or paper alike).
 */
export function compareRounds(current: Results, baseline: Results): Comparison {
  if (current.kind !== baseline.kind) throw new RangeError(`cannot compare a ${current.kind} round with a ${baseline.kind} round`);
  const stat = (f: Figure | undefined) => (f?.shown ? f.stats : undefined);
  const rows = current.rows.map((r) => {
    const b = rowOf(baseline, r.subject, r.dimension);
    return {
      subject: r.subject,
      dimension: r.dimension,
      rate: change(stat(r.total)?.rate, stat(b?.total)?.rate),
      score: change(stat(r.total)?.mean, stat(b?.total)?.mean),
      weighted: change(r.weighted?.score, b?.weighted?.score),
    };
  });
  return {
    baselineRoundId: baseline.roundId,
    rows,
    bySubject: Object.fromEntries(Object.entries(current.bySubject).map(([s, p]) => [s, change(p?.rate, baseline.bySubject[s]?.rate)])),
    overall: change(current.overall?.rate, baseline.overall?.rate),
  };
}

interface SatisfactionTarget { overall: number; perItem: number }
export interface Verdict {
  /** met: at or above both targets; continue: 继续整改; insufficient: every total suppressed. */
  verdict: 'met' | 'continue' | 'insufficient';
  overall: number | null;
  overallBelow: boolean;
  /** Items (subject × dimension) below `perItem`. */
  failing: { subject: string; dimension: string; rate: number }[];
  /** Items whose total is suppressed (not judged). */
  unjudged: number;
}

const EPS = 1e-9;

/** A satisfaction round against `satisfactionTarget`: below it overall or in any item → 继续整改. */
export function satisfactionVerdict(results: Pick<Results, 'rows' | 'overall'>, target: SatisfactionTarget): Verdict {
  const failing: Verdict['failing'] = [];
  let unjudged = 0;
  for (const r of results.rows) {
    if (!r.total.shown) unjudged += 1;
    else if (r.total.stats.rate < target.perItem - EPS) {
      failing.push({ subject: r.subject, dimension: r.dimension, rate: r.total.stats.rate });
    }
  }
  const overall = results.overall?.rate ?? null;
  if (overall === null) return { verdict: 'insufficient', overall, overallBelow: false, failing, unjudged };
  const overallBelow = overall < target.overall - EPS;
  return { verdict: overallBelow || failing.length ? 'continue' : 'met', overall, overallBelow, failing, unjudged };
}
