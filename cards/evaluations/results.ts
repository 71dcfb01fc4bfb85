import type { Comparison, Figure, Results, Stats, Verdict } from '../../src/domain/evaluations/results.js';
import type { Hint } from '../../src/domain/evaluations/hints.js';
import type { ChannelSource } from '../../src/domain/evaluations/channels.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { sourceLabel } from '../../src/domain/evaluations/outreach.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, chart, clip, columns as columnSet, div, md, noteText, table, type TableColumn } from '../components.js';
import { cardBytes } from '../validate.js';
import type { Card, CardElement } from '../types.js';

/**
 * The results card for admins and supervisors (DESIGN §2.4): up to four charts and tables built only
 * from the figures computeResults shows; suppressed cells read "样本不足" or "已隐藏". Subject and group
 * names come from the config: they go into plain-text table cells and chart data, never markdown.
 */

const R = msg.evaluation.results;
/**
 * Lark's 30 KB applies to the request, where the card JSON is escaped once more (cards/validate.ts), so
 * the budget is measured on that form; parts are left out, in this order, of a card that would pass it.
 */
const BYTE_BUDGET = 27_000;
const OPTIONAL = ['byGroup', 'distribution', 'changeTable'] as const;
type Part = (typeof OPTIONAL)[number];
const requestBytes = (c: Card) => cardBytes(JSON.stringify(c));
const LABEL_MAX = 12;

interface ResultsCardOpts {
  comparison?: Comparison;
  baselineTitle?: string;
  /** Satisfaction rounds: the verdict against the campaign's target. */
  verdict?: Verdict;
  /** Outreach rounds: the visits of the same source group pooled, each only where its own results show. */
  bySource?: { source: string; visits: number; results: Results };
  /** Below k: what would show each hidden part (src/domain/evaluations/hints.ts). */
  hints?: readonly Hint[];
  /** Each channel's ballots (and, for a satisfaction round, its own verdict at k), when the round has more than one. */
  channels?: readonly ChannelLine[];
}

interface ChannelLine { source: ChannelSource; ballots: number; verdict?: Verdict }
const CH = msg.evaluationAdmin.channels;
const CHANNELS_MAX = 20;

const channelLabel = (s: ChannelSource) => t(CH.label(s.kind === 'link' && s.contact ? { ...s, contact: clip(s.contact, 30) } : s));

/** One plain-text line per channel (contact names come from admins: never markdown). */
function channelElements(lines: readonly ChannelLine[]): CardElement[] {
  const text = lines.slice(0, CHANNELS_MAX).map((c) => {
    const v = c.verdict;
    const said = !v ? '' : v.verdict === 'met' ? t(CH.met(v.overall ?? 0)) : v.verdict === 'insufficient' ? t(CH.insufficient)
      : t(CH.below(v.overall));
    return v ? t(CH.line(channelLabel(c.source), c.ballots, said)) : t(CH.count(channelLabel(c.source), c.ballots));
  });
  if (lines.length > CHANNELS_MAX) text.push(t(CH.more(lines.length - CHANNELS_MAX)));
  const note = lines.some((c) => c.verdict) ? [noteText(t(CH.overall))] : [];
  return [div(t(CH.title), { text_size: 'heading' }), div(text.join('\n')), ...note];
}

