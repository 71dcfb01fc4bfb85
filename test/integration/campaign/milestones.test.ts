import { afterAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { milestonesOf } from '../../../src/domain/campaign/milestones.js';
import { DONE_FORM } from '../../../src/domain/campaign/done-form.js';
import type { MilestoneStep } from '../../../src/domain/campaign/reminders.js';
import { validateCard } from '../../../cards/validate.js';
import { reportUnresolvedMilestonePeople, runMilestoneStep } from '../../../handlers/campaign/steps/milestone.js';
import { milestoneJobId } from '../../../jobs/campaign/queue.js';
import { restartingBots } from '../../helpers/bot.js';

/**
 * Milestone reminders (issue #12): delayed jobs per (milestone, step) planned at worker start, each card sent
 * once across restarts, 标记完成 by the office stopping the later steps; only admins mark done, bad input stores nothing.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu'; // named to remind, and an admin
const ADMIN2 = 'ou_admin_chen';
const OWNER = 'ou_member_01';
const TOP = 'ou_leader_wang';
let clock = instantOf('2027-05-14', '10:00', SH); // the Friday before the T−3 of 提交征求意见情况报告 (Thursday 20 May)
const series = restartingBots({ now: () => clock });
const { bots, start } = series;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const bot = () => bots.at(-1)!;
const all = () => milestonesOf(bot().service.deps.ctx.campaign.campaign);
const REPORT = '提交征求意见情况报告';
const reportId = () => all().find((m) => m.name === REPORT)!.id;
const cardsTo = (openId: string) => bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes(`时间节点：${REPORT}`));
const job = (id: string, step: MilestoneStep) => bot().service.deps.queues.campaign.getJob(milestoneJobId(id, step));
async function promote(step: MilestoneStep) {
  await (await job(reportId(), step))!.promote();
  await bot().until(async () => (await (await job(reportId(), step))!.getState()) === 'completed', 10_000, `the ${step} job`);
  await bot().idle();
}
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot().push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));

describe('milestone reminders', () => {
  it('plans the steps still ahead at start, at 09:00 on their days as the calendar moves them', async () => {
    const b = await start();
    const delay = async (id: string, step: MilestoneStep) => (await job(id, step))?.opts.delay;
    const at = (day: string) => instantOf(day, '09:00', SH) - clock;
    const id = reportId();
    expect(await delay(id, 't-3')).toBe(at('2027-05-17'));
    expect(await delay(id, 't-1')).toBe(at('2027-05-19'));
    expect(await delay(id, 't0')).toBe(at('2027-05-20'));
    expect(await delay(id, 'late1')).toBe(at('2027-05-21'));
    expect(await delay(id, 'late3')).toBe(at('2027-05-25'));
    // 专题民主生活会 on Sunday 20 June: T−1 (Saturday) and the day move to Monday, where the overdue notice goes.
    const sunday = all().find((m) => m.date === '2027-06-20')!.id;
    expect(await delay(sunday, 't-3')).toBe(at('2027-06-17'));
    expect(await job(sunday, 't-1')).toBeUndefined();
    expect(await job(sunday, 't0')).toBeUndefined();
    expect(await delay(sunday, 'late1')).toBe(at('2027-06-21'));
    // The milestone of February is long past: nothing planned.
    const feb = all().find((m) => m.date === '2027-02-20')!.id;
    for (const s of ['t-3', 't0', 'late1', 'late3'] as const) expect(await job(feb, s)).toBeUndefined();
    expect((await b.service.deps.queues.campaign.getDelayed()).filter((j) => j.name === 'milestone').length).toBe(12);
  });

  it('T−3 asks the named people and the owner, once, across a restart and the step run again', async () => {
    clock = instantOf('2027-05-17', '09:00', SH);
    await promote('t-3');
    expect(cardsTo(ADMIN)).toHaveLength(1);
    expect(cardsTo(OWNER)).toHaveLength(1);
    const card = cardsTo(OWNER)[0]!.content;
    expect(validateCard(card)).toEqual([]);
    for (const s of ['请您于2027年5月20日（周四）前完成', '责任人：李明', '成果要求：征求意见情况报告（报区委督导组）']) expect(str(card)).toContain(s);
    expect(str(card)).not.toContain('ms.done');
    expect(str(cardsTo(ADMIN)[0]!.content)).toContain('ms.done');

    await bot().stop();
    clock = instantOf('2027-05-17', '09:30', SH);
    const b = await start();
    await b.idle();
    expect(await runMilestoneStep(b.service.deps.ctx, reportId(), 't-3')).toBe('sent t-3 to 2');
    await b.idle();
    expect(cardsTo(ADMIN)).toHaveLength(1);
    expect(cardsTo(OWNER)).toHaveLength(1);
  });

  it('T−1, the day, and the next working day (with the admins) each once; a second restart repeats nothing', async () => {
    clock = instantOf('2027-05-19', '09:00', SH);
    await promote('t-1');
    clock = instantOf('2027-05-20', '09:00', SH);
    await promote('t0');
    expect(str(cardsTo(OWNER)[2]!.content)).toContain('请您于今日完成');
    clock = instantOf('2027-05-21', '09:00', SH);
    await promote('late1');
    expect(cardsTo(ADMIN)).toHaveLength(4);
    expect(cardsTo(OWNER)).toHaveLength(4);
    expect(cardsTo(ADMIN2)).toHaveLength(1);
    const notice = str(cardsTo(ADMIN2)[0]!.content);
    expect(notice).toContain('以下节点已超过计划日期');
    expect(notice).toContain('标记完成');
    expect(notice).not.toContain('请您于');

    await bot().stop();
    clock = instantOf('2027-05-21', '10:00', SH); // late1's day: its catch-up finds the job done already
    const b = await start();
    await b.idle();
    expect(cardsTo(ADMIN)).toHaveLength(4);
    expect(cardsTo(OWNER)).toHaveLength(4);
    expect(cardsTo(ADMIN2)).toHaveLength(1);
    expect(await job(reportId(), 'late3')).toBeDefined();
  });

  it('a member cannot mark done; a bad link or an empty form is refused and stores nothing', async () => {
    const id = reportId();
    const store = () => bot().service.deps.ctx.store.milestones;
    for (const value of [{ v: 1, a: 'ms.done', id }, { v: 1, a: 'ms.doneSave', id }]) {
      const r = await click(OWNER, value, { [DONE_FORM.note]: '已完成' });
      expect(r.json.toast?.type).toBe('error');
      expect(r.json.card).toBeUndefined();
    }
    const form = await click(ADMIN, { v: 1, a: 'ms.done', id });
    expect(str(form.json.card)).toContain('ms.doneSave');
    for (const fv of [{ [DONE_FORM.link]: 'http://example.com/report' }, { [DONE_FORM.link]: 'javascript:alert(1)' }, {},
      { [DONE_FORM.note]: '长'.repeat(501) }]) {
      const r = await click(ADMIN, { v: 1, a: 'ms.doneSave', id }, fv);
      expect(r.json.toast?.type, str(fv)).toBe('warning');
      expect(str(r.json.card)).toContain('ms.doneSave');
    }
    expect(await store().get(id)).toBeUndefined();
  });

  it('an admin marks it done (once, audited), and the later step sends nothing', async () => {
    const id = reportId();
    const ctx = bot().service.deps.ctx;
    const link = 'https://example.feishu.cn/docx/report';
    const r = await click(ADMIN, { v: 1, a: 'ms.doneSave', id }, { [DONE_FORM.note]: '已报区委督导组', [DONE_FORM.link]: link });
    expect(r.json.toast?.type).toBe('success');
    expect(str(r.json.card)).toContain('标记完成');
    expect(str(r.json.card)).not.toContain('ms.done');
    expect(await ctx.store.milestones.get(id)).toEqual({ at: clock, by: ADMIN, note: '已报区委督导组', link });
    expect((await ctx.store.audit.recent(5)).filter((e) => e.action === 'campaign.milestoneDone')).toHaveLength(1);
    const again = await click(ADMIN2, { v: 1, a: 'ms.doneSave', id }, { [DONE_FORM.note]: '再次' });
    expect(again.json.toast?.type).toBe('info');
    expect((await ctx.store.milestones.get(id))?.by).toBe(ADMIN);

    clock = instantOf('2027-05-25', '09:00', SH);
    await promote('late3');
    expect((await job(id, 'late3'))!.returnvalue).toBe('done');
    expect(cardsTo(TOP)).toHaveLength(0);
    expect(await runMilestoneStep(ctx, 'AAAAAAAAAAAA', 't0')).toBe('stale');
  });

  it('milestone people Lark does not know are reported to each admin once', async () => {
    const ctx = bot().service.deps.ctx;
    const unknown = { ...ctx, campaign: { ...ctx.campaign, unresolvedMilestonePeople: ['满意度测评: ghost@example.com'] } };
    expect(await reportUnresolvedMilestonePeople(unknown)).toBe(2);
    expect(await reportUnresolvedMilestonePeople(unknown)).toBe(2);
    await bot().idle();
    const reports = (openId: string) =>
      bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes('ghost@example.com'));
    expect(reports(ADMIN)).toHaveLength(1);
    expect(reports(ADMIN2)).toHaveLength(1);
    expect(await reportUnresolvedMilestonePeople(ctx)).toBe(0);
  });
});
