import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { DONE_FORM, NOTE_FORM, PLAN_FORM } from '../../../src/domain/talks/form.js';
import { pairKey, type Talk } from '../../../src/domain/talks/talk.js';
import { messageEvent } from '../../../src/local/lark-push.js';
import { msg } from '../../../src/messages/index.js';
import { runTalkReminder } from '../../../handlers/talks/steps/reminders.js';
import { talksMissing } from '../../../handlers/talks/status.js';
import { campaignFile, exampleCampaign, restartingBots, type TestBot } from '../../helpers/bot.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';

/**
 * 谈心谈话 through signed callbacks on the injected clock (issue 16): the plan generated from the team, reviewed and
 * saved once (planning again adds nothing twice); either party records a talk held, the other told; each party's private
 * note readable by its writer only — tried by the other party, a forged value, the top leader, the office and the
 * 督导组, and looked for in every Redis value, the audit stream, the logs and the exports; reminders once across a restart.
 */

const SH = 'Asia/Shanghai';
const [ADMIN, TOP, ZHAO, SUN, ZHOU] = ['ou_admin_liu', 'ou_leader_wang', 'ou_leader_zhao', 'ou_leader_sun', 'ou_leader_zhou'];
const [M1, M2, M3, M4, M5] = ['ou_member_01', 'ou_member_02', 'ou_member_03', 'ou_member_04', 'ou_member_05'];
const WU = 'ou_super_wu';
const NOTE_ZHAO = '赵的私密笔记：王主席提到的问题要认真对待 NOTE-ZHAO-7f3c';
const NOTE_TOP = '王的私密笔记 NOTE-TOP-91ab';

const campaign = exampleCampaign();
campaign.leaders[0].members = [{ openId: M1 }];
campaign.leaders[1].members = [{ openId: M2 }, { openId: M3 }];
campaign.leaders[2].members = [{ openId: M4 }];
delete campaign.leaders[3].members;
let clock = instantOf('2027-05-03', '10:00', SH); // a Monday in 查摆问题、开展批评 (ends 2027-06-30)
const series = restartingBots({ now: () => clock, campaignPath: campaignFile(campaign) });
let bot: TestBot;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const talks = () => bot.service.deps.ctx.store.talks;
const click = (openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) => bot.click(openId, value, form);
const to = (openId: string, text: string) =>
  series.bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes(text));
const find = async (a: string, b: string) => (await talks().list()).find((t) => pairKey(t.a, t.b) === pairKey(a, b))!;
let topZhao: Talk;

async function ok(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await click(openId, value, form);
  expect(['success', undefined]).toContain(r.toast?.type);
  expect(validateCard(r.card.data)).toEqual([]);
  await bot.idle();
  return r;
}
async function refused(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>, type = 'error') {
  const before = str(await talks().list());
  const r = await click(openId, value, form);
  expect(r.toast?.type, str(r)).toBe(type);
  expect(str(await talks().list())).toBe(before);
  return r;
}

