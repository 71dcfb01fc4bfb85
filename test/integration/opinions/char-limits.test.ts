import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

// Outside the BMP: two UTF-16 units each, one character to the person who typed them.
const EXT_B = '𠀀';
const EMOJI = '😀';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const form = (text: string, extra: Record<string, unknown> = {}) =>
  ({ category: 'bureaucratism', target: 'team', source: 'reps', text, anonymous: 'anonymous', ...extra });
const textOf = (content: unknown) => (content as { text: string }).text;

describe('opinion limits count characters as people do (code points)', () => {
  it('an opinion of exactly 1,000 characters outside the BMP is taken; 1,001 is refused and stores nothing', async () => {
    expect((await click('ou_member_01', { v: 1, a: 'op.submit' }, form(EXT_B.repeat(1000)))).json.toast.type).toBe('success');
    const before = await bot.service.deps.ctx.store.opinions.counts();
    const over = await click('ou_member_01', { v: 1, a: 'op.submit' }, form(EXT_B.repeat(1001)));
    expect(over.json.toast).toMatchObject({ type: 'error' });
    expect(JSON.stringify(over.json.toast)).toContain('1000');
    expect(await bot.service.deps.ctx.store.opinions.counts()).toEqual(before);
  });

  it('a reply of 1,000 characters is taken, 1,001 is not; the writer\'s notice quotes whole characters', async () => {
    const text = `x${EMOJI.repeat(300)}`;
    expect((await click('ou_member_03', { v: 1, a: 'op.submit' }, form(text, { anonymous: 'named' }))).json.toast.type).toBe('success');
    const { ids } = await bot.service.deps.ctx.store.opinions.openPage(0, 10);
    const named = (await bot.service.deps.ctx.store.opinions.getMany(ids)).find((o) => !o.anonymous)!;
    const reply = (r: string) => click('ou_admin_liu', { v: 1, a: 'tr.do', id: named.id, op: 'reply' }, { reply_text: r });
    expect((await reply(EMOJI.repeat(1001))).json.toast.type).not.toBe('success');
    expect((await bot.service.deps.ctx.store.opinions.get(named.id))!.status).not.toBe('replied');
    expect((await reply(EMOJI.repeat(1000))).json.toast.type).toBe('success');
    await bot.idle();
    const notice = textOf(bot.fake.messagesTo('ou_member_03').at(-1)!.content);
    expect(notice).not.toMatch(LONE_SURROGATE);
    expect(notice).toContain(`「x${EMOJI.repeat(199)}」`);
  });
});
