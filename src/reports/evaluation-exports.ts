import { loadExcel } from './excel.js';
import { poolBySource, sourceLabel } from '../domain/evaluations/outreach.js';
import { compareRounds, computeResults, type Comparison, type Figure, type Results } from '../domain/evaluations/results.js';
import {
  channelSource, combineChannels, type ChannelResults, type ChannelSource, type ChannelTallies, type CombinedResults,
} from '../domain/evaluations/channels.js';
import type { RoundMeta, Tallies } from '../domain/evaluations/round.js';
import { linkChannel, type Link } from '../domain/outreach/link.js';
import { msg } from '../messages/index.js';
import type { EvaluationStore } from '../store/evaluations.js';
import { csvField, xmlSafe } from './exports.js';

/**
 * Results of a closed round, for the results card and the exports (DESIGN §2.4). Exports hold
 * aggregates only: the figures computeResults shows, "样本不足"/"已隐藏" where it suppresses; never a voter.
 */

interface RoundResultsData {
  round: RoundMeta;
  /** From every channel (combineChannels): members in Lark, outreach links, paper tallies. */
  results: Results;
  /** Each channel on its own, at the round's k, with what it is (its label). */
  channels?: (ChannelResults & { source: ChannelSource })[];
  combined?: CombinedResults;
  comparison?: Comparison;
  baseline?: RoundMeta;
  /** Outreach rounds: the closed visits of the same source group pooled, each only where its own results show (poolBySource). */
  bySource?: { source: string; visits: number; results: Results };
}

type LinkList = () => Promise<Pick<Link, 'id' | 'contact' | 'day' | 'roundId'>[]>;

/**
 * A round's channels: every box the store holds (`lark` first), and each outreach link attached to the round that has
 * no ballots yet (it is shown with none). `links` lists the outreach links (ctx.store.outreachLinks.list).
 */
async function channelsOf(
  store: EvaluationStore, roundId: string, links: readonly Pick<Link, 'id' | 'roundId'>[],
): Promise<ChannelTallies[]> {
  const boxes = await store.channels.tallies(roundId);
  const empty = links.filter((l) => l.roundId === roundId && !boxes.some((b) => b.channel === linkChannel(l.id)))
    .map((l) => ({ channel: linkChannel(l.id), tallies: { counts: {}, ballots: {} } }));
  return [...boxes, ...empty];
}

/** The tallies a round's results come from: its channels pooled where each shows (combineChannels). */
async function pooledTallies(store: EvaluationStore, round: RoundMeta): Promise<Tallies> {
  return combineChannels(round, await store.channels.tallies(round.id)).pooled;
}

export async function loadRoundResults(store: EvaluationStore, round: RoundMeta, listLinks?: LinkList): Promise<RoundResultsData> {
  const links = listLinks ? await listLinks() : [];
  const combined = combineChannels(round, await channelsOf(store, round.id, links));
  const results = combined.results;
  const channels = combined.channels.map((c) => ({ ...c, source: channelSource(c.channel, links) }));
  const base = round.baselineRoundId ? await store.getMeta(round.baselineRoundId) : undefined;
  const comparison = base && base.status === 'closed' && base.kind === round.kind
    ? compareRounds(results, computeResults(base, await pooledTallies(store, base), { k: base.k })) : undefined;
  let bySource: RoundResultsData['bySource'];
  if (round.kind === 'outreach' && round.visit) {
    const source = round.visit.source;
    const visits = (await store.list(1000)).filter((r) => r.kind === 'outreach' && r.status === 'closed' && r.visit?.source === source);
    const tallies = new Map<string, Tallies>();
    for (const r of visits) tallies.set(r.id, await pooledTallies(store, r));
    const pooled = poolBySource(visits, source, tallies);
    bySource = { source, visits: pooled.visits, results: computeResults(round, pooled.tallies, { k: pooled.k ?? round.k }) };
  }
  return {
    round, results, channels, combined, ...(comparison ? { comparison } : {}), ...(base && comparison ? { baseline: base } : {}),
    ...(bySource ? { bySource } : {}),
  };
}

const R = msg.evaluation.results;
const CH = msg.evaluationAdmin.channels;
type Cell = string | number;
const round1 = (x: number) => Math.round(x * 10) / 10;
const hidden = (f: Exclude<Figure, { shown: true }>) =>
  (f.reason === 'empty' ? R.notAvailable.zh : f.reason === 'small' ? R.suppressed.zh : R.hidden.zh);

