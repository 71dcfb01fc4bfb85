import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { MEETING_FORM, OVERRIDE_FORM, RECORD_FORM } from '../../../src/domain/meetings/form.js';
import { DONE_FORM, NOTE_FORM } from '../../../src/domain/talks/form.js';
import { pairKey } from '../../../src/domain/talks/talk.js';
import { LOCAL_BOT } from '../../../src/local/local-mode.js';
import { messageEvent } from '../../../src/local/lark-push.js';
import { sendWeeklyDigest } from '../../../handlers/campaign/steps/digest.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * 谈心谈话与生活会 on 进度 and in the weekly digest (issue 16), the talks and the meeting made through signed callbacks on
 * the injected clock: counts for everyone (a group and a member: no name); the office's view names the overdue talks; a
 * leader sees their own talks; the digest names the overdue talks and the unconfirmed record. No private note anywhere.
 */

const SH = 'Asia/Shanghai';
const [ADMIN, TOP, ZHAO, SUN, MEMBER] = ['ou_admin_liu', 'ou_leader_wang', 'ou_leader_zhao', 'ou_leader_sun', 'ou_member_03'];
const NOTE = '私密笔记 NOTE-PROGRESS-77';
let clock = instantOf('2027-05-03', '10:00', SH);
let bot: TestBot;
afterAll(() => bot?.stop());

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const talkOf = async (a: string, b: string) => (await ctx().store.talks.list()).find((t) => pairKey(t.a, t.b) === pairKey(a, b))!;
async function ok(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await bot.click(openId, value, form);
  expect(['success', undefined], str(r)).toContain(r.toast?.type);
  await bot.idle();
  return r;
}
const progressTo = (chatId: string) => bot.fake.messagesTo(chatId).filter((m) => str(m.content).includes('活动进度'));
async function ask(openId: string, where: 'p2p' | 'group' = 'p2p') {
  const chatId = where === 'p2p' ? `oc_p2p_${openId}` : 'oc_group_1';
  const before = progressTo(chatId).length;
  const mentions = where === 'group' ? [{ key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name }] : undefined;
  await bot.push('im.message.receive_v1', messageEvent({
    senderOpenId: openId, chatId, chatType: where, text: where === 'group' ? '@_user_1 进度' : '进度', mentions,
  }));
  await bot.until(() => progressTo(chatId).length > before, 10_000, `the 进度 card for ${openId}`);
  const card = progressTo(chatId).at(-1)!.content;
  expect(validateCard(card)).toEqual([]);
  return str(card);
}

describe('进度 and the digest with talks and a meeting', () => {
  it('counts for everyone, the overdue talks named for the office, a leader’s own talks for them, no note', async () => {
    bot = await startTestBot({ now: () => clock });
    await ok(ADMIN, { a: 'tk.plan' });
    await ok(ADMIN, { a: 'tk.save' });
    const planned = (await ctx().store.talks.list()).length;
    const held = await talkOf(TOP, ZHAO);
    await ok(ZHAO, { a: 'tk.done', id: held.id }, { [DONE_FORM.day]: '2027-05-03 +0800', [DONE_FORM.place]: '主席办公室' });
    await ok(ZHAO, { a: 'tk.noteSave', id: held.id }, { [NOTE_FORM.text]: NOTE });
    await ok(ADMIN, { a: 'mg.create' }, {
      [MEETING_FORM.type]: 'organizational', [MEETING_FORM.title]: '班子组织生活会', [MEETING_FORM.day]: '2027-05-20 +0800',
      [MEETING_FORM.time]: '14:30', [MEETING_FORM.place]: '三楼会议室', [MEETING_FORM.attendees]: [TOP, ZHAO, SUN],
    });
    const id = (await ctx().store.meetings.list())[0]!.id;
    clock = instantOf('2027-05-20', '14:10', SH);
    await ok(TOP, { a: 'mg.override', id }, { [OVERRIDE_FORM.reason]: '会期已定' });
    for (const u of [ZHAO, SUN]) {
      await ok(ADMIN, { a: 'mg.recordSave', id, u }, { [RECORD_FORM.self]: '学习不够系统', [RECORD_FORM.measures]: '' });
    }
    await ok(ZHAO, { a: 'mg.confirm', id, u: ZHAO });
    clock = instantOf('2027-05-20', '17:00', SH);
    await ok(ADMIN, { a: 'mg.end', id });
    // The due days are past: the talks still planned are overdue.
    clock = instantOf('2027-07-05', '10:00', SH);
    const overdue = (await ctx().store.talks.list()).filter((t) => t.state === 'planned' && t.due < '2027-07-05').length;
    expect(overdue).toBeGreaterThan(0);
    const counts = [`谈心谈话：已谈 1 次，共安排 ${planned} 次，其中逾期 ${overdue} 次。`, '生活会：已召开 1 次，共安排 1 次。',
      '会议记录：本人已确认 1 份，共 2 份。'];

    for (const card of [await ask(MEMBER), await ask(ADMIN, 'group')]) {
      for (const s of counts) expect(card).toContain(s);
      expect(card).not.toMatch(/副主席|王主席|逾期未谈|NOTE-/);
    }
    const office = await ask(ADMIN);
    for (const s of counts) expect(office).toContain(s);
    expect(office).toContain('逾期未谈的谈心谈话');
    expect(office).toContain('【逾期】孙副主席与');
    expect(office).not.toContain('NOTE-');
    const zhao = await ask(ZHAO);
    expect(zhao).toContain('您的谈心谈话');
    expect(zhao).toContain('与王主席：已谈');
    expect(zhao).toContain('【逾期】与孙副主席：待谈');
    expect(zhao).not.toContain('NOTE-');

    clock = instantOf('2027-07-05', '08:30', SH); // a Monday
    expect(await sendWeeklyDigest(ctx())).toMatch(/^sent to/);
    await bot.idle();
    const digest = bot.fake.messagesTo(TOP).map((m) => str(m.content)).find((c) => c.includes('每周活动情况'))!;
    expect(digest).toContain('逾期未谈的谈心谈话');
    expect(digest).toContain('班子组织生活会：孙副主席（待本人确认）');
    expect(digest).not.toContain('班子组织生活会：赵副主席');
    expect(digest).not.toContain('NOTE-');
  });
});
