import { afterAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { milestoneId } from '../../../src/domain/campaign/milestone-id.js';
import { NO_OVERRIDES } from '../../../src/domain/campaign/timeline.js';
import { TIMELINE_FORM } from '../../../src/domain/campaign/settings-form.js';
import { validateCard } from '../../../cards/validate.js';
import { announcePhase } from '../../../handlers/campaign/steps/announce.js';
import { runMilestoneStep } from '../../../handlers/campaign/steps/milestone.js';
import { milestoneJobId, phaseJobId } from '../../../jobs/campaign/queue.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * 进度 设置 (issue #12): admins move a phase's dates and add, edit and remove milestones; each edit is stored over
 * the file with its audit entry and every schedule re-plans; bad dates are refused with a toast and store nothing.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const MEMBER = 'ou_member_01';
let clock = instantOf('2027-04-30', '10:00', SH); // the Friday before the second phase (Saturday 1 May)
let bot: TestBot;
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const queue = () => bot.service.deps.queues.campaign;
const click = (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value: { v: 1, ...value }, formValue }));
const phaseForm = (start: string, end: string) =>
  ({ [TIMELINE_FORM.phaseStart(1)]: `${start} +0800`, [TIMELINE_FORM.phaseEnd(1)]: `${end} +0800` });
const moveCriticism = (openId: string, start: string, end: string) =>
  click(openId, { a: 'tl.phase', i: 1, key: 'criticism' }, phaseForm(start, end));
const p2p = (openId: string) => `oc_p2p_${openId}`;
const cardsIn = (chatId: string, text: string) => bot.fake.messagesTo(chatId).filter((m) => str(m.content).includes(text));
async function type(openId: string, text: string, wait: string) {
  const before = cardsIn(p2p(openId), wait).length;
  await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text }));
  await bot.until(() => cardsIn(p2p(openId), wait).length > before, 10_000, `${wait} for ${openId}`);
  return cardsIn(p2p(openId), wait).at(-1)!.content;
}

