import { channelVerdicts, type ChannelVerdicts } from '../../src/domain/evaluations/channels.js';
import { belowKHints } from '../../src/domain/evaluations/hints.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { loadRoundResults } from '../../src/reports/evaluation-exports.js';
import { resultsCard } from '../../cards/evaluations/results.js';
import type { Card } from '../../cards/types.js';
import type { HandlerCtx } from '../context.js';

/** The audit entry of an action on a round. */
export const roundAudit = (ctx: HandlerCtx, actor: string, action: string, roundId: string, detail: Record<string, unknown> = {}) =>
  ({ at: ctx.now(), actor, action: `evaluation.${action}`, detail: { round: roundId, ...detail } });

const LINKS_READ = 1000;
type Loaded = Awaited<ReturnType<typeof loadRoundResults>> & { verdicts?: ChannelVerdicts };

/**
 * A round's results over every channel (members in Lark, the outreach links attached to it, paper tallies) and, for a
 * satisfaction round, the verdict from all of them and each channel's own, against the campaign's target.
 */
export async function roundResultsFor(round: RoundMeta, ctx: HandlerCtx): Promise<Loaded> {
  const d = await loadRoundResults(ctx.store.evaluations, round, () => ctx.store.outreachLinks.list(LINKS_READ));
  const verdicts = round.kind === 'satisfaction' && d.combined
    ? channelVerdicts(round, d.combined, ctx.campaign.campaign.satisfactionTarget) : undefined;
  return { ...d, ...(verdicts ? { verdicts } : {}) };
}

/** Results with suppression, the change against the baseline round, the verdict (overall and per channel). */
export async function resultsCardFor(round: RoundMeta, ctx: HandlerCtx, loaded?: Loaded): Promise<Card> {
  const d = loaded ?? await roundResultsFor(round, ctx);
  const channels = (d.channels ?? []).map((c, i) => ({ source: c.source, ballots: c.ballots, verdict: d.verdicts?.channels[i]?.verdict }));
  // Below k: how many more valid ballots would show each hidden part (group ballot counts; sizes from the electorate). Only
  // when the members' ballots are the only ones: with other channels pooled, a group's ballots no longer fill its cells.
  const { ballots } = await ctx.store.evaluations.tallies(round.id);
  const sizes: Record<string, number> = {};
  if (!round.paper) for (const g of Object.values(await ctx.store.evaluations.voters(round.id))) sizes[g] = (sizes[g] ?? 0) + 1;
  const othersVoted = channels.some((c, i) => i > 0 && c.ballots > 0);
  const hints = othersVoted ? [] : belowKHints(d.results, ballots, round.paper ? undefined : sizes);
  return resultsCard(round, d.results, {
    comparison: d.comparison, baselineTitle: d.baseline?.title, verdict: d.verdicts?.overall, bySource: d.bySource, hints, channels,
  });
}