type ResultRound = Pick<RoundMeta, 'id' | 'title' | 'kind' | 'subjects' | 'dimensions' | 'scale' | 'groups' | 'visit'>;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const one = (x: number) => Math.round(x * 10) / 10;
const signed = (x: number, digits: number) => `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;

function hiddenText(f: Exclude<Figure, { shown: true }>): string {
  return f.reason === 'empty' ? t(R.notAvailable) : f.reason === 'small' ? t(R.suppressed) : t(R.hidden);
}
const fig = (f: Figure, show: (s: Stats) => string) => (f.shown ? show(f.stats) : hiddenText(f));

const H = msg.evaluationAdmin.hints;

/** "再有 2 张有效票即可显示" per hidden group (plain text: group names come from the config). */
function hintElements(round: ResultRound, hints: readonly Hint[]): CardElement[] {
  const name = (key: string) => round.groups.find((g) => g.key === key)?.name ?? key;
  const lines = hints.map((h) => {
    if (h.kind === 'more') return t(H.more(name(h.group), h.need));
    if (h.kind === 'tooFew') return t(H.tooFew(name(h.group), h.people, h.k));
    if (h.kind === 'complementary') return t(H.complementary(name(h.group), h.waitingFor.map(name).join('、')));
    return t(H.total(h.need));
  });
  return [div(t(H.title), { text_size: 'heading' }), div(lines.join('\n')), noteText(t(H.closed))];
}

function barChart(title: string, values: { name: string; value: number }[], horizontal: boolean): CardElement {
  return chart({
    type: 'bar', ...(horizontal ? { direction: 'horizontal', xField: 'value', yField: 'name' } : { xField: 'name', yField: 'value' }),
    title: { visible: true, text: title },
    data: { values },
    label: { visible: true },
  }, { aspect_ratio: values.length > 6 ? '1:1' : '4:3' });
}

export function resultsCard(round: ResultRound, results: Results, opts: ResultsCardOpts = {}): Card {
  let c = build(round, results, opts, new Set());
  for (let i = 1; i <= OPTIONAL.length && requestBytes(c) > BYTE_BUDGET; i++) {
    c = build(round, results, opts, new Set(OPTIONAL.slice(0, i)));
  }
  return c;
}

function build(round: ResultRound, results: Results, opts: ResultsCardOpts, omit: ReadonlySet<Part>): Card {
  // Names are clipped in charts and tables: the card repeats them on every row.
  const subj = new Map(round.subjects.map((s) => [s.key, clip(s.label, LABEL_MAX)]));
  const dim = new Map(round.dimensions.map((d) => [d.key, clip(d.label, LABEL_MAX)]));
  const rateName = t(R.rateName[round.kind]);
  const elements: CardElement[] = [div(t(R.summary(results.ballots, results.k)))];
  if (round.visit) elements.push(div(t(R.visit(round.visit.contact, sourceLabel(round.visit.source), round.visit.day))));

  const v = opts.verdict;
  if (v) {
    const line = v.verdict === 'met' ? t(R.verdictMet(v.overall ?? 0)) : v.verdict === 'insufficient' ? t(R.verdictInsufficient)
      : `${t(R.verdictContinue)}${v.failing.length ? t(R.verdictItems(v.failing.length)) : ''}`;
    elements.push(md(`**${line}**`));
  }
  if (opts.channels && opts.channels.length > 1) elements.push(...channelElements(opts.channels));

  const label = (key: string) => subj.get(key) ?? key;
  const bySubject = round.subjects.flatMap((s) => {
    const p = results.bySubject[s.key];
    return p ? [{ name: label(s.key), value: one(p.rate * 100) }] : [];
  });
  if (bySubject.length) elements.push(barChart(`${rateName} · ${t(R.chartBySubject)}`, bySubject, true));
  const byDim = round.dimensions.flatMap((d) => {
    const p = results.byDimension[d.key];
    return p ? [{ name: dim.get(d.key) ?? d.key, value: one(p.rate * 100) }] : [];
  });
  if (byDim.length) elements.push(barChart(`${rateName} · ${t(R.chartByDimension)}`, byDim, false));

  const dist = round.subjects.filter((s) => results.bySubject[s.key]).flatMap((s) => round.scale.map((g) => ({
    name: label(s.key), grade: g.label,
    count: results.rows.reduce((n, r) => n + (r.subject === s.key && r.total.shown ? r.total.stats.counts[g.key] : 0), 0),
  })));
  if (dist.length && !omit.has('distribution')) {
    elements.push(chart({
      type: 'bar', direction: 'horizontal', stack: true,
      title: { visible: true, text: t(R.chartDistribution) },
      data: { values: dist }, xField: 'count', yField: 'name', seriesField: 'grade',
      legends: { visible: true, orient: 'bottom' },
    }, { aspect_ratio: bySubject.length > 6 ? '1:1' : '4:3' }));
  }
  const cmp = opts.comparison;
  const change = cmp ? round.subjects.flatMap((s) => {
    const c = cmp.bySubject[s.key];
    return c ? [{ name: label(s.key), value: one(c.delta * 100) }] : [];
  }) : [];
  if (change.length) elements.push(barChart(t(R.chartChange), change, true));

  const grades = round.scale.map((g, i) => ({ key: `g${i}`, label: g.label, grade: g.key }));
  const columns: TableColumn[] = [
    { key: 's', label: t(R.colSubject), width: 'auto' }, { key: 'd', label: t(R.colDimension), width: 'auto' },
    { key: 'n', label: t(R.colValid) }, ...grades.map((g) => ({ key: g.key, label: g.label })),
    { key: 'r', label: rateName }, { key: 'm', label: t(R.colMean) },
    ...(results.weightsUsed ? [{ key: 'w', label: t(R.colWeighted) }] : []),
  ];
  elements.push(table({
    columns,
    rows: results.rows.map((r) => ({
      s: subj.get(r.subject) ?? r.subject, d: dim.get(r.dimension) ?? r.dimension,
      n: fig(r.total, (s) => String(s.valid)),
      ...Object.fromEntries(grades.map((g) => [g.key, fig(r.total, (s) => String(s.counts[g.grade]))])),
      r: fig(r.total, (s) => pct(s.rate)), m: fig(r.total, (s) => s.mean.toFixed(1)),
      ...(results.weightsUsed
        ? { w: r.weighted ? `${r.weighted.score.toFixed(1)}${r.weighted.partial ? '*' : ''}` : t(R.notAvailable) }
        : {}),
    })),
    pageSize: 10,
  }));

  const voted = results.groups.filter((g) => results.rows.some((r) => {
    const c = r.cells[g.key];
    return c && !(c.shown === false && c.reason === 'empty');
  }));
  if (omit.has('byGroup') && voted.length > 1) elements.push(noteText(t(R.byGroupOmitted)));
  if (!omit.has('byGroup') && voted.length > 1) {
    elements.push(div(`${t(R.byGroup)} · ${rateName}`, { text_size: 'heading' }));
    elements.push(table({
      columns: [{ key: 's', label: t(R.colSubject), width: 'auto' }, { key: 'd', label: t(R.colDimension), width: 'auto' },
        ...voted.map((g, i) => ({ key: `p${i}`, label: g.name }))],
      rows: results.rows.map((r) => ({
        s: subj.get(r.subject) ?? r.subject, d: dim.get(r.dimension) ?? r.dimension,
        ...Object.fromEntries(voted.map((g, i) => [`p${i}`, fig(r.cells[g.key], (s) => `${pct(s.rate)}（${s.valid}）`)])),
      })),
      pageSize: 10,
    }));
  }

  if (cmp && !omit.has('changeTable')) {
    elements.push(div(t(R.changeTitle(opts.baselineTitle ?? '')), { text_size: 'heading' }));
    const na = t(R.notAvailable);
    elements.push(table({
      columns: [{ key: 's', label: t(R.colSubject), width: 'auto' }, { key: 'd', label: t(R.colDimension), width: 'auto' },
        { key: 'c', label: `${t(R.colCurrent)}${rateName}` }, { key: 'b', label: `${t(R.colBaseline)}${rateName}` },
        { key: 'x', label: t(R.colChange) }, { key: 'm', label: `${t(R.colChange)}（${t(R.colMean)}）` }],
      rows: cmp.rows.map((r) => ({
        s: subj.get(r.subject) ?? r.subject, d: dim.get(r.dimension) ?? r.dimension,
        c: r.rate ? pct(r.rate.current) : na, b: r.rate ? pct(r.rate.baseline) : na,
        x: r.rate ? signed(r.rate.delta * 100, 1) : na, m: r.score ? signed(r.score.delta, 1) : na,
      })),
      pageSize: 10,
    }));
  }

  const src = opts.bySource;
  if (src) {
    elements.push(div(t(R.bySource(sourceLabel(src.source), src.visits)), { text_size: 'heading' }));
    elements.push(table({
      columns: [{ key: 'd', label: t(R.colDimension), width: 'auto' }, { key: 'n', label: t(R.colValid) },
        { key: 'r', label: rateName }, { key: 'm', label: t(R.colMean) }],
      rows: src.results.rows.map((r) => ({
        d: dim.get(r.dimension) ?? r.dimension, n: fig(r.total, (s) => String(s.valid)),
        r: fig(r.total, (s) => pct(s.rate)), m: fig(r.total, (s) => s.mean.toFixed(1)),
      })),
      pageSize: 10,
    }));
  }

  if (opts.hints?.length) elements.push(...hintElements(round, opts.hints));
  elements.push(noteText(t(R.suppressNote)));
  // The asterisk's legend only when a weighted score left a group out (else it reads as if every result did).
  const partial = results.rows.some((r) => r.weighted?.partial);
  if (results.weightsUsed) elements.push(noteText(partial ? `${t(R.weightNote)} * ${t(R.partial)}` : t(R.weightNote)));
  elements.push(columnSet([[button(t(R.exportXlsx), { a: 'ev.export', round: round.id, format: 'xlsx' }, { width: 'fill' })],
    [button(t(R.exportCsv), { a: 'ev.export', round: round.id, format: 'csv' }, { width: 'fill' })]], 'flow'), noteText(t(R.exportNote)));
  return card({
    title: t(R.title(round.title)),
    subtitle: t(msg.evaluation.kinds[round.kind]),
    template: 'blue',
    summary: t(R.title(round.title)),
    elements,
  });
}
