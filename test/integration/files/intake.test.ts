import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFile } from '../../../handlers/files/intake.js';
import { FILE_MAX_BYTES } from '../../../src/domain/files/files.js';
import { newMaterialId } from '../../../src/domain/materials/material.js';
import { newMaterial } from '../../../src/domain/materials/transitions.js';
import type { FakeMessage } from '../../../src/local/fake-lark-server.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * Files sent to the bot in the p2p chat (signed, encrypted im.message.receive_v1 file messages, as Lark pushes them):
 * no intent → the hint; wrong type, too large, expired → a refusal; success takes the intent once.
 */
let bot: TestBot;
let now = TEST_START;
const ME = 'ou_member_01';

beforeAll(async () => {
  bot = await startTestBot({ now: () => now });
});
afterAll(async () => {
  await bot?.stop();
});

/** The bot's answers in the person's chat: texts, and cards (a file taken: the material's card with the receipt). */
const texts = (openId: string) => bot.fake.messagesTo(bot.fake.state.p2pChatId(openId))
  .filter((m) => (m.msgType === 'text' || m.msgType === 'interactive') && !m.senderOpenId);
const textOf = (m: FakeMessage) => (m.msgType === 'text' ? (m.content as { text: string }).text : JSON.stringify(m.content));

/** Sends a file and waits for the bot's one answer to it. */
async function sendAndRead(name: string, bytes: Buffer, openId = ME): Promise<string> {
  const before = texts(openId).length;
  const r = await bot.sendFile(openId, { name, bytes });
  expect(r.status).toBe(200);
  await bot.until(() => texts(openId).length > before, 10_000, `the answer to ${name}`);
  await bot.idle();
  const after = texts(openId);
  expect(after).toHaveLength(before + 1);
  return textOf(after[after.length - 1]);
}

const ctx = () => bot.service.deps.ctx;
/** A fresh material ME writes (drafting, reviewed by the top leader): the purpose of its first version's file. */
async function draftMaterial(title: string) {
  const m = newMaterial({ id: newMaterialId(), kind: 'plan', title, authors: [ME], chain: ['topLeader'], due: '2027-04-20' },
    { by: 'ou_admin_liu', now });
  await ctx().store.materials.create(m, { at: now, actor: 'ou_admin_liu', action: 'material.create', detail: { id: m.id } });
  return { kind: 'material' as const, id: m.id, version: 1 };
}
let material = { kind: 'material' as const, id: 'unset', version: 1 };

describe('file intake in the p2p chat', () => {
  it('answers a file nobody waits for with the hint, and takes nothing', async () => {
    const text = await sendAndRead('整改方案.docx', Buffer.from('PK docx'));
    expect(text).toContain('如需提交材料文件，请先在材料卡片上点击「提交新版本」');
    expect(bot.fake.requestsTo('im.messageResource.get')).toHaveLength(0);
  });

  it('refuses a wrong type without asking Lark, and keeps waiting', async () => {
    material = await draftMaterial('实施方案');
    await expectFile(ctx(), ME, material);
    expect(await sendAndRead('照片.png', Buffer.from('png'))).toContain('「照片.png」不是可以提交的文件类型');
    expect(bot.fake.requestsTo('im.messageResource.get')).toHaveLength(0);
    expect((await ctx().store.fileIntents.get(ME))?.intent.taken).toBeUndefined();
  });

  it('refuses a file over 20 MB (size asked of Lark), and keeps waiting', async () => {
    const text = await sendAndRead('对照检查材料.pdf', Buffer.alloc(FILE_MAX_BYTES + 1));
    expect(text).toContain('超过 20 MB 的上限');
    expect(text).toContain('20.0 MB');
    expect(bot.fake.requestsTo('im.messageResource.get').at(-1)).toMatchObject({ status: 200, query: { type: 'file' } });
    expect((await ctx().store.fileIntents.get(ME))?.intent.taken).toBeUndefined();
  });

  it('takes a good file once: the receipt names it, and a second file gets the hint', async () => {
    const receipt = await sendAndRead('对照检查材料（第二稿）.DOCX', Buffer.alloc(300 * 1024, 1));
    expect(receipt).toContain('已收到文件「对照检查材料（第二稿）.DOCX」（300 KB），作为“实施方案”第 1 稿提交。');
    expect((await ctx().store.materials.get(material.id))?.versions[0]?.source).toMatchObject({ type: 'file', size: 300 * 1024 });
    const rec = await ctx().store.fileIntents.get(ME);
    expect(rec?.intent.taken?.file).toMatchObject({ fileName: '对照检查材料（第二稿）.DOCX', size: 300 * 1024 });
    expect(rec?.intent.taken?.file.fileKey).toMatch(/^file_v3_/);
    expect(await sendAndRead('对照检查材料（第三稿）.docx', Buffer.from('PK'))).toContain('请先在材料卡片上点击「提交新版本」');
  });

  it('a re-pushed event (same event_id) is answered once and takes nothing twice', async () => {
    await expectFile(ctx(), ME, await draftMaterial('动员大会方案'));
    const before = texts(ME).length;
    const chatId = bot.fake.state.p2pChatId(ME);
    const m = bot.fake.recordUserFile({ chatId, senderOpenId: ME, fileName: 'v3.pdf', data: Buffer.from('%PDF') });
    const event = {
      sender: { sender_id: { open_id: ME }, sender_type: 'user' },
      message: {
        message_id: m.messageId, chat_id: m.chatId, chat_type: 'p2p', message_type: 'file',
        content: JSON.stringify(m.content),
      },
    };
    await bot.push('im.message.receive_v1', event, { eventId: 'file-repush-1' });
    await bot.push('im.message.receive_v1', event, { eventId: 'file-repush-1' });
    await bot.until(() => texts(ME).length > before);
    await bot.idle();
    const answers = texts(ME).slice(before).map(textOf);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('已收到文件「v3.pdf」（1 KB），作为“动员大会方案”第 1 稿提交。');
  });

  it('tells a file sent after 30 minutes that the intent expired, then gives the hint', async () => {
    await expectFile(ctx(), ME, await draftMaterial('整改方案'));
    now += 31 * 60_000;
    expect(await sendAndRead('迟到.xlsx', Buffer.from('PK xlsx'))).toContain('已超过 30 分钟，已失效');
    expect(await ctx().store.fileIntents.get(ME)).toBeUndefined();
    expect(await sendAndRead('再迟到.xlsx', Buffer.from('PK xlsx'))).toContain('请先在材料卡片上点击「提交新版本」');
  });

  it('refuses a file Lark will not serve (234003) as unreadable, and keeps waiting', async () => {
    await expectFile(ctx(), ME, await draftMaterial('制度建设方案'));
    bot.fake.fail('im.messageResource.get', { status: 400, code: 234003, msg: 'File not in msg.' });
    expect(await sendAndRead('v5.pdf', Buffer.from('%PDF'))).toContain('未能读取「v5.pdf」');
    expect((await ctx().store.fileIntents.get(ME))?.intent.taken).toBeUndefined();
  });

  it('waits out a Lark outage on the size (the inbound job retries) and then takes the file', async () => {
    bot.fake.fail('im.messageResource.get', { status: 503, code: 1503, msg: 'service unavailable' });
    expect(await sendAndRead('v5.xlsx', Buffer.from('PK'))).toContain('作为“制度建设方案”第 1 稿提交');
    expect(bot.fake.requestsTo('im.messageResource.get').slice(-2).map((r) => r.status)).toEqual([503, 200]);
  });
});
