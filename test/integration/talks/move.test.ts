import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { MOVE_FORM } from '../../../src/domain/talks/form.js';
import { pairKey, type Talk } from '../../../src/domain/talks/talk.js';
import { msg } from '../../../src/messages/index.js';
import { runTalkReminder } from '../../../handlers/talks/steps/reminders.js';
import { campaignFile, exampleCampaign, restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * 调整时间 on a saved talk, through signed callbacks on the injected clock: a party moves the due day (audited old → new,
 * a new generation, the other party told once); the old day's T−1 job sends nothing, the new one sends once across a
 * worker restart; an outsider's forged value and a day in the past change nothing; the office may move any talk.
 */

const SH = 'Asia/Shanghai';
const [ADMIN, TOP, ZHAO, SUN] = ['ou_admin_liu', 'ou_leader_wang', 'ou_leader_zhao', 'ou_leader_sun'];
const [M2, M4, WU] = ['ou_member_02', 'ou_member_04', 'ou_super_wu'];

let clock = instantOf('2027-05-03', '10:00', SH); // a Monday in 查摆问题、开展批评 (ends 2027-06-30)
const series = restartingBots({ now: () => clock, campaignPath: campaignFile(exampleCampaign()) });
let bot: TestBot;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const talks = () => bot.service.deps.ctx.store.talks;
const q = () => bot.service.deps.queues.talks;
const to = (openId: string, text: string) =>
  series.bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes(text));
const find = async (a: string, b: string) => (await talks().list()).find((t) => pairKey(t.a, t.b) === pairKey(a, b))!;
const day = (d: string) => ({ [MOVE_FORM.due]: `${d} +0800` });
let topZhao: Talk;

async function ok(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await bot.click(openId, value, form);
  expect(r.toast?.type ?? 'success', str(r.toast)).toBe('success');
  expect(validateCard(r.card.data)).toEqual([]);
  await bot.idle();
  return r;
}
async function refused(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>, type = 'error') {
  const before = str(await talks().list());
  const r = await bot.click(openId, value, form);
  expect(r.toast?.type, str(r)).toBe(type);
  expect(str(await talks().list())).toBe(before);
  return r;
}
async function runJob(id: string): Promise<unknown> {
  const job = await q().getJob(id);
  expect(job, id).toBeDefined();
  await job!.promote();
  await bot.until(async () => (await q().getJob(id))?.finishedOn !== undefined, 10_000, id);
  await bot.idle();
  return (await q().getJob(id))!.returnvalue;
}

