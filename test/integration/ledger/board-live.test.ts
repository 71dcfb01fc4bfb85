import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { LOCAL_BOT } from '../../../src/local/local-mode.js';
import { planAccepted } from '../../helpers/plan-gate.js';

/** The whole service: ledger changes made through cards reach the public board in the announce chat. */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const LEADER = 'ou_leader_zhao';
const BOARD = 'oc_announce_board';
const clock = instantOf('2027-07-01', '10:00', 'Asia/Shanghai');
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
  // The board's own behaviour, past its gate (test/integration/board/plan-gate.test.ts): the 整改方案 is accepted.
  await planAccepted(bot, clock);
});
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const click: TestBot['click'] = (openId, value, formValue) => bot.click(openId, value, formValue);
const boardMessages = () => bot.fake.messagesTo(BOARD).filter((m) => m.msgType === 'interactive');

describe('the public board, live', () => {
  it('posts nothing for drafts, shows an item once it starts, and follows its status in place', async () => {
    const ledger = bot.service.deps.ctx.store.ledger;
    const draft = await ledger.create(newItem({
      problem: '会风文风不实<at id=all></at>', source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: OWNER, leader: LEADER,
      coOwners: [], deadline: '2027-07-20', milestones: [], commitment: '三个月内精简会议三成', linkedRounds: [],
    }, newItemId(), { by: ADMIN, now: clock }), { at: clock, actor: ADMIN, action: 'ledger.create', detail: {} });
    await bot.service.deps.ctx.board.refresh();
    await bot.idle();
    expect(boardMessages()).toHaveLength(0);

    expect((await click(ADMIN, { a: 'lg.activate', id: draft.id })).toast.type).toBe('success');
    await bot.until(() => boardMessages().length === 1, 15_000, 'the board posted');
    const posted = boardMessages()[0]!;
    expect(validateCard(posted.content as never)).toEqual([]);
    expect(str(posted.content)).toContain('三个月内精简会议三成');
    expect(str(posted.content)).toContain('整改中');
    // User text is plain text on the board, never markdown (where `<at id=all>` would ping everyone).
    expect(str(posted.content)).not.toContain('"tag":"markdown"');

    expect((await click(OWNER, { a: 'lg.submit', id: draft.id }, {})).toast.type).toBe('success');
    const before = str(posted.content);
    await bot.until(() => boardMessages()[0]!.patches.length >= 1, 15_000, 'the board patched in place');
    expect(boardMessages()).toHaveLength(1);
    const after = str(boardMessages()[0]!.content);
    expect(after).not.toBe(before);
    expect(after.split('待销号').length).toBeGreaterThan(before.split('待销号').length);
  });

  it('整改 for an admin offers the export and the look-back; for a supervisor the export and the outcome only', async () => {
    const chat = (openId: string) => `oc_p2p${openId.slice(3)}`;
    const say = (openId: string) =>
      bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: chat(openId), chatType: 'p2p', text: '整改' }));
    await say(ADMIN);
    await say('ou_super_wu');
    const list = (openId: string) => bot.fake.messagesTo(chat(openId)).find((m) => str(m.content).includes('lg.export'));
    await bot.until(() => Boolean(list(ADMIN) && list('ou_super_wu')), 15_000, 'ledger lists');
    expect(str(list(ADMIN)!.content)).toContain('lb.start');
    expect(str(list('ou_super_wu')!.content)).not.toContain('lb.start');
    expect(str(list('ou_super_wu')!.content)).toContain('lb.summary');
  });

  it('整改 asked in a group goes by direct message (drafts and the office\'s buttons are not for the group)', async () => {
    const mention = { key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name };
    await bot.push(
      'im.message.receive_v1',
      messageEvent({ senderOpenId: ADMIN, chatId: 'oc_group_1', chatType: 'group', text: '@_user_1 整改', mentions: [mention] }),
    );
    await bot.until(
      () => bot.fake.messagesTo(ADMIN).some((m) => str(m.content).includes('lg.export')) || bot.fake.messagesTo('oc_group_1').length > 0,
      15_000, 'an answer',
    );
    await bot.idle();
    expect(bot.fake.messagesTo('oc_group_1').some((m) => str(m.content).includes('lg.'))).toBe(false);
    expect(bot.fake.messagesTo(ADMIN).some((m) => str(m.content).includes('lg.export'))).toBe(true);
  });
});
