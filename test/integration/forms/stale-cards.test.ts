import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * Cards that no longer apply are brought up to date or not sent: a member's study card after 学习 设置 changes
 * the topic is patched; an admin who attends no session is not offered 签到 / 请假 on the 学习 card; an admin
 * with nothing to vote on gets the rounds list for 测评, not a "no round for you" card every time.
 */

const ADMIN = 'ou_admin_liu';
const MEMBER = 'ou_member_01';
const clock = TEST_START; // 2027-03-02 10:00 in Shanghai
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ now: () => clock }); });
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
async function say(openId: string, text: string) {
  const chatId = bot.fake.state.p2pChatId(openId);
  await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId, chatType: 'p2p', text }));
  await bot.idle();
}
/** Messages to a person, by open_id or in their p2p chat with the bot. */
const to = (openId: string) => bot.fake.messages.filter((m) => m.receiveId === openId || m.chatId === bot.fake.state.p2pChatId(openId));
/** Messages to a person since `from` (their index in the person's list). */
const since = (openId: string, from: number) => to(openId).slice(from);
/** A card's text as last shown (the latest patch, or as sent). */
const shown = (m: { content: unknown; patches: { content: unknown }[] }) => str(m.patches.at(-1)?.content ?? m.content);

describe('cards that no longer apply', () => {
  const session = { st_target: 'oneoff', st_day: '2027-03-02 +0800', st_time: '10:30' };

  it('学习 设置 changing the topic patches the study cards and the 学习 record cards members already have', async () => {
    const first = await bot.click(ADMIN, { a: 'st.save' }, { ...session, st_topic: '学习党章' });
    expect(first.toast.type, str(first)).toBe('success');
    const sent = () => to(MEMBER).find((m) => str(m.content).includes('学习党章'));
    await bot.until(async () => sent() !== undefined, 10_000, 'the member\'s study card');
    await bot.idle();
    const id = sent()!.messageId;
    const cardOf = () => to(MEMBER).find((m) => m.messageId === id);
    // The member's 学习 record card shows the next session as well.
    const m0 = to(MEMBER).length;
    await say(MEMBER, '学习');
    const recordId = since(MEMBER, m0).find((m) => str(m.content).includes('我的学习记录'))!.messageId;
    const recordOf = () => to(MEMBER).find((m) => m.messageId === recordId)!;
    expect(shown(recordOf())).toContain('学习党章');

    const again = await bot.click(ADMIN, { a: 'st.save' }, { ...session, st_topic: '学习新修订的工会章程' });
    expect(again.toast.type, str(again)).toBe('success');
    await bot.until(async () => shown(cardOf()!).includes('学习新修订的工会章程'), 10_000, 'the patched study card');
    expect(shown(cardOf()!)).not.toContain('学习党章"');
    await bot.until(async () => shown(recordOf()).includes('学习新修订的工会章程'), 10_000, 'the patched record card');
    expect(shown(recordOf())).not.toContain('学习党章');
  });

  it('an admin who is not an attendee is not offered 签到 / 请假 on the 学习 card; an attendee is', async () => {
    const [a0, m0] = [to(ADMIN).length, to(MEMBER).length];
    await say(ADMIN, '学习');
    await say(MEMBER, '学习');
    const adminCard = since(ADMIN, a0).map((m) => str(m.content)).find((c) => c.includes('我的学习记录'));
    const memberCard = since(MEMBER, m0).map((m) => str(m.content)).find((c) => c.includes('我的学习记录'));
    expect(adminCard).toBeDefined();
    expect(adminCard).not.toContain('"a":"st.card"');
    expect(adminCard).toContain('不在这次学习的参加人员名单中');
    expect(memberCard).toContain('"a":"st.card"');
  });

  it('测评: an admin with nothing to vote on gets the rounds list only; a member still hears there is none', async () => {
    const [a0, m0] = [to(ADMIN).length, to(MEMBER).length];
    await say(ADMIN, '测评');
    await say(MEMBER, '测评');
    const toAdmin = since(ADMIN, a0).map((m) => str(m.content));
    expect(toAdmin.length).toBe(1);
    expect(toAdmin[0]).not.toContain('目前没有需要您参加的测评');
    expect(toAdmin[0]).toContain('ev.new');
    expect(since(MEMBER, m0).map((m) => str(m.content)).join()).toContain('目前没有需要您参加的测评');
  });
});
