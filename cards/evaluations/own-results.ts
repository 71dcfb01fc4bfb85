import type { Figure, Results, Stats, Weighted } from '../../src/domain/evaluations/results.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, div, noteText, table, type TableColumn } from '../components.js';
import type { Card, CardElement } from '../types.js';

/**
 * 我的测评结果 (DESIGN §2.10): one leader's own rows of a closed round, the cells exactly as computeResults
 * shows them to the admins (the round's k and complementary suppression), nobody else's rows. Names from the
 * config go into plain-text table cells only.
 */

const R = msg.evaluation.results;
const O = msg.evaluation.own;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

type OwnRound = Pick<RoundMeta, 'id' | 'title' | 'kind' | 'dimensions' | 'scale' | 'groups'>;

function hiddenText(f: Exclude<Figure, { shown: true }>): string {
  return f.reason === 'empty' ? t(R.notAvailable) : f.reason === 'small' ? t(R.suppressed) : t(R.hidden);
}
const weighted = (w: Weighted | null) => (w ? `${w.score.toFixed(1)}${w.partial ? '*' : ''}` : t(R.notAvailable));
const fig = (f: Figure | undefined, show: (s: Stats) => string) => (!f ? t(R.notAvailable) : f.shown ? show(f.stats) : hiddenText(f));

/** The closed rounds a leader is a subject of, each with its 我的测评结果 button (a section of the 测评 card). */
export function ownResultsListElements(rounds: readonly Pick<RoundMeta, 'id' | 'title' | 'kind'>[]): CardElement[] {
  if (rounds.length === 0) return [];
  const out: CardElement[] = [div(t(O.listTitle), { text_size: 'heading' }), noteText(t(O.listNote))];
  for (const r of rounds.slice(0, 10)) {
    out.push(div(r.title), noteText(t(msg.evaluation.kinds[r.kind])),
      button(t(O.open), { a: 'ev.mine', round: r.id }, { type: 'default' }));
  }
  return out;
}

/** The card of one leader's own results: `subject` is the caller's subject key, chosen on the server. */
export function ownResultsCard(round: OwnRound, results: Results, subject: string): Card {
  const rows = results.rows.filter((r) => r.subject === subject);
  const dim = new Map(round.dimensions.map((d) => [d.key, d.label]));
  const rateName = t(R.rateName[round.kind]);
  const pooled = results.bySubject[subject];
  const elements: CardElement[] = [
    div(t(O.summary(results.ballots, results.k))),
    div(pooled ? t(O.overall(pct(pooled.rate))) : t(O.overallHidden)),
  ];
  const grades = round.scale.map((g, i) => ({ key: `g${i}`, label: g.label, grade: g.key }));
  const columns: TableColumn[] = [
    { key: 'd', label: t(R.colDimension), width: 'auto' }, { key: 'n', label: t(R.colValid) },
    ...grades.map((g) => ({ key: g.key, label: g.label })), { key: 'r', label: rateName }, { key: 'm', label: t(R.colMean) },
    ...(results.weightsUsed ? [{ key: 'w', label: t(R.colWeighted) }] : []),
  ];
  elements.push(table({
    columns,
    rows: rows.map((r) => ({
      d: dim.get(r.dimension) ?? r.dimension, n: fig(r.total, (s) => String(s.valid)),
      ...Object.fromEntries(grades.map((g) => [g.key, fig(r.total, (s) => String(s.counts[g.grade]))])),
      r: fig(r.total, (s) => pct(s.rate)), m: fig(r.total, (s) => s.mean.toFixed(1)),
      ...(results.weightsUsed ? { w: weighted(r.weighted) } : {}),
    })),
  }));
  const voted = results.groups.filter((g) => rows.some((r) => {
    const c = r.cells[g.key];
    return c && !(c.shown === false && c.reason === 'empty');
  }));
  if (voted.length > 1) {
    elements.push(div(`${t(O.byGroup)} · ${rateName}`, { text_size: 'heading' }), table({
      columns: [{ key: 'd', label: t(R.colDimension), width: 'auto' }, ...voted.map((g, i) => ({ key: `p${i}`, label: g.name }))],
      rows: rows.map((r) => ({
        d: dim.get(r.dimension) ?? r.dimension,
        ...Object.fromEntries(voted.map((g, i) => [`p${i}`, fig(r.cells[g.key], (s) => `${pct(s.rate)}（${s.valid}）`)])),
      })),
    }));
  }
  elements.push(noteText(t(R.suppressNote)));
  if (results.weightsUsed) elements.push(noteText(t(R.weightNote)));
  return card({ title: t(O.title(round.title)), subtitle: t(msg.evaluation.kinds[round.kind]), template: 'blue', elements });
}
