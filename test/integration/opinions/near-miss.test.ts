import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { LOCAL_BOT } from '../../../src/local/local-mode.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * Finding 4 of #13: `查询：ABCD-EFGH`, `查询回执码ABCD-EFGH` or a bare pasted code used to fall through to a queued
 * job carrying the text next to the sender. Anything shaped like a receipt code is now answered inline by the
 * webhook — the status, "not found" or how to ask — and no job and no Redis value ever holds the code.
 */
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

const WRITER = 'ou_nearmiss_writer';
// A p2p chat per message: the fake Lark, like Lark, allows 5 messages a second into one chat.
const chatOf = (eventId: string) => `oc_nearmiss_p2p_${eventId}`;
const GROUP = 'oc_nearmiss_group';
const str = (x: unknown) => JSON.stringify(x);
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
let n = 0;

/** Says `text` through the signed webhook; returns the event id (the inbound job's id, were it queued). */
async function say(text: string, where: 'p2p' | 'group' = 'p2p'): Promise<string> {
  const eventId = `evt_nearmiss_${++n}`;
  const event = where === 'p2p'
    ? messageEvent({ senderOpenId: WRITER, chatId: chatOf(eventId), chatType: 'p2p', text })
    : messageEvent({
      senderOpenId: WRITER, chatId: GROUP, chatType: 'group', text: `@_user_1 ${text}`,
      mentions: [{ key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name }],
    });
  const r = await bot.push('im.message.receive_v1', event, { eventId });
  expect(r.status).toBe(200);
  return eventId;
}

describe('near-miss look-ups are answered inline, never queued', () => {
  let code = '';
  const spoken: string[] = [];

  it('a receipt code from a submitted opinion', async () => {
    const r = await bot.push('card.action.trigger', cardActionEvent({
      operatorOpenId: WRITER, value: { v: 1, a: 'op.submit' },
      formValue: { category: 'style', target: 'office', source: 'cadres', text: '希望减少重复填报。', anonymous: 'anonymous' },
    }));
    code = /\*\*([A-Z2-9]{4})-([A-Z2-9]{4})\*\*/.exec(str(r.json.card.data))!.slice(1).join('');
    expect(code).toHaveLength(8);
  });

  it.each([
    (c: string) => `查询：${c.slice(0, 4)}-${c.slice(4)}`,
    (c: string) => `查询回执码${c.slice(0, 4)}-${c.slice(4)}`,
    (c: string) => `查询 ${c.slice(0, 4).toLowerCase()} ${c.slice(4).toLowerCase()}`,
    (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`,
    (c: string) => fullWidth(`${c.slice(0, 4)}-${c.slice(4)}`),
    (c: string) => `我的回执码是${c}，麻烦查一下`,
    (c: string) => `帮助 ${c.slice(0, 4)}-${c.slice(4)}`,
  ])('form %#: the status comes back by the inline answer, and no job is queued', async (shape) => {
    const text = shape(code);
    spoken.push(text);
    const eventId = await say(text);
    // The inline answer is sent before the webhook answers Lark: no waiting on a worker.
    expect(bot.fake.messagesTo(chatOf(eventId))).toHaveLength(1);
    expect(str(bot.fake.messagesTo(chatOf(eventId))[0].content)).toContain('已收到');
    expect(await bot.service.deps.queues.inbound.getJob(eventId)).toBeUndefined();
  });

  it('a code-shaped text that is no code is refused inline with what to do; 查询 alone says how to ask', async () => {
    const wrong = await say('查询：ZZZZ-ZZZ2');
    expect(str(bot.fake.messagesTo(chatOf(wrong)))).toContain('没有找到这个回执码');
    const bare = await say('查询进度');
    expect(str(bot.fake.messagesTo(chatOf(bare)))).toContain('用法：查询 回执码');
    for (const id of [wrong, bare]) expect(await bot.service.deps.queues.inbound.getJob(id)).toBeUndefined();
  });

  it('in a group, a pasted code is answered by direct message; the group note carries no code', async () => {
    const eventId = await say(`${code.slice(0, 4)}-${code.slice(4)}`, 'group');
    expect(await bot.service.deps.queues.inbound.getJob(eventId)).toBeUndefined();
    await bot.idle();
    expect(str(bot.fake.messagesTo(WRITER).at(-1)!.content)).toContain('已收到');
    const notes = str(bot.fake.messagesTo(GROUP).map((m) => m.content));
    expect(notes.toUpperCase().replace(/[^A-Z0-9]/g, '')).not.toContain(code);
  });

  it('other messages still go through the queue as before', async () => {
    const eventId = await say('你好');
    await bot.idle();
    expect(await bot.service.deps.queues.inbound.getJob(eventId)).toBeDefined();
  });

  it('no Redis value and no log line holds the code, in any of the forms used', async () => {
    await bot.idle();
    const dump = [...(await dumpPrefix(testRedisUrl(), bot.prefix))].map(([k, v]) => `${k} ${v}`).join('\n') + bot.logs.join('\n');
    const flat = dump.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
    expect(flat).not.toContain(code);
    for (const text of spoken) expect(dump).not.toContain(text);
  });
});
