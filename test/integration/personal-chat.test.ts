import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../src/local/lark-push.js';
import { ballotPages } from '../../src/domain/evaluations/ballot.js';
import { dumpPrefix, testRedisUrl } from '../helpers/redis.js';
import { startTestBot, type TestBot, campaignFile, exampleCampaign } from '../helpers/bot.js';
import { TEST_START } from '../helpers/clock.js';

// #13 finding 8: a personal card (opinion form, receipt, ballot) answers only in the clicker's own p2p chat with the bot.

const voters = Array.from({ length: 6 }, (_, i) => `ou_pc_voter_${i + 1}`);
const example = exampleCampaign();
const campaign = {
  ...example,
  members: { users: [...example.members.users, ...voters.map((openId, i) => ({ openId, name: `投票人${i + 1}` }))], chats: [] },
  raterGroups: [{ key: 'cadres', name: '机关干部', weight: 1, members: { users: voters.map((openId) => ({ openId })), chats: [] } }],
};
const campaignPath = campaignFile(campaign);

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ campaignPath }); });
afterAll(async () => { await bot?.stop(); });

const ADMIN = 'ou_admin_liu';
const GROUP = 'oc_group_1';
const str = (x: unknown) => JSON.stringify(x);
const own = (openId: string) => bot.fake.state.p2pChatId(openId);
const lookups = () => bot.fake.requestsTo('im.chat.get').length;
const opinions = () => bot.service.deps.ctx.store.opinions;
const stored = async () => (await opinions().counts()).total ?? 0;
const rounds = () => bot.service.deps.ctx.store.evaluations;
const form = (text: string) => ({ category: 'style', target: 'office', source: 'cadres', text, anonymous: 'anonymous' });
const tomorrow = () => new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';

/** Everything in Redis under the bot's prefix (BullMQ's job data included) and every log line, as one string. */
async function everything(): Promise<string> {
  const dump = await dumpPrefix(testRedisUrl(), bot.prefix);
  return [...dump].map(([k, v]) => `${k} ${v}`).join('\n') + '\n' + bot.logs.join('\n');
}

/** The notice and the fresh card the refused click sent to `openId` by direct message. */
async function refusalDms(openId: string) {
  await bot.idle();
  const dms = bot.fake.messagesTo(openId);
  return { notice: dms.find((m) => str(m.content).includes('个人卡片')), cards: dms.filter((m) => m.msgType === 'interactive') };
}

async function openRound(title: string): Promise<string> {
  const newForm = await bot.click(ADMIN, { a: 'ev.new' });
  const subjects = [...str(newForm.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]);
  const created = await bot.click(ADMIN, { a: 'ev.create' }, {
    ev_title: title, ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: tomorrow(), ev_k: '5', ev_subj: [...new Set(subjects)],
  });
  expect(created.toast.type, str(created)).toBe('success');
  const id = (await rounds().list()).find((r) => r.title === title)!.id;
  expect((await bot.click(ADMIN, { a: 'ev.open', round: id })).toast.type).toBe('success');
  await bot.idle();
  return id;
}

/** The last page of a ballot, every cell graded the first grade: a click that would cast the vote. */
async function lastPage(roundId: string) {
  const round = (await rounds().getMeta(roundId))!;
  const pages = ballotPages(round);
  const page = pages[pages.length - 1];
  const prior = '0'.repeat(pages.slice(0, -1).reduce((n, p) => n + p.cells.length, 0));
  const fv = Object.fromEntries(page.cells.map((c) => [`c${c.index}`, round.scale[0].key]));
  return { value: { a: 'ev.vote', round: roundId, page: page.index, prior }, fv };
}

