import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerItemSchema, newItemId, type LedgerItem } from '../../../src/domain/ledger/item.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { lookbackPageKey } from '../../../handlers/ledger/outbox-keys.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * A ledger card the service patches (a leader's 回头看 card, when the office records a check for them) survives its
 * message: recalled in Lark (the patch answers 230011), it is sent afresh to the leader showing the check, once.
 */

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

const ADMIN = 'ou_admin_liu';
const SUN = 'ou_leader_sun';
const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const cardsTo = (openId: string, needle: string) => bot.fake.messagesTo(openId).filter((m) => str(m.content).includes(needle));

/** A signed-off item, stored as the ledger would have left it. */
async function closedItem(problem: string, leader: string): Promise<LedgerItem> {
  const now = ctx().now();
  const base = newItem({
    problem, source: { kind: 'self' }, wind: 'formalism', goal: '目标', measures: '措施', owner: 'ou_member_01', leader, coOwners: [],
    deadline: '2027-06-30', milestones: [], commitment: '公开承诺', linkedRounds: [],
  }, newItemId(), { by: ADMIN, now });
  const item = ledgerItemSchema.parse({ ...base, status: 'closed', summary: '已完成', review: '同意销号',
    history: [...base.history, { at: now, by: leader, what: 'close', from: 'review', to: 'closed' }] });
  return ctx().store.ledger.create(item, { at: now, actor: ADMIN, action: 'ledger.create', detail: {} });
}

describe('a 回头看 card recalled in Lark', () => {
  it('is sent afresh to the leader, showing the check the office recorded, and its record names the new message', async () => {
    const item = await closedItem('下基层少', SUN);
    expect((await bot.click(ADMIN, { a: 'lb.start' })).toast.type).toBe('success');
    const lbId = (await ctx().store.lookbacks.latestId())!;
    const key = lookbackPageKey(lbId, SUN, 0);
    await bot.until(async () => cardsTo(SUN, lbId).length === 1 && (await ctx().outbox.messageId(key)) !== undefined, 10_000, 'the card');
    const first = cardsTo(SUN, lbId)[0].messageId;
    expect(await ctx().outbox.messageId(key)).toBe(first);
    bot.fake.state.recallMessage(first);

    expect((await bot.click(ADMIN, { a: 'lb.holds', lb: lbId, id: item.id })).toast.type).toBe('success');
    await bot.until(async () => (await ctx().outbox.messageId(key)) !== first, 10_000, 'the card sent afresh');
    await bot.idle();
    // The recalled card is out of the chat; what the leader has now is the fresh one, showing the check.
    const now = cardsTo(SUN, '已确认整改到位');
    expect(now).toHaveLength(1);
    expect(now[0].patches).toHaveLength(0);
    expect(await ctx().outbox.messageId(key)).toBe(now[0].messageId);
    expect(bot.fake.requestsTo('im.message.patch').filter((r) => r.status !== 200).map((r) => r.code)).toEqual([230011]);
  });
});
