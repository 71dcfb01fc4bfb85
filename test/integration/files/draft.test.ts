import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftNotAllowed, sendOpinionReportDraft } from '../../../handlers/files/draft.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/** The 征求意见情况报告 from the bot's own .docx draft: built, uploaded, sent as a file message once per request. */
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const ADMIN = 'ou_admin_liu';
const filesTo = (openId: string) => bot.fake.messagesTo(openId).filter((m) => m.msgType === 'file');

describe('sendOpinionReportDraft', () => {
  it('uploads the .docx draft and sends it to an admin as a file message, once per request', async () => {
    const sent = await sendOpinionReportDraft(bot.service.deps.ctx, ADMIN, 'evt-draft-1');
    expect(sent.fileName).toBe('征求意见情况报告（草稿）.docx');
    const file = bot.fake.state.files.get(sent.fileKey);
    expect(file).toMatchObject({ fileName: sent.fileName, fileType: 'doc' });
    expect(file!.data.subarray(0, 2).toString()).toBe('PK');
    await bot.until(() => filesTo(ADMIN).length === 1, 10_000, 'the draft file message');
    expect(filesTo(ADMIN)[0].content).toEqual({ file_key: sent.fileKey });

    // The same request again (a re-run): a second upload perhaps, never a second message.
    await sendOpinionReportDraft(bot.service.deps.ctx, ADMIN, 'evt-draft-1');
    await bot.idle();
    expect(filesTo(ADMIN)).toHaveLength(1);
    const audit = await bot.service.deps.ctx.store.audit.recent(10);
    expect(audit.filter((e) => e.action === 'opinion.draft' && e.actor === ADMIN).length).toBeGreaterThanOrEqual(1);
  });

  it('a supervisor gets it too; a member is refused and nothing is uploaded or sent', async () => {
    const s = await sendOpinionReportDraft(bot.service.deps.ctx, 'ou_super_zheng', 'evt-draft-2');
    await bot.until(() => filesTo('ou_super_zheng').length === 1, 10_000, 'the supervisor\'s draft');
    expect(filesTo('ou_super_zheng')[0].content).toEqual({ file_key: s.fileKey });
    const uploads = bot.fake.requestsTo('im.file.create').length;
    await expect(sendOpinionReportDraft(bot.service.deps.ctx, 'ou_member_01', 'evt-draft-3')).rejects.toBeInstanceOf(DraftNotAllowed);
    await bot.idle();
    expect(bot.fake.requestsTo('im.file.create')).toHaveLength(uploads);
    expect(filesTo('ou_member_01')).toHaveLength(0);
  });
});
