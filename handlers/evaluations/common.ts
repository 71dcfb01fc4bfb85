import { satisfactionVerdict } from '../../src/domain/evaluations/results.js';
import { belowKHints } from '../../src/domain/evaluations/hints.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { loadRoundResults } from '../../src/reports/evaluation-exports.js';
import { resultsCard } from '../../cards/evaluations/results.js';
import type { Card } from '../../cards/types.js';
import type { HandlerCtx } from '../context.js';

/** The audit entry of an action on a round. */
export const roundAudit = (ctx: HandlerCtx, actor: string, action: string, roundId: string, detail: Record<string, unknown> = {}) =>
  ({ at: ctx.now(), actor, action: `evaluation.${action}`, detail: { round: roundId, ...detail } });

/** Results with suppression, the change against the baseline round, and the satisfaction verdict. */
export async function resultsCardFor(round: RoundMeta, ctx: HandlerCtx): Promise<Card> {
  const d = await loadRoundResults(ctx.store.evaluations, round);
  const verdict = round.kind === 'satisfaction' ? satisfactionVerdict(d.results, ctx.campaign.campaign.satisfactionTarget) : undefined;
  // Below k: how many more valid ballots would show each hidden part (group ballot counts; sizes from the electorate).
  const { ballots } = await ctx.store.evaluations.tallies(round.id);
  const sizes: Record<string, number> = {};
  if (!round.paper) for (const g of Object.values(await ctx.store.evaluations.voters(round.id))) sizes[g] = (sizes[g] ?? 0) + 1;
  const hints = belowKHints(d.results, ballots, round.paper ? undefined : sizes);
  return resultsCard(round, d.results, {
    comparison: d.comparison, baselineTitle: d.baseline?.title, verdict, bySource: d.bySource, hints,
  });
}
