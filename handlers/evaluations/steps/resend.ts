import { ballotCard, ballotMovedCard } from '../../../cards/evaluations/ballot.js';
import type { HandlerCtx } from '../../context.js';
import { tz } from '../../campaign-time.js';
import { ballotMessageId, voterHmac } from '../ballot.js';
import { ballotKey, chatBallotKey } from '../outbox-keys.js';

/**
 * Before Lark's 14-day card limit: every voter who has not voted gets a fresh ballot, and the old
 * one is patched to point to it. Voters who voted get nothing. Schedules the next generation.
 */
export async function resendBallots(roundId: string, gen: number, ctx: HandlerCtx): Promise<number> {
  const round = await ctx.store.evaluations.get(roundId);
  if (!round || round.status !== 'open' || round.closesAt <= ctx.now()) return 0;
  const hmacs = round.electorate.map((id) => voterHmac(ctx, round.id, id));
  const voted = await ctx.store.evaluations.hasVoted(round.id, hmacs);
  const card = ballotCard(round, 0, '', { timeZone: tz(ctx) });
  // Message keys under their own keyed purpose: they never carry the register's HMAC.
  const todo = round.electorate.map((openId) => ({ openId, id: ballotMessageId(ctx, round.id, openId) })).filter((_, i) => !voted[i]);
  const moved = ballotMovedCard(round);
  const chatId = round.visit?.chatId;
  if (chatId) {
    // A shared card in a chat: one fresh card for everyone, the old one pointed to it.
    if (todo.length) {
      await ctx.outbox.send({ key: chatBallotKey(round.id, gen), to: { chatId }, body: { type: 'card', card } });
      await ctx.outbox.patch(chatBallotKey(round.id, gen - 1), moved);
    }
    await ctx.evaluationJobs.resendBallots(round.id, gen + 1, ctx.now(), round.closesAt);
    return todo.length ? 1 : 0;
  }
  await ctx.outbox.sendMany(todo.map((v) => ({
    key: ballotKey(round.id, v.id, gen), to: { openId: v.openId }, body: { type: 'card' as const, card },
  })));
  for (const v of todo) await ctx.outbox.patch(ballotKey(round.id, v.id, gen - 1), moved);
  await ctx.evaluationJobs.resendBallots(round.id, gen + 1, ctx.now(), round.closesAt);
  return todo.length;
}
