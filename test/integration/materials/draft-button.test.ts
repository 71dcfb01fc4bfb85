import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMaterialId } from '../../../src/domain/materials/material.js';
import { newMaterial } from '../../../src/domain/materials/transitions.js';
import { msg } from '../../../src/messages/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * 生成初稿 on a 征求意见情况报告 (issue #15): its authors (a member here, not an admin) and the office get the bot's
 * .docx draft in their chat, once per tap; anyone else is refused; other kinds have no draft.
 */
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => TEST_START });
});
afterAll(async () => {
  await bot?.stop();
});

const AUTHOR = 'ou_member_03';
const ADMIN = 'ou_admin_liu';
const ctx = () => bot.service.deps.ctx;
const filesTo = (openId: string) => bot.fake.messagesTo(openId).filter((m) => m.msgType === 'file');

async function material(kind: 'opinionReport' | 'plan') {
  const m = newMaterial({ id: newMaterialId(), kind, title: '征求意见情况报告', authors: [AUTHOR], chain: ['topLeader'], due: '2027-04-20' },
    { by: ADMIN, now: TEST_START });
  await ctx().store.materials.create(m, { at: TEST_START, actor: ADMIN, action: 'material.create', detail: { id: m.id } });
  return m.id;
}

describe('生成初稿', () => {
  it('is on the report\'s card for its author, and sends them the .docx draft once per tap', async () => {
    const id = await material('opinionReport');
    const open = await bot.click(AUTHOR, { a: 'mt.open', id });
    expect(JSON.stringify(open.card.data)).toContain('生成初稿');
    const r = await bot.click(AUTHOR, { a: 'mt.draft', id });
    expect(r.toast).toMatchObject({ type: 'success', content: msg.materials.toast.draftSent.zh });
    await bot.until(() => filesTo(AUTHOR).length === 1, 10_000, 'the draft');
    await bot.idle();
    const key = (filesTo(AUTHOR)[0]!.content as { file_key: string }).file_key;
    expect(bot.fake.state.files.get(key)).toMatchObject({ fileName: '征求意见情况报告（草稿）.docx', fileType: 'doc' });
    expect(filesTo(AUTHOR)).toHaveLength(1);
    // The office too; a member who does not write it is refused, and nothing is sent.
    expect((await bot.click(ADMIN, { a: 'mt.draft', id })).toast.type).toBe('success');
    await bot.until(() => filesTo(ADMIN).length === 1, 10_000, 'the admin\'s draft');
    const uploads = bot.fake.requestsTo('im.file.create').length;
    const other = await bot.click('ou_member_04', { a: 'mt.draft', id });
    expect(other.toast).toMatchObject({ type: 'error', content: msg.errors.noPermission.zh });
    await bot.idle();
    expect(bot.fake.requestsTo('im.file.create')).toHaveLength(uploads);
    expect(filesTo('ou_member_04')).toHaveLength(0);
  });

  it('other kinds have no draft: no button, and a forged tap is answered without a file', async () => {
    const id = await material('plan');
    const open = await bot.click(AUTHOR, { a: 'mt.open', id });
    expect(JSON.stringify(open.card.data)).not.toContain('生成初稿');
    const before = filesTo(AUTHOR).length;
    const r = await bot.click(AUTHOR, { a: 'mt.draft', id });
    expect(r.toast).toMatchObject({ type: 'warning', content: msg.materials.toast.draftOnlyOpinionReport.zh });
    await bot.idle();
    expect(filesTo(AUTHOR)).toHaveLength(before);
  });
});