/** The table of an export: a header row, then per scope × subject × dimension the pooled row and one row per rater group. */
export function evaluationRows(d: RoundResultsData): Cell[][] {
  const { round } = d;
  const subj = new Map(round.subjects.map((s) => [s.key, s.label]));
  const dim = new Map(round.dimensions.map((x) => [x.key, x.label]));
  const rateName = R.rateName[round.kind].zh;
  const header = ['范围', R.colSubject.zh, R.colDimension.zh, '群体', R.colValid.zh, ...round.scale.map((g) => g.label), `${rateName}(%)`,
    R.colMean.zh, R.colWeighted.zh, `${R.colChange.zh}（${rateName}，百分点）`, `${R.colChange.zh}（${R.colMean.zh}）`];
  const stats = (f: Figure): Cell[] => (f.shown
    ? [f.stats.valid, ...round.scale.map((g) => f.stats.counts[g.key] ?? 0), round1(f.stats.rate * 100), round1(f.stats.mean)]
    : Array.from({ length: round.scale.length + 3 }, () => hidden(f)));
  const na = R.notAvailable.zh;
  const scopes: { name: string; results: Results; comparison?: Comparison }[] = [
    { name: '本轮', results: d.results, comparison: d.comparison },
  ];
  if (d.bySource) scopes.push({ name: `来源群体：${sourceLabel(d.bySource.source)}（${d.bySource.visits} 次走访）`, results: d.bySource.results });
  const out: Cell[][] = [header];
  for (const scope of scopes) {
    for (const r of scope.results.rows) {
      const s = subj.get(r.subject) ?? r.subject;
      const x = dim.get(r.dimension) ?? r.dimension;
      const c = scope.comparison?.rows.find((y) => y.subject === r.subject && y.dimension === r.dimension);
      out.push([scope.name, s, x, '全部', ...stats(r.total), r.weighted ? round1(r.weighted.score) : na,
        c?.rate ? round1(c.rate.delta * 100) : na, c?.score ? round1(c.score.delta) : na]);
      if (scope.results.groups.length > 1) {
        for (const g of scope.results.groups) out.push([scope.name, s, x, g.name, ...stats(r.cells[g.key]), na, na, na]);
      }
    }
  }
  return out;
}

function preamble(d: RoundResultsData): Cell[][] {
  const v = d.round.visit;
  return [
    [`${R.title(d.round.title).zh}（${msg.evaluation.kinds[d.round.kind].zh}）`],
    ...(v ? [[R.visit(v.contact, sourceLabel(v.source), v.day).zh]] : []),
    [R.summary(d.results.ballots, d.results.k).zh],
    // More than one channel: each one's ballots (turnout), the results below pooled from them all.
    ...((d.channels?.length ?? 0) > 1 ? d.channels!.map((c) => [CH.count(CH.label(c.source).zh, c.ballots).zh]) : []),
    ...(d.baseline ? [[R.changeTitle(d.baseline.title).zh]] : []),
    [R.suppressNote.zh],
    [],
  ];
}

export async function evaluationXlsx(d: RoundResultsData): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('测评结果');
  ws.columns = [{ width: 24 }, { width: 16 }, { width: 12 }, { width: 12 }, ...Array.from({ length: 14 }, () => ({ width: 11 }))];
  for (const row of [...preamble(d), ...evaluationRows(d)]) ws.addRow(row.map((v) => (typeof v === 'string' ? xmlSafe(v) : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV: UTF-8 with a BOM, CRLF, RFC 4180 quoting, formula-like text neutralised (csvField; numbers stay numbers). */
export function evaluationCsv(d: RoundResultsData): Buffer {
  const table = evaluationRows(d);
  const width = table[0].length;
  // RFC 4180: every record has the same number of fields, so the preamble lines are padded.
  const pad = (row: Cell[]) => [...row, ...Array.from({ length: Math.max(0, width - row.length) }, () => '')];
  const lines = [...preamble(d).map(pad), ...table]
    .map((row) => `${row.map((v) => (typeof v === 'number' ? String(v) : csvField(v))).join(',')}\r\n`);
  return Buffer.from(`\uFEFF${lines.join('')}`, 'utf8');
}