describe('谈心谈话：调整时间', () => {
  it('a party moves a saved talk: audited old → new, a new generation, the other party told once', async () => {
    bot = await series.start();
    await ok(ADMIN, { a: 'tk.plan' });
    await ok(ADMIN, { a: 'tk.save' });
    topZhao = await find(TOP, ZHAO);
    expect(topZhao).toMatchObject({ due: '2027-06-30', gen: 0, state: 'planned' });
    expect(await q().getJob(`tk-${topZhao.id}-g0-d1`)).toBeDefined();
    const card = str((await ok(ZHAO, { a: 'tk.open', id: topZhao.id })).card);
    expect(card).toContain(msg.talks.buttons.move.zh);
    const form = str((await ok(ZHAO, { a: 'tk.moveForm', id: topZhao.id })).card);
    expect(form).toContain(msg.talks.fields.moveDue.zh);

    const r = await ok(ZHAO, { a: 'tk.move', id: topZhao.id }, day('2027-05-20'));
    expect(r.toast.content).toBe(msg.talks.toast.moved.zh);
    expect(await find(TOP, ZHAO)).toMatchObject({ due: '2027-05-20', gen: 1, state: 'planned' });
    expect(to(TOP, '赵副主席已将你们的谈心谈话时间由 6月30日（周三） 调整为 5月20日（周四）')).toHaveLength(1);
    expect(to(ZHAO, '调整为')).toHaveLength(0);
    const audit = (await bot.service.deps.ctx.store.audit.recent(20)).filter((e) => e.action === 'talk.due');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: ZHAO, detail: { id: topZhao.id, from: '2027-06-30', to: '2027-05-20' } });
    expect(await q().getJob(`tk-${topZhao.id}-g1-d1`)).toBeDefined();
    // The same day again: nothing changes, nobody is told again.
    const same = await refused(TOP, { a: 'tk.move', id: topZhao.id }, day('2027-05-20'), 'warning');
    expect(same.toast.content).toBe(msg.talks.toast.sameDue.zh);
  });

  it('an outsider’s forged value is refused; a day in the past is refused with the typed day kept, nothing changed', async () => {
    for (const who of [M2, WU, SUN]) {
      await refused(who, { a: 'tk.moveForm', id: topZhao.id });
      await refused(who, { a: 'tk.move', id: topZhao.id }, day('2027-06-01'));
    }
    const past = await refused(ZHAO, { a: 'tk.move', id: topZhao.id }, day('2027-05-02'), 'warning');
    expect(str(past.card)).toContain('2027-05-02');
    expect(str(past.card)).toContain(msg.talks.errors.past.zh);
    await refused(ZHAO, { a: 'tk.move', id: topZhao.id }, {}, 'warning');
    expect((await bot.service.deps.ctx.store.audit.recent(50)).filter((e) => e.action === 'talk.due')).toHaveLength(1);
    expect(to(TOP, '调整为')).toHaveLength(1);
  });

  it('the office moves another talk: both parties told; a talk held cannot be moved', async () => {
    const sunM4 = await find(SUN, M4);
    expect(str((await ok(ADMIN, { a: 'tk.open', id: sunM4.id })).card)).toContain(msg.talks.buttons.move.zh);
    const r = await ok(ADMIN, { a: 'tk.move', id: sunM4.id }, day('2027-06-10'));
    expect(r.toast.content).toBe(msg.talks.toast.movedBoth.zh);
    for (const who of [SUN, M4]) expect(to(who, '刘办公室主任已将你们的谈心谈话时间由 6月30日（周三） 调整为 6月10日（周四）')).toHaveLength(1);
    await ok(M4, { a: 'tk.done', id: sunM4.id }, { tk_d_day: '2027-05-03 +0800', tk_d_place: '四楼会议室' });
    await refused(SUN, { a: 'tk.move', id: sunM4.id }, day('2027-06-12'), 'warning');
    expect(str((await ok(SUN, { a: 'tk.open', id: sunM4.id })).card)).not.toContain(msg.talks.buttons.move.zh);
  });

  it('the old day’s T−1 job sends nothing; the new one sends once across a worker restart', async () => {
    bot = await series.start(); // a second service on the same data: its startup re-adds the new generation's reminders
    clock = instantOf('2027-05-19', '09:00', SH);
    expect(await runJob(`tk-${topZhao.id}-g0-d1`)).toBe('stale');
    expect(to(ZHAO, '提醒：')).toHaveLength(0);
    expect(await runJob(`tk-${topZhao.id}-g1-d1`)).toBe('sent d1');
    bot = await series.start(); // and again after it ran: nothing is sent twice
    await bot.idle();
    expect(await runTalkReminder(topZhao.id, 1, 'd1', bot.service.deps.ctx)).toBe('duplicate');
    expect(await runTalkReminder(topZhao.id, 0, 'd1', bot.service.deps.ctx)).toBe('stale');
    expect(to(ZHAO, '提醒：请您于 5月20日（周四） 前与王主席开展谈心谈话')).toHaveLength(1);
    expect(to(TOP, '提醒：请您于 5月20日（周四） 前与赵副主席开展谈心谈话')).toHaveLength(1);
    expect(to(TOP, '提醒：请您于 6月30日（周三） 前与赵副主席')).toHaveLength(0);
  });
});
