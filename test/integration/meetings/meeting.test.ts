import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { MEETING_FORM, RECORD_FORM } from '../../../src/domain/meetings/form.js';
import type { Material, MaterialState } from '../../../src/domain/materials/material.js';
import { newMaterialId } from '../../../src/domain/materials/material.js';
import { newMaterial } from '../../../src/domain/materials/transitions.js';
import { msg } from '../../../src/messages/index.js';
import { restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * A 专题民主生活会 through signed callbacks on the injected clock (issue #16): refused to start while the 方案 is not
 * accepted and while one attendee's 对照检查材料 is returned (each named), started once they are met; sign-in; records
 * confirmed by their subject only (a forged value naming another attendee's record is refused); measures become draft
 * ledger items linked to the meeting and the person; the 专题报告 material made once; reminders sent once across a restart.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const TOP = 'ou_leader_wang';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const ZHOU = 'ou_leader_zhou';
const WU = 'ou_super_wu';
const LEADERS = [TOP, ZHAO, SUN, ZHOU];
let clock = instantOf('2027-06-01', '10:00', SH);
const series = restartingBots({ now: () => clock });
let bot: TestBot;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const meetings = () => ctx().store.meetings;
let id = '';
const get = async () => (await meetings().get(id))!;
const to = (openId: string, text: string) =>
  series.bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes(text));

async function click(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await bot.click(openId, value, form);
  if (r?.card) expect(validateCard(r.card.data)).toEqual([]);
  await bot.idle();
  return r;
}
async function ok(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await click(openId, value, form);
  expect(r.toast?.type, str(r)).toBe('success');
  return r;
}
async function refusedUnchanged(openId: string, value: Record<string, unknown>, form: Record<string, unknown> | undefined, type: string) {
  const before = str(await get());
  const r = await click(openId, value, form);
  expect(r.toast?.type, str(r)).toBe(type);
  expect(str(await get())).toBe(before);
  return r;
}

/** Sets a material's state as its review would (the review flow itself is tested under test/integration/materials). */
async function setState(m: Material, state: MaterialState) {
  const now = clock;
  const accepted = state === 'accepted' ? { acceptedAt: now } : {};
  const r = await ctx().store.materials.update(m.id, (x) => ({ ok: true, material: { ...x, state, ...accepted } }), null);
  expect(r.ok).toBe(true);
}
const selfCheckOf = async (openId: string) =>
  (await ctx().store.materials.list()).find((m) => m.kind === 'selfCheck' && m.authors[0] === openId)!;

describe('a 专题民主生活会 from its preconditions to the reminders after it', () => {
  it('the office creates it; attendees and the invited 督导组 member get its card once', async () => {
    bot = await series.start();
    await ok(ADMIN, { a: 'mt.selfChecks' });
    const form = {
      [MEETING_FORM.type]: 'democratic', [MEETING_FORM.title]: '班子专题民主生活会', [MEETING_FORM.day]: '2027-06-08 +0800',
      [MEETING_FORM.time]: '14:30', [MEETING_FORM.place]: '三楼会议室', [MEETING_FORM.attendees]: LEADERS, [MEETING_FORM.invited]: [WU],
    };
    const bad = await click(ADMIN, { a: 'mg.create' }, { ...form, [MEETING_FORM.time]: '两点半' });
    expect(bad.toast.type).toBe('warning');
    expect(await meetings().list()).toEqual([]);
    await ok(ADMIN, { a: 'mg.create' }, form);
    const all = await meetings().list();
    expect(all).toHaveLength(1);
    id = all[0]!.id;
    expect(all[0]).toMatchObject({ type: 'democratic', attendees: LEADERS, invited: [WU], state: 'planned',
      start: instantOf('2027-06-08', '14:30', SH) });
    for (const u of [...LEADERS, WU]) expect(to(u, '班子专题民主生活会')).toHaveLength(1);
    const audit = await ctx().store.audit.recent?.(50);
    if (audit) expect(str(audit)).toContain('meeting.create');
  });

  it('开始会议 is refused while the 方案 is not accepted, naming it; then naming the leader whose 对照检查材料 is returned', async () => {
    const r1 = await refusedUnchanged(ADMIN, { a: 'mg.start', id }, undefined, 'warning');
    expect(r1.toast.content).toContain('民主生活会方案');
    const plan = newMaterial({ id: newMaterialId(), kind: 'meetingPlan', title: '民主生活会方案', authors: [ADMIN], chain: ['supervisors'],
      due: '2027-06-05' }, { by: ADMIN, now: clock });
    await ctx().store.materials.create(plan, { at: clock, actor: ADMIN, action: 'material.create', detail: {} });
    await setState(plan, 'accepted');
    for (const u of [TOP, SUN, ZHOU]) await setState(await selfCheckOf(u), 'accepted');
    await setState(await selfCheckOf(ZHAO), 'returned');
    const r2 = await refusedUnchanged(ADMIN, { a: 'mg.start', id }, undefined, 'warning');
    expect(r2.toast.content).not.toContain('民主生活会方案');
    expect(r2.toast.content).toContain('赵副主席的对照检查材料：退回修改');
    expect(r2.toast.content).not.toContain('孙副主席');
    // Only the top leader may start over them, with a reason; an admin's forged override is refused.
    await refusedUnchanged(ADMIN, { a: 'mg.override', id }, { mg_o_reason: '时间紧' }, 'error');
    const form = await click(TOP, { a: 'mg.overrideForm', id });
    expect(str(form.card)).toContain('赵副主席的对照检查材料');
  });

  it('starts once every precondition is met; attendees sign in within the window only', async () => {
    await setState(await selfCheckOf(ZHAO), 'accepted');
    clock = instantOf('2027-06-08', '13:00', SH);
    const early = await click(ZHAO, { a: 'mg.in', id });
    expect(early.toast.type).toBe('warning');
    await ok(ADMIN, { a: 'mg.start', id });
    expect((await get()).state).toBe('started');
    clock = instantOf('2027-06-08', '14:10', SH);
    await ok(ZHAO, { a: 'mg.in', id });
    await refusedUnchanged(ZHAO, { a: 'mg.in', id }, undefined, 'warning');
    await refusedUnchanged(WU, { a: 'mg.in', id }, undefined, 'error');
    clock = instantOf('2027-06-08', '14:50', SH);
    await ok(SUN, { a: 'mg.in', id });
    expect((await get()).signIns).toMatchObject({ [ZHAO]: { late: false }, [SUN]: { late: true } });
  });

  it('the office records each attendee; only the subject confirms their own record', async () => {
    expect(str((await click(ADMIN, { a: 'mg.record', id, u: ZHAO })).card)).toContain('mg_r_self');
    const long = await click(ADMIN, { a: 'mg.recordSave', id, u: ZHAO }, { [RECORD_FORM.self]: '长'.repeat(1001) });
    expect(long.toast.type).toBe('warning');
    expect((await get()).records[ZHAO]).toBeUndefined();
    await ok(ADMIN, { a: 'mg.recordSave', id, u: ZHAO }, {
      [RECORD_FORM.self]: '调查研究不够深入', [RECORD_FORM.received]: '联系职工不够经常', [RECORD_FORM.measures]: '1. 每月走访基层\n2. 建立联系点',
    });
    await ok(ADMIN, { a: 'mg.recordSave', id, u: SUN }, { [RECORD_FORM.self]: '学习不够系统', [RECORD_FORM.measures]: '' });
    expect((await get()).records[ZHAO]).toMatchObject({ state: 'pending', measures: ['每月走访基层', '建立联系点'] });
    expect(to(ZHAO, '请您核对')).toHaveLength(1);
    // Sun forges a value naming Zhao's record: refused, nothing changes.
    await refusedUnchanged(SUN, { a: 'mg.confirm', id, u: ZHAO }, undefined, 'error');
    await refusedUnchanged(ADMIN, { a: 'mg.confirm', id, u: ZHAO }, undefined, 'error');
    await ok(ZHAO, { a: 'mg.confirm', id, u: ZHAO });
    expect((await get()).records[ZHAO]?.state).toBe('confirmed');
  });

  it('each measure becomes a draft ledger item in one tap, linked to the meeting and the person, once', async () => {
    const r = await ok(ADMIN, { a: 'mg.measure', id, u: ZHAO, i: 1 });
    const itemId = (await get()).records[ZHAO]!.items['1']!;
    const item = (await ctx().store.ledger.get(itemId))!;
    expect(item).toMatchObject({ status: 'draft', problem: '建立联系点', owner: ZHAO, source: { kind: 'meeting', ref: id, person: ZHAO } });
    expect(r.toast.content).toBe(msg.meetings.toast.measureDone(item.seq).zh);
    const again = await click(ADMIN, { a: 'mg.measure', id, u: ZHAO, i: 1 });
    expect(again.toast.type).toBe('warning');
    expect((await ctx().store.ledger.list()).filter((i) => i.source.kind === 'meeting')).toHaveLength(1);
    const open = await click(ADMIN, { a: 'lg.open', id: itemId });
    expect(str(open.card)).toContain('生活会（班子专题民主生活会，赵副主席）');
  });

  it('结束会议 makes the 专题报告 material once and reminds unconfirmed records once, across a restart', async () => {
    clock = instantOf('2027-06-08', '17:00', SH);
    await ok(ADMIN, { a: 'mg.end', id });
    await click(ADMIN, { a: 'mg.end', id });
    const reports = (await ctx().store.materials.list()).filter((m) => m.kind === 'meetingReport');
    expect(reports).toHaveLength(1);
    expect((await get()).report).toBe(reports[0]!.id);
    const q = bot.service.deps.queues.meetings;
    expect(await q.getJob(`mgr-${id}-t1`)).toBeDefined();
    await bot.stop();
    bot = await series.start();
    for (const step of ['t1', 't1']) {
      const job = await bot.service.deps.queues.meetings.getJob(`mgr-${id}-${step}`);
      clock = instantOf('2027-06-09', '17:30', SH);
      await job!.promote().catch(() => undefined);
      await bot.until(async () => (await bot.service.deps.queues.meetings.getJob(`mgr-${id}-${step}`))?.finishedOn !== undefined, 10_000);
      await bot.idle();
    }
    expect(to(SUN, '仍待您确认')).toHaveLength(1);
    expect(to(ZHAO, '仍待您确认')).toHaveLength(0);
    const { runMeetingReminder } = await import('../../../handlers/meetings/steps/reminders.js');
    expect(await runMeetingReminder(id, 't1', ctx())).toBe('duplicate');
    await bot.idle();
    expect(to(SUN, '仍待您确认')).toHaveLength(1);
  });

  it('a 满意度 round on the meeting, its attendees the electorate, once', async () => {
    await ok(ADMIN, { a: 'mg.survey', id });
    const again = await click(ADMIN, { a: 'mg.survey', id });
    expect(again.toast.type).toBe('warning');
    const round = (await ctx().store.evaluations.get((await get()).round!))!;
    expect(round).toMatchObject({ kind: 'satisfaction', status: 'draft' });
    expect([...round.electorate].sort()).toEqual([...LEADERS].sort());
  });
});
