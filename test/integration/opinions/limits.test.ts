import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ env: { OPINIONS_PER_DAY: '2', LOOKUPS_PER_DAY: '3' } }); });
afterAll(async () => { await bot?.stop(); });

const form = { category: 'style', target: 'office', source: 'cadres', text: '请减少不必要的台账和报表。', anonymous: 'anonymous' };
const str = (x: unknown) => JSON.stringify(x);

describe('per-person daily allowances (keyed HMAC counters, apart from the data)', () => {
  it('refuses opinions past OPINIONS_PER_DAY with a toast and stores nothing more', async () => {
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push((await bot.push('card.action.trigger', cardActionEvent({
        operatorOpenId: 'ou_member_04', value: { v: 1, a: 'op.submit' }, formValue: form,
      }))).json.toast.type);
    }
    expect(results).toEqual(['success', 'success', 'warning']);
    expect((await bot.service.deps.ctx.store.opinions.counts()).total).toBe(2);
    // Someone else still may.
    expect((await bot.push('card.action.trigger', cardActionEvent({
      operatorOpenId: 'ou_member_05', value: { v: 1, a: 'op.submit' }, formValue: form,
    }))).json.toast.type).toBe('success');
  });

  it('limits receipt look-ups, so codes cannot be guessed by brute force', async () => {
    const chat = 'oc_limits_p2p_chat';
    for (const code of ['AAAA-AAAA', 'BBBB-BBBB', 'CCCC-CCCC', 'DDDD-DDDD']) {
      await bot.push(
        'im.message.receive_v1', messageEvent({ senderOpenId: 'ou_member_06', chatId: chat, chatType: 'p2p', text: `查询 ${code}` }),
      );
    }
    await bot.until(() => bot.fake.messagesTo(chat).length === 4, 5000, 'four answers');
    const answers = bot.fake.messagesTo(chat).map((m) => str(m.content));
    expect(answers.slice(0, 3).every((a) => a.includes('没有找到'))).toBe(true);
    expect(answers[3]).toContain('查询次数已达上限');
  });
});
