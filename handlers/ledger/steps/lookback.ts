import { byLeader } from '../../../src/domain/ledger/lookback.js';
import { resendAt } from '../../../src/domain/ledger/resend.js';
import { LOOKBACK_PAGE_SIZE, lookbackMovedCard } from '../../../cards/ledger/lookback.js';
import type { HandlerCtx } from '../../context.js';
import { knownPeople } from '../../people.js';
import { calendarOf } from '../common.js';
import { checkCard } from '../lookback.js';
import { lookbackPageKey } from '../outbox-keys.js';

/**
 * Generation `gen` of the check cards, 13 days after the last (Lark stops 2.0 cards after 14): each
 * leader with items still to check gets fresh cards and their previous ones point to them. Runs once
 * per generation (the generation moves in one step); nothing when every item is checked.
 */
export async function resendLookback(lbId: string, gen: number, ctx: HandlerCtx): Promise<string> {
  const lb = await ctx.store.lookbacks.get(lbId);
  if (!lb) return 'gone';
  const outcomes = await ctx.store.lookbacks.outcomes(lb.id);
  const waiting = [...byLeader(lb)].filter(([, ids]) => ids.some((id) => !outcomes.has(id)));
  if (!waiting.length) return 'done';
  if (!(await ctx.store.lookbacks.advanceGen(lb.id, gen))) return 'duplicate';
  const people = await knownPeople(ctx);
  const messages = [];
  const moved = lookbackMovedCard();
  for (const [leader, ids] of waiting) {
    for (let page = 0; page * LOOKBACK_PAGE_SIZE < ids.length; page++) {
      const card = await checkCard(lb, leader, page, outcomes, people, ctx);
      messages.push({ key: lookbackPageKey(lb.id, leader, page, gen), to: { openId: leader }, body: { type: 'card' as const, card } });
      await ctx.outbox.patch(lookbackPageKey(lb.id, leader, page, gen - 1), moved);
    }
  }
  await ctx.outbox.sendMany(messages);
  await ctx.ledgerJobs.lookback(lb.id, gen + 1, resendAt(ctx.now(), calendarOf(ctx)));
  return `re-sent to ${waiting.length}`;
}
