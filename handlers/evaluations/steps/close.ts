import { computeResults, satisfactionVerdict } from '../../../src/domain/evaluations/results.js';
import type { HandlerCtx } from '../../context.js';
import { reopenForRound } from '../../ledger/admin.js';
import { roundAudit as audit, resultsCardFor } from '../common.js';
import { roundResultsKey } from '../outbox-keys.js';

/**
 * Closes a round (early, or by the delayed job at its close time) and sends the results to the
 * admins and supervisors. A satisfaction round's verdict is audited for the dashboard (继续整改).
 */
export async function closeRound(
  roundId: string, actor: string, ctx: HandlerCtx,
): Promise<'ok' | 'not-found' | 'wrong-status' | 'paper' | 'past-close'> {
  const r = await ctx.store.evaluations.close(roundId, ctx.now(), audit(ctx, actor, 'close', roundId));
  if (r !== 'ok') return r;
  const round = (await ctx.store.evaluations.getMeta(roundId))!;
  const card = await resultsCardFor(round, ctx);
  const readers = [...new Set([...(await ctx.roles.admins()), ...ctx.campaign.supervisors])];
  await ctx.outbox.sendMany(readers.map((openId) => ({
    key: roundResultsKey(roundId, openId), to: { openId }, body: { type: 'card' as const, card },
  })));
  if (round.kind === 'satisfaction') {
    const results = computeResults(round, await ctx.store.evaluations.tallies(roundId), { k: round.k });
    const v = satisfactionVerdict(results, ctx.campaign.campaign.satisfactionTarget);
    await ctx.store.evaluations.setVerdict(roundId, v.verdict);
    await ctx.store.audit.add(audit(ctx, actor, 'verdict', roundId, { verdict: v.verdict, overall: v.overall, failing: v.failing.length }));
    // 继续整改: the ledger items linked to this round return to 整改中, waiting for new deadlines.
    if (v.verdict === 'continue') await reopenForRound(roundId, actor, ctx);
  }
  // The admins' live round lists show the round closed (a round closed at its time, or by another admin).
  await ctx.evaluationJobs.refreshLive();
  return 'ok';
}
