import type { HandlerCtx } from '../../context.js';
import { reopenForRound } from '../../ledger/admin.js';
import { roundAudit as audit, resultsCardFor, roundResultsFor } from '../common.js';
import { roundResultsKey } from '../outbox-keys.js';

/**
 * Closes a round (early, or by the delayed job at its close time) and sends the results to the
 * admins and supervisors. A satisfaction round's verdict comes from every channel (members in Lark, outreach links,
 * paper tallies: common.ts) and is audited with the channels counted, for the dashboard (继续整改).
 */
export async function closeRound(
  roundId: string, actor: string, ctx: HandlerCtx,
): Promise<'ok' | 'not-found' | 'wrong-status' | 'paper' | 'past-close'> {
  const r = await ctx.store.evaluations.close(roundId, ctx.now(), audit(ctx, actor, 'close', roundId));
  if (r !== 'ok') return r;
  const round = (await ctx.store.evaluations.getMeta(roundId))!;
  const loaded = await roundResultsFor(round, ctx);
  const card = await resultsCardFor(round, ctx, loaded);
  const readers = [...new Set([...(await ctx.roles.admins()), ...ctx.campaign.supervisors])];
  await ctx.outbox.sendMany(readers.map((openId) => ({
    key: roundResultsKey(roundId, openId), to: { openId }, body: { type: 'card' as const, card },
  })));
  const v = loaded.verdicts;
  if (v) {
    await ctx.store.evaluations.setVerdict(roundId, v.overall.verdict);
    const channels = v.channels.map((c) => ({ channel: c.channel, ballots: c.ballots, verdict: c.verdict.verdict }));
    await ctx.store.audit.add(audit(ctx, actor, 'verdict', roundId, {
      verdict: v.overall.verdict, overall: v.overall.overall, failing: v.overall.failing.length, channels,
    }));
    // 继续整改: the ledger items linked to this round return to 整改中, waiting for new deadlines.
    if (v.overall.verdict === 'continue') await reopenForRound(roundId, actor, ctx);
  }
  // The admins' live round lists show the round closed (a round closed at its time, or by another admin).
  await ctx.evaluationJobs.refreshLive();
  return 'ok';
}