describe('进度 设置', () => {
  it('an admin gets the settings card: each phase with its dates and a form, its milestones, the add button', async () => {
    bot = await startTestBot({ now: () => clock });
    const card = await type(ADMIN, '进度 设置', '活动安排设置');
    expect(validateCard(card)).toEqual([]);
    expect(str(card)).toContain('第二阶段 查摆问题、开展批评：2027年5月1日（周六）至2027年6月30日（周三）');
    expect(str(card)).toContain('提交征求意见情况报告');
    expect(str(card)).toContain('tl.new');
  });

  it('a member can neither open nor save', async () => {
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: MEMBER, chatId: p2p(MEMBER), chatType: 'p2p', text: '进度 设置' }));
    await bot.until(() => bot.fake.messagesTo(p2p(MEMBER)).length > 0, 10_000, 'the refusal');
    expect(cardsIn(p2p(MEMBER), '活动安排设置')).toHaveLength(0);
    const r = await moveCriticism(MEMBER, '2027-05-06', '2027-06-30');
    expect(r.json.toast?.type).toBe('error');
    expect(await ctx().store.timeline.get()).toEqual(NO_OVERRIDES);
  });

  it('an inverted or overlapping phase is refused with a toast that says what to fix, and nothing is stored', async () => {
    const inverted = await moveCriticism(ADMIN, '2027-06-01', '2027-05-30');
    expect(inverted.json.toast?.type).toBe('warning');
    expect(inverted.json.toast?.content).toContain('开始日期晚于结束日期');
    const overlap = await moveCriticism(ADMIN, '2027-04-28', '2027-06-30');
    expect(overlap.json.toast?.type).toBe('warning');
    expect(overlap.json.toast?.content).toContain('日期重叠');
    const orphan = await moveCriticism(ADMIN, '2027-05-21', '2027-06-30');
    expect(orphan.json.toast?.content).toContain('提交征求意见情况报告');
    expect(await ctx().store.timeline.get()).toEqual(NO_OVERRIDES);
    expect((await ctx().store.audit.recent()).filter((e) => e.action.startsWith('campaign.timeline'))).toEqual([]);
  });

  it('moving the second phase stores it with its audit entry, plans the new announcement; the old one sends nothing', async () => {
    const r = await moveCriticism(ADMIN, '2027-05-06', '2027-06-30');
    expect(r.json.toast?.type).toBe('success');
    expect(validateCard(r.json.card.data)).toEqual([]);
    expect(str(r.json.card)).toContain('2027年5月6日（周四）至2027年6月30日（周三）（已在此调整）');
    expect((await ctx().store.timeline.get()).phases).toEqual({ criticism: { start: '2027-05-06', end: '2027-06-30' } });
    const audit = (await ctx().store.audit.recent()).filter((e) => e.action === 'campaign.timeline.phase');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: ADMIN, detail: { key: 'criticism', start: '2027-05-06', end: '2027-06-30' } });
    const job = await queue().getJob(phaseJobId('criticism', '2027-05-06'));
    expect(job?.opts.delay).toBe(instantOf('2027-05-06', '09:00', SH) - clock);
    expect(await announcePhase(ctx(), 'criticism', '2027-05-01')).toBe('stale');
  });

  it('adding a milestone plans its reminders with the owner chosen; removing it makes them send nothing', async () => {
    const open = await click(ADMIN, { a: 'tl.new' });
    expect(str(open.json.card)).toContain('tl_add_name');
    const fv = {
      [TIMELINE_FORM.addName]: '调研座谈会', [TIMELINE_FORM.addDate]: '2027-05-12 +0800', [TIMELINE_FORM.addOwner]: 'ou_member_02',
    };
    const outside = await click(ADMIN, { a: 'tl.add' }, { ...fv, [TIMELINE_FORM.addDate]: '2027-05-03 +0800' });
    expect(outside.json.toast?.content).toContain('不在任何阶段之内');
    expect((await ctx().store.timeline.get()).added).toEqual([]);

    const r = await click(ADMIN, { a: 'tl.add' }, fv);
    expect(r.json.toast?.type).toBe('success');
    const id = milestoneId('criticism', { name: '调研座谈会', date: '2027-05-12' });
    expect((await queue().getJob(milestoneJobId(id, 't0')))?.opts.delay).toBe(instantOf('2027-05-12', '09:00', SH) - clock);
    expect(await queue().getJob(milestoneJobId(id, 'late1'))).toBeDefined();
    expect((await ctx().timeline()).milestonePeople.get(id)).toEqual({ remind: [], owner: 'ou_member_02' });

    const edit = await click(ADMIN, { a: 'tl.edit', id });
    expect(validateCard(edit.json.card.data)).toEqual([]);
    const removed = await click(ADMIN, { a: 'tl.remove', id });
    expect(removed.json.toast?.type).toBe('success');
    expect(str(removed.json.card)).not.toContain('调研座谈会');
    expect(await runMilestoneStep(ctx(), id, 't0')).toBe('stale');
    expect((await ctx().store.audit.recent()).map((e) => e.action)).toEqual(
      expect.arrayContaining(['campaign.timeline.add', 'campaign.timeline.remove']),
    );
  });

  it('moving a file milestone and setting its owner: the new id is reminded (to the owner chosen), the old one is stale', async () => {
    const old = milestoneId('criticism', { name: '提交征求意见情况报告', date: '2027-05-20' });
    const moved = milestoneId('criticism', { name: '提交征求意见情况报告', date: '2027-05-25' });
    const fv = { [TIMELINE_FORM.editDate]: '2027-05-25 +0800', [TIMELINE_FORM.editOwner]: 'ou_admin_chen' };
    const late = await click(ADMIN, { a: 'tl.editSave', id: old }, { ...fv, [TIMELINE_FORM.editDate]: '2027-07-02 +0800' });
    expect(late.json.toast?.content).toContain('不在“查摆问题、开展批评”的日期之内');
    const r = await click(ADMIN, { a: 'tl.editSave', id: old }, fv);
    expect(r.json.toast?.type).toBe('success');
    expect((await queue().getJob(milestoneJobId(moved, 't0')))?.opts.delay).toBe(instantOf('2027-05-25', '09:00', SH) - clock);
    expect((await ctx().timeline()).milestonePeople.get(moved)).toEqual({ remind: ['ou_admin_liu'], owner: 'ou_admin_chen' });
    expect(await runMilestoneStep(ctx(), old, 't-3')).toBe('stale');
  });

  it('进度 shows the moved dates', async () => {
    clock = instantOf('2027-05-04', '10:00', SH); // between the phases now
    const card = await type(ADMIN, '进度', '活动进度');
    expect(str(card)).toContain('2027年5月6日（周四）至2027年6月30日（周三）');
  });
});
