import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { VERSION_FORM } from '../../../src/domain/materials/form.js';
import { msg } from '../../../src/messages/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * 获取文件 through signed callbacks on the injected clock (issue #15): whoever may see a material gets a file version's
 * message forwarded to their own chat, once per version and person (a reviewer it reached has it already); a leader
 * who may not see another leader's 对照检查材料 is refused on a forged value; a text version has no such button.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const TOP = 'ou_leader_wang';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const WU = 'ou_super_wu';
const clock = instantOf('2027-06-01', '10:00', SH);
let bot: TestBot;
afterAll(() => bot?.stop());

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const botMessages = (openId: string) => bot.fake.messagesTo(bot.fake.state.p2pChatId(openId)).filter((m) => !m.senderOpenId);
const forwardsTo = (openId: string) => botMessages(openId).filter((m) => m.forwardedFrom !== undefined);
const M = msg.materials;

let zhao = '';
let sun = '';
let messageId = '';

describe('获取文件 on a material card', () => {
  it('a 对照检查材料 sent as a file reaches the top leader, who has it already', async () => {
    bot = await startTestBot({ now: () => clock });
    expect((await bot.click(ADMIN, { a: 'mt.selfChecks' })).toast.type).toBe('success');
    const all = await ctx().store.materials.list();
    const of = (openId: string) => all.find((m) => m.authors[0] === openId)!.id;
    [zhao, sun] = [of(ZHAO), of(SUN)];
    expect((await bot.click(ZHAO, { a: 'mt.file', id: zhao })).toast.type).toBe('info');
    const sent = await bot.sendFile(ZHAO, { name: '对照检查材料（赵）.docx', bytes: Buffer.alloc(2048, 1) });
    expect(sent.status).toBe(200);
    messageId = sent.messageId;
    await bot.until(() => forwardsTo(TOP).length === 1, 10_000, 'the file forwarded to the top leader');
    await bot.idle();
    const again = await bot.click(TOP, { a: 'mt.getFile', id: zhao, n: 1 });
    expect(again.toast).toMatchObject({ type: 'info', content: M.toast.fileSentAlready('对照检查材料（赵）.docx', 1).zh });
    await bot.idle();
    expect(forwardsTo(TOP)).toHaveLength(1);
  });

  it('a supervisor sees 获取文件 on the card and gets the file once; a second tap sends nothing', async () => {
    const open = await bot.click(WU, { a: 'mt.open', id: zhao });
    expect(str(open.card)).toContain(str({ v: 1, a: 'mt.getFile', id: zhao, n: 1 }).slice(1, -1));
    expect(str(open.card)).toContain(M.buttons.getFile.zh);
    const first = await bot.click(WU, { a: 'mt.getFile', id: zhao, n: 1 });
    expect(first.toast).toMatchObject({ type: 'success', content: M.toast.fileSent('对照检查材料（赵）.docx', 1).zh });
    const second = await bot.click(WU, { a: 'mt.getFile', id: zhao, n: 1 });
    expect(second.toast).toMatchObject({ type: 'info', content: M.toast.fileSentAlready('对照检查材料（赵）.docx', 1).zh });
    await bot.until(() => forwardsTo(WU).length === 1, 10_000, 'the file forwarded to the supervisor');
    await bot.idle();
    expect(forwardsTo(WU)).toHaveLength(1);
    expect(forwardsTo(WU)[0]).toMatchObject({ forwardedFrom: messageId, msgType: 'file' });
    const third = await bot.click(WU, { a: 'mt.getFile', id: zhao, n: 1 });
    expect(third.toast?.type).toBe('info');
    await bot.idle();
    expect(forwardsTo(WU)).toHaveLength(1);
    const missing = await bot.click(WU, { a: 'mt.getFile', id: zhao, n: 2 });
    expect(missing.toast).toMatchObject({ type: 'warning', content: M.toast.noSuchVersion(2).zh });
  });

  it('a leader who may not see another leader\'s 对照检查材料 is refused on a forged value, and gets nothing', async () => {
    const forged = await bot.click(SUN, { a: 'mt.getFile', id: zhao, n: 1 });
    expect(forged.toast).toMatchObject({ type: 'error', content: msg.errors.noPermission.zh });
    await bot.idle();
    expect(forwardsTo(SUN)).toHaveLength(0);
    expect(await ctx().store.materials.fileSent(zhao, 1, SUN)).toBe(false);
  });

  it('a text version has no 获取文件 button, and a forged tap forwards nothing', async () => {
    const r = await bot.click(SUN, { a: 'mt.version', id: sun, n: 1 }, { [VERSION_FORM.text]: '孙的对照检查材料正文' });
    expect(r.toast?.type).toBe('success');
    expect(str(r.card)).not.toContain('mt.getFile');
    await bot.idle();
    const open = await bot.click(WU, { a: 'mt.open', id: sun });
    expect(str(open.card)).not.toContain('mt.getFile');
    const forged = await bot.click(WU, { a: 'mt.getFile', id: sun, n: 1 });
    expect(forged.toast).toMatchObject({ type: 'warning', content: M.toast.notAFile(1).zh });
    await bot.idle();
    expect(forwardsTo(WU)).toHaveLength(1);
  });
});
