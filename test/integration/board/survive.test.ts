import { afterAll, describe, expect, it } from 'vitest';
import { boardMessageKey } from '../../../handlers/board/outbox-keys.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { restartingBots, startTestBot, type TestBot } from '../../helpers/bot.js';
import { planAccepted } from '../../helpers/plan-gate.js';

/**
 * The public board outlives its message: recalled or deleted in Lark, or lost with the fake Lark of a restarted
 * local mode, the next change posts it afresh (the outbox's re-post of a vanished message) and later changes patch
 * the new message in place.
 */

const ADMIN = 'ou_admin_liu';
const BOARD = 'oc_announce_board';
const clock = instantOf('2027-07-01', '10:00', 'Asia/Shanghai');
const str = (x: unknown) => JSON.stringify(x);
const boardMessages = (bot: TestBot) => bot.fake.messagesTo(BOARD).filter((m) => m.msgType === 'interactive');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
});

/** An item drafted with this commitment and started by the office through a signed card callback. */
async function startItem(bot: TestBot, commitment: string): Promise<void> {
  const ledger = bot.service.deps.ctx.store.ledger;
  const item = await ledger.create(newItem({
    problem: `问题：${commitment}`, source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '',
    owner: 'ou_member_01', leader: 'ou_leader_zhao', coOwners: [], deadline: '2027-07-20', milestones: [],
    commitment, linkedRounds: [],
  }, newItemId(), { by: ADMIN, now: clock }), { at: clock, actor: ADMIN, action: 'ledger.create', detail: {} });
  expect((await bot.click(ADMIN, { a: 'lg.activate', id: item.id })).toast.type).toBe('success');
}

const showing = (bot: TestBot, ...texts: string[]) => () => {
  const ms = boardMessages(bot);
  return ms.length === 1 && texts.every((t) => str(ms[0].content).includes(t));
};

describe('the public board survives its message', () => {
  it('recalled in Lark: the next started item posts the board afresh, its record names the new message, later ones patch it', async () => {
    const bot = await startTestBot({ now: () => clock });
    cleanups.push(() => bot.stop());
    await planAccepted(bot, clock); // the board past its gate: its items are public
    const outbox = bot.service.deps.ctx.outbox;
    await startItem(bot, '精简会议三成');
    // The message reaches Lark before the job records it under its key: wait for both.
    await bot.until(async () => showing(bot, '精简会议三成')() && (await outbox.messageId(boardMessageKey(1, 1))) !== undefined,
      15_000, 'the board posted and recorded');
    const first = boardMessages(bot)[0].messageId;
    expect(await outbox.messageId(boardMessageKey(1, 1))).toBe(first);

    bot.fake.state.recallMessage(first);
    await startItem(bot, '文件压减两成');
    await bot.until(showing(bot, '精简会议三成', '文件压减两成'), 15_000, 'the board posted afresh');
    // The message reaches Lark before the job moves the record to it: let the job finish.
    await bot.idle();
    const fresh = boardMessages(bot)[0];
    expect(fresh.messageId).not.toBe(first);
    expect(await outbox.messageId(boardMessageKey(1, 1))).toBe(fresh.messageId);
    expect(bot.fake.requestsTo('im.message.patch').filter((r) => r.status !== 200).map((r) => r.code)).toEqual([230011]);

    await startItem(bot, '调研下沉一线');
    await bot.until(showing(bot, '精简会议三成', '文件压减两成', '调研下沉一线'), 15_000, 'the new board patched');
    await bot.idle();
    expect(boardMessages(bot).map((m) => m.messageId)).toEqual([fresh.messageId]);
    expect(fresh.patches.length).toBeGreaterThanOrEqual(1);
    expect(bot.fake.requestsTo('im.message.create').filter((r) => str(r.body).includes(BOARD))).toHaveLength(2);
  });

  it('after a restart whose Lark no longer has the message (230001 invalid message_id), the next started item re-posts it', async () => {
    const bots = restartingBots({ now: () => clock });
    cleanups.push(() => bots.stopAll());
    const before = await bots.start();
    await planAccepted(before, clock); // kept in Redis across the restart, like the board's state
    await startItem(before, '精简会议三成');
    await before.until(showing(before, '精简会议三成'), 15_000, 'the board posted');
    await before.idle();
    await before.stop();

    const after = await bots.start();
    expect(boardMessages(after)).toHaveLength(0);
    await startItem(after, '文件压减两成');
    await after.until(showing(after, '精简会议三成', '文件压减两成'), 15_000, 'the board posted afresh');
    await after.idle();
    const refused = after.fake.requestsTo('im.message.patch').filter((r) => r.status === 400);
    expect(refused.map((r) => r.code)).toEqual([230001]);
    const fresh = boardMessages(after)[0].messageId;
    expect(await after.service.deps.ctx.outbox.messageId(boardMessageKey(1, 1))).toBe(fresh);
  });
});
