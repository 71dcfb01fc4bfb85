import { satisfactionVerdict } from '../../src/domain/evaluations/results.js';
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
  return resultsCard(round, d.results, { comparison: d.comparison, baselineTitle: d.baseline?.title, verdict, bySource: d.bySource });
}