describe('personal cards answer only in the clicker\'s own chat with the bot', () => {
  it('an opinion form submitted from a group: a warning toast and a fresh empty form by direct message; nothing stored', async () => {
    const text = '这是从群里提交的一条意见，内容不应被保存';
    const r = await bot.click('ou_member_01', { a: 'op.submit' }, form(text), { chatId: GROUP });
    expect(r.toast.type).toBe('warning');
    expect(r.toast.content).toContain('单聊');
    expect(r.card).toBeUndefined();
    const { notice, cards } = await refusalDms('ou_member_01');
    expect(notice, 'the notice by direct message').toBeDefined();
    expect(cards.some((m) => str(m.content).includes('op.submit'))).toBe(true);
    expect((await stored())).toBe(0);
    // The refused text reached no job, record or log.
    expect(await everything()).not.toContain(text);
  });

  it('the same form from the writer\'s own p2p chat is taken', async () => {
    const r = await bot.click('ou_member_01', { a: 'op.submit' }, form('请精简会议，提高效率。'));
    expect(r.toast.type, str(r)).toBe('success');
    expect((await stored())).toBe(1);
  });

  it('再提一条 on a receipt clicked in a group is refused too; in the own chat it gives a fresh form', async () => {
    const away = await bot.click('ou_member_02', { a: 'op.new' }, undefined, { chatId: GROUP });
    expect(away.toast.type).toBe('warning');
    expect(away.card).toBeUndefined();
    const home = await bot.click('ou_member_02', { a: 'op.new' });
    expect(str(home.card.data)).toContain('op.submit');
  });

  it('a ballot opened or cast from a group changes nothing; the voter gets their rounds by direct message', async () => {
    const id = await openRound('个人卡片测评');
    const voter = voters[0];
    const { electorate } = await rounds().turnout(id);
    const opened = await bot.click(voter, { a: 'ev.ballot', round: id }, undefined, { chatId: GROUP });
    expect(opened.toast.type).toBe('warning');
    expect(opened.card).toBeUndefined();
    const { value, fv } = await lastPage(id);
    const cast = await bot.click(voter, value, fv, { chatId: GROUP });
    expect(cast.toast.type).toBe('warning');
    expect(cast.card).toBeUndefined();
    expect(await rounds().turnout(id)).toEqual({ voted: 0, electorate });
    const { notice, cards } = await refusalDms(voter);
    expect(notice).toBeDefined();
    expect(cards.some((m) => str(m.content).includes('ev.ballot'))).toBe(true);
    // From the voter's own chat, the same clicks work.
    expect(str((await bot.click(voter, { a: 'ev.ballot', round: id })).card.data)).toContain('ev.step');
    expect((await bot.click(voter, value, fv)).toast.type).toBe('success');
    expect(await rounds().turnout(id)).toEqual({ voted: 1, electorate });
  });

  it('the chat a ballot was sent to is known: clicks there ask Lark nothing', async () => {
    const id = (await rounds().list()).find((r) => r.title === '个人卡片测评')!.id;
    const before = lookups();
    const { value, fv } = await lastPage(id);
    expect((await bot.click(voters[1], value, fv)).toast.type).toBe('success');
    expect(lookups()).toBe(before);
  });

  it('a known p2p chat settles it: a click from another p2p chat is refused without asking Lark', async () => {
    const hello = messageEvent({ senderOpenId: 'ou_member_03', chatId: own('ou_member_03'), chatType: 'p2p', text: '帮助' });
    await bot.push('im.message.receive_v1', hello);
    await bot.idle();
    const before = lookups();
    const r = await bot.click('ou_member_03', { a: 'op.new' }, undefined, { chatId: own('ou_member_04') });
    expect(r.toast.type).toBe('warning');
    expect(lookups()).toBe(before);
  });

  it('a p2p chat not known yet is asked of Lark once; an outage refuses with "try again" and changes nothing', async () => {
    // Someone the bot never wrote to nor heard from in p2p.
    const who = 'ou_pc_newcomer';
    bot.fake.fail('im.chat.get', { status: 500, times: 1 });
    const down = await bot.click(who, { a: 'op.submit' }, form('查询失败时不应保存的意见'));
    expect(down.toast.type).toBe('warning');
    expect(down.toast.content).toContain('稍后再试');
    expect((await stored())).toBe(1);
    const before = lookups();
    expect((await bot.click(who, { a: 'op.submit' }, form('第二次提交应被接受。'))).toast.type).toBe('success');
    expect(lookups()).toBe(before + 1);
    expect((await bot.click(who, { a: 'op.new' })).card).toBeDefined();
    expect(lookups()).toBe(before + 1);
    expect((await stored())).toBe(2);
  });

  it('Redis keeps neither the open_id nor the p2p chat id of those whose chats it knows', async () => {
    const haystack = await everything();
    for (const who of ['ou_member_01', 'ou_member_02', 'ou_pc_newcomer', ...voters]) {
      expect(haystack).not.toContain(own(who));
    }
  });
});
