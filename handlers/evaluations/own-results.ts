import { combineChannels } from '../../src/domain/evaluations/channels.js';
import { leaderSubjectKey, type RoundMeta } from '../../src/domain/evaluations/round.js';
import { msg } from '../../src/messages/index.js';
import { ownResultsCard } from '../../cards/evaluations/own-results.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { hasRole } from '../access.js';
import type { CardHandler } from '../types.js';

/**
 * 我的测评结果 (DESIGN §2.10): each leader sees the cells about them, and nobody else's. The button names the
 * round only; the subject is always the caller's own subject key, worked out here on the server, so no value
 * can ask for another leader's rows. The figures are computeResults' own (over the round's channels), with the
 * round's k and its complementary suppression, exactly as the admins' results card shows them.
 */

/** The closed rounds (not outreach visits) in which `openId` is one of the subjects, newest first. */
export async function ownResultRounds(openId: string, ctx: HandlerCtx): Promise<RoundMeta[]> {
  const subject = leaderSubjectKey(openId);
  return (await ctx.store.evaluations.list())
    .filter((r) => r.status === 'closed' && r.kind !== 'outreach' && r.subjects.some((s) => s.key === subject));
}

export const onOwnResults: CardHandler<'ev.mine'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'leader'))) return toast('error', msg.errors.noPermissionFor);
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!round || round.status !== 'closed') return toast('warning', msg.evaluation.own.notClosed);
  const subject = leaderSubjectKey(event.operatorOpenId);
  if (round.kind === 'outreach' || !round.subjects.some((s) => s.key === subject)) return toast('warning', msg.evaluation.own.notSubject);
  // Every channel of the round (members, outreach links, paper tallies), pooled as the admins' results card pools them.
  const results = combineChannels(round, await ctx.store.evaluations.channels.tallies(round.id)).results;
  return withCard({}, ownResultsCard(round, results, subject));
};