describe('谈心谈话', () => {
  it('the office generates the plan from the team, edits it and saves it once; planning again adds no pair twice', async () => {
    bot = await series.start();
    await refused(ZHAO, { a: 'tk.plan' });
    const r = await ok(ADMIN, { a: 'tk.plan' });
    expect(str(r.card)).toContain(msg.talks.plan.count(10).zh); // 3 with the top leader, 3 among leaders, 4 with members
    await ok(ADMIN, { a: 'tk.drop', i: 9, page: 0 }); // 孙副主席 — 黄强 removed
    await refused(ADMIN, { a: 'tk.add' }, { [PLAN_FORM.a]: ZHOU, [PLAN_FORM.b]: ZHOU, [PLAN_FORM.addDue]: '2027-06-01 +0800' }, 'warning');
    await refused(ADMIN, { a: 'tk.add' }, { [PLAN_FORM.a]: M4, [PLAN_FORM.b]: M5, [PLAN_FORM.addDue]: '2027-06-01 +0800' }, 'warning');
    await refused(ADMIN, { a: 'tk.add' }, { [PLAN_FORM.a]: SUN, [PLAN_FORM.b]: ZHAO, [PLAN_FORM.addDue]: '2027-06-01 +0800' }, 'warning');
    await ok(ADMIN, { a: 'tk.add' }, { [PLAN_FORM.a]: ZHOU, [PLAN_FORM.b]: M5, [PLAN_FORM.addDue]: '2027-06-01 +0800' });
    await ok(ADMIN, { a: 'tk.due' }, { [PLAN_FORM.pair]: '0', [PLAN_FORM.newDue]: '2027-05-20 +0800' });
    const saved = await ok(ADMIN, { a: 'tk.save' });
    expect(saved.toast.content).toBe(msg.talks.toast.saved(10).zh);
    expect(await talks().list()).toHaveLength(10);
    topZhao = await find(TOP, ZHAO);
    expect(topZhao).toMatchObject({ kind: 'topLeader', due: '2027-05-20', state: 'planned' });
    expect((await find(ZHOU, M5)).kind).toBe('members');
    expect(to(ZHAO, '活动办已安排您与王主席开展谈心谈话')).toHaveLength(1);
    expect(to(TOP, '活动办已安排您与赵副主席开展谈心谈话')).toHaveLength(1);
    // Again: only the pair removed before is proposed; saved, then nothing is left to plan.
    expect(str((await ok(TOP, { a: 'tk.plan' })).card)).toContain(msg.talks.plan.count(1).zh);
    expect((await ok(TOP, { a: 'tk.save' })).toast.content).toBe(msg.talks.toast.saved(1).zh);
    expect(str((await ok(ADMIN, { a: 'tk.plan' })).card)).toContain(msg.talks.plan.empty.zh);
    const all = await talks().list();
    expect(new Set(all.map((t) => pairKey(t.a, t.b))).size).toBe(11);
    const audit = await bot.service.deps.ctx.store.audit.recent(50);
    expect(audit.filter((e) => e.action === 'talk.plan').map((e) => e.detail.created)).toEqual([1, 10]); // newest first
    expect(await talksMissing(bot.service.deps.ctx, [ZHAO, SUN])).toEqual(
      expect.arrayContaining([expect.objectContaining({ due: '2027-05-20' })]),
    );
  });

  it('either party records it held; others are refused; a day in the future or no place changes nothing', async () => {
    await refused(M2, { a: 'tk.done', id: topZhao.id }, { [DONE_FORM.day]: '2027-05-03', [DONE_FORM.place]: '会议室' });
    await refused(ADMIN, { a: 'tk.doneForm', id: topZhao.id });
    await refused(ZHAO, { a: 'tk.done', id: topZhao.id }, { [DONE_FORM.day]: '2027-05-04 +0800', [DONE_FORM.place]: '会议室' }, 'warning');
    await refused(ZHAO, { a: 'tk.done', id: topZhao.id }, { [DONE_FORM.day]: '2027-05-03 +0800' }, 'warning');
    const sunM4 = await find(SUN, M4);
    await ok(M4, { a: 'tk.done', id: sunM4.id }, { [DONE_FORM.day]: '2027-05-03 +0800', [DONE_FORM.place]: '四楼会议室' });
    expect((await find(SUN, M4)).state).toBe('done');
    expect(to(SUN, '已登记你们于 5月3日（周一） 的谈心谈话')).toHaveLength(1);
    await refused(SUN, { a: 'tk.done', id: sunM4.id }, { [DONE_FORM.day]: '2027-05-03 +0800', [DONE_FORM.place]: 'x' }, 'warning');
  });

  it('each party’s note is readable by its writer only', async () => {
    await ok(ZHAO, { a: 'tk.noteSave', id: topZhao.id }, { [NOTE_FORM.text]: NOTE_ZHAO });
    await ok(TOP, { a: 'tk.noteSave', id: topZhao.id }, { [NOTE_FORM.text]: NOTE_TOP });
    await refused(ZHAO, { a: 'tk.noteSave', id: topZhao.id }, { [NOTE_FORM.text]: '长'.repeat(1001) }, 'warning');
    const mine = str((await ok(ZHAO, { a: 'tk.note', id: topZhao.id })).card);
    expect(mine).toContain(NOTE_ZHAO);
    expect(mine).not.toContain(NOTE_TOP);
    const top = str((await ok(TOP, { a: 'tk.note', id: topZhao.id })).card);
    expect(top).toContain(NOTE_TOP);
    expect(top).not.toContain(NOTE_ZHAO);
    // The office, the 督导组, a member of another talk (forged id): refused; the office's and top leader's views hold no note.
    for (const who of [ADMIN, WU, M1, SUN]) {
      await refused(who, { a: 'tk.note', id: topZhao.id });
      await refused(who, { a: 'tk.noteSave', id: topZhao.id }, { [NOTE_FORM.text]: 'overwrite' });
    }
    await refused(WU, { a: 'tk.open', id: topZhao.id });
    for (const who of [ADMIN, TOP, ZHAO]) {
      const seen = str(await click(who, { a: 'tk.open', id: topZhao.id }));
      expect(seen).not.toContain('NOTE-');
    }
    for (const who of [ADMIN, TOP]) expect(str(await click(who, { a: 'tk.matrix' }))).not.toContain('NOTE-');
    for (const who of [ADMIN, TOP, ZHAO, M1]) expect(str(await click(who, { a: 'tk.list' }))).not.toContain('NOTE-');
    const chatId = bot.fake.state.p2pChatId(TOP);
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: TOP, chatId, chatType: 'p2p', text: '谈心' }));
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: TOP, chatId, chatType: 'p2p', text: '进度' }));
    await bot.idle();
    // The 谈心 list and the 进度 card (full view): counts held / planned, no note.
    const answers = bot.fake.messagesTo(chatId).map((m) => str(m.content));
    expect(answers.filter((c) => c.includes(msg.talks.list.counts(1, 11).zh))).toHaveLength(2);
    expect(answers.join('')).not.toContain('NOTE-');
    expect(await bot.service.deps.ctx.store.talks.note(topZhao.id, ZHAO)).toMatchObject({ text: NOTE_ZHAO });
  });

  it('no note in any other Redis value, the audit stream, the logs, the messages sent or the exports', async () => {
    await click(ADMIN, { a: 'lg.export' });
    await click(ADMIN, { a: 'rp.export', format: 'csv' });
    await bot.idle();
    await bot.until(() => [...bot.fake.state.files.values()].length >= 2, 20_000, 'the two exports');
    const dump = await dumpPrefix(testRedisUrl(), bot.service.deps.keys.prefix);
    const noteKeys = [...dump].filter(([, v]) => v.includes('NOTE-')).map(([k]) => k).sort();
    const keys = bot.service.deps.keys;
    expect(noteKeys).toEqual([keys.talkNote(topZhao.id, ZHAO), keys.talkNote(topZhao.id, TOP)].sort());
    for (const b of series.bots) {
      expect(b.logs.filter((l) => l.includes('NOTE-'))).toEqual([]);
      expect(b.fake.messages.filter((m) => str(m.content).includes('NOTE-'))).toEqual([]);
    }
    for (const f of bot.fake.state.files.values()) {
      let text = f.data.toString('utf8');
      if (f.fileName.endsWith('.xlsx')) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(f.data as unknown as ArrayBuffer);
        text = wb.worksheets.map((ws) => ws.getSheetValues().map((r) => str(r)).join('\n')).join('\n');
      }
      expect(text).not.toContain('NOTE-');
    }
  });

  it('reminders: T−1 and overdue to both parties, once across a worker restart, none once held', async () => {
    const q = () => bot.service.deps.queues.talks;
    const id = `tk-${topZhao.id}-g0-d1`;
    expect(await q().getJob(id)).toBeDefined();
    bot = await series.start(); // a second service on the same data: its startup re-adds the reminders (a no-op)
    clock = instantOf('2027-05-19', '09:00', SH);
    const job = await q().getJob(id);
    await job!.promote();
    await bot.until(async () => (await q().getJob(id))?.finishedOn !== undefined, 10_000, id);
    await bot.idle();
    expect(await runTalkReminder(topZhao.id, 0, 'd1', bot.service.deps.ctx)).toBe('duplicate');
    expect(to(ZHAO, '提醒：请您于 5月20日（周四） 前与王主席开展谈心谈话')).toHaveLength(1);
    expect(to(TOP, '提醒：请您于 5月20日（周四） 前与赵副主席开展谈心谈话')).toHaveLength(1);
    clock = instantOf('2027-05-21', '09:00', SH);
    expect(await runTalkReminder(topZhao.id, 0, 'over', bot.service.deps.ctx)).toBe('sent over');
    expect(await runTalkReminder(topZhao.id, 0, 'over', bot.service.deps.ctx)).toBe('duplicate');
    await bot.idle();
    expect(to(ZHAO, '已超过完成时限')).toHaveLength(1);
    const sunM4 = await find(SUN, M4);
    expect(await runTalkReminder(sunM4.id, 0, 'd1', bot.service.deps.ctx)).toBe('stale');
  });
});
