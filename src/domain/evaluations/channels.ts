import { computeResults, satisfactionVerdict, type Figure, type Results, type Verdict } from './results.js';
import { counterField, type RoundMeta, type Tallies } from './round.js';
import { linkChannel } from '../outreach/link.js';

/**
 * A round's results and verdict over its channels (issue #17): members' ballots in Lark (`lark`), each outreach
 * link's page (`link-<id>`) and third-party paper tallies (`paper`), each counted in a box of its own. Pure.
 *
 * Each channel has its own results at the round's k. The combined results pool the channels, a channel's cell
 * (subject × dimension × group) joining only when that channel's own results show it: a suppressed cell pooled with
 * shown ones would follow by subtracting them (the reasoning of poolBySource). With one channel holding ballots,
 * its tallies are used as they are, so a round voted only in Lark reads as before.
 *
 * The verdict of a satisfaction round: without group weights, satisfactionVerdict (pooled rates). With weights (the
 * round's rater groups, from the campaign file), each item is judged by its weighted rate (renormalised over the groups
 * its row shows) and the overall by the weighted mean of each group's rate pooled over the rows that show it; a row
 * with no weighted group shown is not judged. Every channel gets its own verdict the same way, at its own k.
 */

export interface ChannelTallies { channel: string; tallies: Tallies }
type ChannelRound = Pick<RoundMeta, 'id' | 'kind' | 'k' | 'subjects' | 'dimensions' | 'scale' | 'positive' | 'groups'>;

export interface ChannelResults {
  channel: string;
  /** Ballots of the channel (turnout, not sensitive). */
  ballots: number;
  results: Results;
}
export interface CombinedResults {
  /** Every channel given, in the order given (the store lists `lark` first). */
  channels: ChannelResults[];
  /** The tallies the combined results are computed from. */
  pooled: Tallies;
  results: Results;
}

const ballotsOf = (t: Tallies) => Object.values(t.ballots).reduce((a, b) => a + b, 0);

export function combineChannels(round: ChannelRound, channels: readonly ChannelTallies[]): CombinedResults {
  const own = channels.map((c) => ({
    channel: c.channel, ballots: ballotsOf(c.tallies), results: computeResults(round, c.tallies, { k: round.k }), tallies: c.tallies,
  }));
  const voted = own.filter((c) => c.ballots > 0);
  let pooled: Tallies;
  if (voted.length <= 1) pooled = voted[0]?.tallies ?? { counts: {}, ballots: {} };
  else {
    const counts: Record<string, number> = {};
    const ballots: Record<string, number> = {};
    for (const c of voted) {
      for (const [g, n] of Object.entries(c.tallies.ballots)) ballots[g] = (ballots[g] ?? 0) + n;
      for (const row of c.results.rows) {
        for (const [g, f] of Object.entries(row.cells)) {
          if (!f.shown) continue;
          for (const x of round.scale) {
            const field = counterField(row.subject, row.dimension, x.key, g);
            counts[field] = (counts[field] ?? 0) + (c.tallies.counts[field] ?? 0);
          }
        }
      }
    }
    pooled = { counts, ballots };
  }
  return {
    channels: own.map(({ channel, ballots, results }) => ({ channel, ballots, results })),
    pooled,
    results: computeResults(round, pooled, { k: round.k }),
  };
}

interface SatisfactionTarget { overall: number; perItem: number }
const EPS = 1e-9;

/** A group's rate pooled over the rows that show its cell, or null when none does. */
function groupRate(round: Pick<RoundMeta, 'positive'>, cells: readonly (Figure | undefined)[]): number | null {
  let valid = 0;
  let pos = 0;
  for (const f of cells) {
    if (!f?.shown) continue;
    valid += f.stats.valid;
    pos += round.positive.reduce((n, g) => n + (f.stats.counts[g] ?? 0), 0);
  }
  return valid ? pos / valid : null;
}

/** The verdict of one set of results: weighted by rater group when the round's groups carry weights. */
export function weightedVerdict(round: Pick<RoundMeta, 'positive'>, results: Results, target: SatisfactionTarget): Verdict {
  if (!results.weightsUsed) return satisfactionVerdict(results, target);
  const failing: Verdict['failing'] = [];
  let unjudged = 0;
  for (const r of results.rows) {
    if (!r.weighted) unjudged += 1;
    else if (r.weighted.rate < target.perItem - EPS) failing.push({ subject: r.subject, dimension: r.dimension, rate: r.weighted.rate });
  }
  let sum = 0;
  let w = 0;
  for (const g of results.groups) {
    if (!(g.effectiveWeight > 0)) continue;
    const rate = groupRate(round, results.rows.map((r) => r.cells[g.key]));
    if (rate === null) continue;
    sum += g.effectiveWeight * rate;
    w += g.effectiveWeight;
  }
  const overall = w > 0 ? sum / w : null;
  if (overall === null) return { verdict: 'insufficient', overall, overallBelow: false, failing, unjudged };
  const overallBelow = overall < target.overall - EPS;
  return { verdict: overallBelow || failing.length ? 'continue' : 'met', overall, overallBelow, failing, unjudged };
}

export interface ChannelVerdicts {
  /** From every channel (the combined results). */
  overall: Verdict;
  channels: { channel: string; ballots: number; verdict: Verdict }[];
}

export function channelVerdicts(
  round: Pick<RoundMeta, 'positive'>, combined: CombinedResults, target: SatisfactionTarget,
): ChannelVerdicts {
  return {
    overall: weightedVerdict(round, combined.results, target),
    channels: combined.channels.map((c) => ({
      channel: c.channel, ballots: c.ballots, verdict: weightedVerdict(round, c.results, target),
    })),
  };
}

/** What a channel is, for its label: members in Lark, an outreach link's page (its visit when known), paper tallies. */
export type ChannelSource = { kind: 'lark' } | { kind: 'paper' } | { kind: 'link'; contact?: string; day?: string };

export function channelSource(channel: string, links: readonly { id: string; contact: string; day: string }[]): ChannelSource {
  if (channel === 'lark') return { kind: 'lark' };
  if (channel === 'paper') return { kind: 'paper' };
  const link = links.find((l) => linkChannel(l.id) === channel);
  return link ? { kind: 'link', contact: link.contact, day: link.day } : { kind: 'link' };
}
