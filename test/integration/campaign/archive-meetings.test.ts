import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { MEETING_FORM, OVERRIDE_FORM, RECORD_FORM } from '../../../src/domain/meetings/form.js';
import { DONE_FORM, NOTE_FORM } from '../../../src/domain/talks/form.js';
import { pairKey } from '../../../src/domain/talks/talk.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * The archive's 谈心谈话, 生活会 and 生活会记录 sheets (issue 16), everything made through signed callbacks on the injected
 * clock: a talk is its two people, kind, due day, state and — held — the day and place; the private notes both parties
 * stored (on a talk held and on one still planned) are in no cell, and nothing says a note exists. The meeting carries
 * the top leader's override and its reason, the sign-ins, each record with its measures and their ledger items, the
 * 专题报告; the ledger sheet names the meeting by its title; the audit rows are filed under 谈心谈话 and 生活会.
 */

const SH = 'Asia/Shanghai';
const [ADMIN, TOP, ZHAO, SUN, WU] = ['ou_admin_liu', 'ou_leader_wang', 'ou_leader_zhao', 'ou_leader_sun', 'ou_super_wu'];
const NOTES: [string, string][] = [[ZHAO, '赵的私密笔记 NOTE-ZHAO-a1'], [TOP, '王的私密笔记 NOTE-TOP-b2'], [SUN, '孙的私密笔记 NOTE-SUN-c3']];
const REASON = '督导组已确定会期，谈心谈话会后补齐';
let clock = instantOf('2027-05-03', '10:00', SH);
let bot: TestBot;
afterAll(() => bot?.stop());

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const talkOf = async (a: string, b: string) => (await ctx().store.talks.list()).find((t) => pairKey(t.a, t.b) === pairKey(a, b))!;

async function ok(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await bot.click(openId, value, form);
  expect(['success', undefined], str(r)).toContain(r.toast?.type);
  if (r.card) expect(validateCard(r.card.data)).toEqual([]);
  await bot.idle();
  return r;
}

describe('the archive of talks and meetings', () => {
  it('holds the talks and the meeting as the office made them, and no private note', async () => {
    bot = await startTestBot({ now: () => clock });
    await ok(ADMIN, { a: 'tk.plan' });
    await ok(ADMIN, { a: 'tk.save' });
    const held = await talkOf(TOP, ZHAO);
    await ok(ZHAO, { a: 'tk.done', id: held.id }, { [DONE_FORM.day]: '2027-05-03 +0800', [DONE_FORM.place]: '主席办公室' });
    for (const [who, text] of NOTES) {
      const t = who === SUN ? await talkOf(SUN, ZHAO) : held;
      await ok(who, { a: 'tk.noteSave', id: t.id }, { [NOTE_FORM.text]: text });
    }
    await ok(ADMIN, { a: 'mg.create' }, {
      [MEETING_FORM.type]: 'organizational', [MEETING_FORM.title]: '班子组织生活会', [MEETING_FORM.day]: '2027-05-20 +0800',
      [MEETING_FORM.time]: '14:30', [MEETING_FORM.place]: '三楼会议室', [MEETING_FORM.attendees]: [TOP, ZHAO, SUN], [MEETING_FORM.invited]: [WU],
    });
    const id = (await ctx().store.meetings.list())[0]!.id;
    clock = instantOf('2027-05-20', '14:10', SH);
    await ok(TOP, { a: 'mg.override', id }, { [OVERRIDE_FORM.reason]: REASON });
    await ok(ZHAO, { a: 'mg.in', id });
    await ok(ADMIN, { a: 'mg.recordSave', id, u: ZHAO }, {
      [RECORD_FORM.self]: '调查研究不够深入', [RECORD_FORM.received]: '联系职工不够经常', [RECORD_FORM.measures]: '每月走访基层\n建立联系点',
    });
    await ok(ZHAO, { a: 'mg.confirm', id, u: ZHAO });
    await ok(ADMIN, { a: 'mg.measure', id, u: ZHAO, i: 0 });
    const seq = (await ctx().store.ledger.list()).find((i) => i.source.kind === 'meeting')!.seq;
    clock = instantOf('2027-05-20', '17:00', SH);
    await ok(ADMIN, { a: 'mg.end', id });
    const report = (await ctx().store.materials.list()).find((m) => m.kind === 'meetingReport')!;

    await ctx().exports.enqueue({ kind: 'archive', format: 'xlsx', requester: ADMIN, requestId: 'archive-talks-1' });
    await bot.idle();
    await bot.until(() => [...bot.fake.state.files.values()].some((f) => f.fileName.startsWith('活动归档')), 20_000, 'the archive');
    const file = [...bot.fake.state.files.values()].find((f) => f.fileName.startsWith('活动归档'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.data as unknown as ArrayBuffer);
    const cells: string[] = [];
    const rows = new Map<string, string[]>();
    wb.eachSheet((ws) => {
      ws.eachRow((row) => row.eachCell((c) => { cells.push(typeof c.value === 'object' ? str(c.value) : String(c.value)); }));
      const lines: string[] = [];
      ws.eachRow((row) => { lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')); });
      rows.set(ws.name, lines);
    });
    expect((await ctx().store.talks.note(held.id, ZHAO))?.text).toBe(NOTES[0]![1]);
    for (const c of cells) expect(c).not.toMatch(/NOTE-|私密笔记/);

    const talks = rows.get('谈心谈话')!;
    expect(talks[0]).toBe('谈话人|谈话对象|类别|完成时限|状态|谈话日期|谈话地点');
    expect(talks.length).toBe((await ctx().store.talks.list()).length + 1);
    expect(talks).toContain(`王主席|赵副主席|主要负责同志与班子成员|${held.due}|已谈|2027-05-03|主席办公室`);
    const sunZhao = await talkOf(SUN, ZHAO);
    const names: Record<string, string> = { [ZHAO]: '赵副主席', [SUN]: '孙副主席' };
    expect(talks).toContain(`${names[sunZhao.a]}|${names[sunZhao.b]}|班子成员之间|${sunZhao.due}|待谈||`);

    const [meeting] = rows.get('生活会')!.slice(1);
    expect(meeting!.split('|')).toEqual([
      '组织生活会', '班子组织生活会', '2027-05-20 14:30', '三楼会议室', '王主席、赵副主席、孙副主席', '吴组长', '已结束',
      expect.stringContaining(`王主席于 2027-05-20 14:10 决定在条件未满足时开始会议，理由：${REASON}`),
      '赵副主席 14:10', '王主席、孙副主席', '2027-05-20 17:00', report.title,
    ]);
    expect(meeting).toContain('的谈心谈话：尚未完成');
    expect(rows.get('生活会记录')).toEqual([
      '会议名称|参会人员|自我批评|相互批评意见|整改措施|本人确认|确认时间',
      `班子组织生活会|赵副主席|调查研究不够深入|联系职工不够经常|1. 每月走访基层（已转为整改事项 #${seq}）\n2. 建立联系点|本人已确认|2027-05-20 14:10`,
    ]);
    expect(rows.get('整改台账')!.find((r) => r.startsWith(`${seq}|`))).toContain('|生活会（班子组织生活会）|');
    const audit = rows.get('操作记录')!.join('\n');
    for (const s of ['|谈心谈话|talk.plan|', '|谈心谈话|talk.done|', '|生活会|meeting.create|', '|生活会|meeting.override|', '|生活会|meeting.end|']) {
      expect(audit).toContain(s);
    }
  });
});
