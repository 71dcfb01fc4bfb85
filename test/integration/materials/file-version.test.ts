import { afterAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../cards/validate.js';
import { receiveMaterialFile } from '../../../handlers/files/material.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { FILE_MAX_BYTES } from '../../../src/domain/files/files.js';
import { REVIEW_FORM } from '../../../src/domain/materials/form.js';
import { editMaterial } from '../../../src/domain/materials/transitions.js';
import type { FakeMessage } from '../../../src/local/fake-lark-server.js';
import { msg } from '../../../src/messages/index.js';
import type { MessageEvent } from '../../../src/pipeline.js';
import { restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * A material's version sent as a file, through signed callbacks and signed file messages on the injected clock
 * (issue #15): 发送文件 → the author's docx becomes the version through the same path as a link (audit, the reviewer's
 * card, reminders); the reviewer gets the person's file message forwarded, once per version, across a worker restart
 * and a re-run of the file's event; wrong type, too large, expired, and a sender no longer an author change nothing.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const TOP = 'ou_leader_wang';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const [WU, ZHENG] = ['ou_super_wu', 'ou_super_zheng'];
let clock = instantOf('2027-06-01', '10:00', SH);
const series = restartingBots({ now: () => clock, sameLark: true });
let bot: TestBot;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const get = async (id: string) => (await ctx().store.materials.get(id))!;
const snapshot = async () => str(await ctx().store.materials.list());
const botMessages = (openId: string) => bot.fake.messagesTo(bot.fake.state.p2pChatId(openId)).filter((m) => !m.senderOpenId);
const withText = (openId: string, text: string) => botMessages(openId).filter((m) => str(m.content).includes(text));
const forwardsTo = (openId: string) => botMessages(openId).filter((m) => m.forwardedFrom !== undefined);
const textOf = (m: FakeMessage) => (m.msgType === 'text' ? (m.content as { text: string }).text : str(m.content));

/** Sends a file and waits for the bot's one answer to it (a text, or the material's card). */
async function sendAndRead(openId: string, name: string, bytes: Buffer) {
  const before = botMessages(openId).filter((m) => m.msgType !== 'file').length;
  const sent = await bot.sendFile(openId, { name, bytes });
  expect(sent.status).toBe(200);
  await bot.until(() => botMessages(openId).filter((m) => m.msgType !== 'file').length > before, 10_000, `the answer to ${name}`);
  await bot.idle();
  const answers = botMessages(openId).filter((m) => m.msgType !== 'file').slice(before);
  expect(answers).toHaveLength(1);
  return { sent, answer: textOf(answers[0]!), message: answers[0]! };
}

let zhao = '';
let sun = '';
let top = '';

describe('a material version sent as a file', () => {
  it('发送文件: only an author; the bot then waits 30 minutes for version n+1 and says so in the chat', async () => {
    bot = await series.start();
    expect((await bot.click(ADMIN, { a: 'mt.selfChecks' })).toast.type).toBe('success');
    const all = await ctx().store.materials.list();
    const of = (openId: string) => all.find((m) => m.authors[0] === openId)!.id;
    [zhao, sun, top] = [of(ZHAO), of(SUN), of(TOP)];
    const forged = await bot.click(SUN, { a: 'mt.file', id: zhao });
    expect(forged.toast).toMatchObject({ type: 'error', content: msg.errors.noPermission.zh });
    expect(await ctx().store.fileIntents.get(SUN)).toBeUndefined();

    const r = await bot.click(ZHAO, { a: 'mt.file', id: zhao });
    expect(r.toast).toMatchObject({ type: 'info', content: msg.files.sendNow.zh });
    expect((await ctx().store.fileIntents.get(ZHAO))?.intent.purpose).toEqual({ kind: 'material', id: zhao, version: 1 });
    await bot.idle();
    expect(withText(ZHAO, '第 1 稿的文件发到这里')).toHaveLength(1);
  });

  it('a wrong type or a file over 20 MB is refused and changes nothing; the bot keeps waiting', async () => {
    const before = await snapshot();
    expect((await sendAndRead(ZHAO, '检查材料.png', Buffer.from('png'))).answer).toContain('不是可以提交的文件类型');
    expect((await sendAndRead(ZHAO, '检查材料.pdf', Buffer.alloc(FILE_MAX_BYTES + 1))).answer).toContain('超过 20 MB 的上限');
    expect(await snapshot()).toBe(before);
    expect(forwardsTo(TOP)).toHaveLength(0);
  });

  it('the docx becomes version 1: audited, the author gets the card with the receipt, the top leader the card and the file', async () => {
    const { sent, answer, message } = await sendAndRead(ZHAO, '对照检查材料（赵）.docx', Buffer.alloc(300 * 1024, 1));
    expect(answer).toContain('已收到文件「对照检查材料（赵）.docx」（300 KB），作为');
    expect(validateCard(message.content)).toEqual([]);
    const m = await get(zhao);
    expect(m).toMatchObject({ state: 'inReview', at: 0 });
    expect(m.versions).toEqual([{ n: 1, by: ZHAO, at: clock, source: {
      type: 'file', fileKey: sent.fileKey, fileName: '对照检查材料（赵）.docx', messageId: sent.messageId, size: 300 * 1024,
    } }]);
    const audit = await ctx().store.audit.recent(20);
    const entry = audit.find((e) => e.action === 'material.version' && e.actor === ZHAO);
    expect(entry?.detail).toMatchObject({ id: zhao, n: 1, source: 'file' });
    await bot.until(() => forwardsTo(TOP).length === 1, 10_000, 'the file forwarded to the top leader');
    await bot.idle();
    expect(forwardsTo(TOP)[0]).toMatchObject({ forwardedFrom: sent.messageId, msgType: 'file', content: { file_key: sent.fileKey } });
    const ask = withText(TOP, '已转发到本对话');
    expect(ask).toHaveLength(1);
    expect(str(ask[0]!.content)).toContain('对照检查材料（赵）.docx（300 KB）');
    expect(await ctx().store.fileIntents.get(ZHAO)).toMatchObject({ intent: { taken: { eventId: expect.any(String) } } });
    // In review now: 发送文件 waits for nothing.
    const inReview = await bot.click(ZHAO, { a: 'mt.file', id: zhao });
    expect(inReview.toast).toMatchObject({ type: 'warning', content: msg.materials.toast.wrongState.zh });
  });

  it('across a worker restart and a re-run of the file\'s event, each reviewer gets the file once', async () => {
    const first = await get(zhao);
    const source = first.versions[0]!.source as { fileKey: string; fileName: string; messageId: string; size: number };
    await bot.stop();
    bot = await series.start();
    // The inbound job of the file message runs again (its worker died before it was marked done): nothing twice.
    const again: MessageEvent = {
      type: 'message', eventId: 'evt-file-rerun', messageId: source.messageId, chatId: bot.fake.state.p2pChatId(ZHAO), chatType: 'p2p',
      senderOpenId: ZHAO, messageType: 'file', mentions: [], file: { fileKey: source.fileKey, fileName: source.fileName },
    };
    await receiveMaterialFile({ kind: 'material', id: zhao, version: 1 }, { ...source }, ctx(), again);
    await bot.idle();
    expect(forwardsTo(TOP)).toHaveLength(1);
    expect(withText(TOP, '已转发到本对话')).toHaveLength(1);
    expect((await get(zhao)).versions).toHaveLength(1);

    // The top leader passes it on to the 督导组; Lark fails the first forward, the outbox retries it: once each.
    bot.fake.fail('im.message.forward', { status: 503, code: 1503, msg: 'service unavailable' });
    const pass = await bot.click(TOP, { a: 'mt.pass', id: zhao, n: 1, s: 0 }, { [REVIEW_FORM.returnComment]: '' });
    expect(pass.toast?.type).toBe('success');
    await bot.until(() => forwardsTo(WU).length === 1 && forwardsTo(ZHENG).length === 1, 20_000, 'the file forwarded to the 督导组');
    await bot.idle();
    for (const s of [WU, ZHENG]) expect(forwardsTo(s), s).toHaveLength(1);
    expect(bot.fake.requestsTo('im.message.forward').map((r) => r.status)).toContain(503);
    expect(forwardsTo(TOP)).toHaveLength(1);
  });

  it('a file sent by someone no longer an author is not taken, and the material is unchanged', async () => {
    expect((await bot.click(SUN, { a: 'mt.file', id: sun })).toast.type).toBe('info');
    await bot.idle();
    const r = await ctx().store.materials.update(sun, (m) => editMaterial(m, { due: m.due, title: m.title, authors: ['ou_leader_zhou'] },
      { by: ADMIN, now: clock }), { at: clock, actor: ADMIN, action: 'material.edit', detail: { id: sun } });
    expect(r.ok).toBe(true);
    const before = await snapshot();
    const { answer } = await sendAndRead(SUN, '孙的检查材料.docx', Buffer.from('PK docx'));
    expect(answer).toContain('您已不是');
    expect(answer).toContain('文件「孙的检查材料.docx」没有收下');
    expect(await snapshot()).toBe(before);
  });

  it('a file sent more than 30 minutes after 发送文件 is refused as expired, and the material is unchanged', async () => {
    expect((await bot.click(TOP, { a: 'mt.file', id: top })).toast.type).toBe('info');
    await bot.idle();
    clock += 31 * 60_000;
    const before = await snapshot();
    expect((await sendAndRead(TOP, '王的检查材料.pdf', Buffer.from('%PDF'))).answer).toContain('已超过 30 分钟，已失效');
    expect(await snapshot()).toBe(before);
    expect((await get(top)).versions).toHaveLength(0);
  });
});
