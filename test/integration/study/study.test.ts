import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { reflectionDeadline } from '../../../src/domain/study/session.js';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { loadSummary } from '../../../src/reports/study-exports.js';
import { validateCard } from '../../../cards/validate.js';
import { stepJobId } from '../../../jobs/study/queue.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * One study session end to end through signed callbacks and real BullMQ, with a controllable clock:
 * an admin adds a session, members check in, ask for leave and write reflections; refusals change
 * nothing; nudges reach exactly those without a reflection who were not on leave; the digest's
 * numbers match the stored records.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const M = Array.from({ length: 8 }, (_, i) => `ou_member_0${i + 1}`);
const SID = 's-20270407-1430';
const START = instantOf('2027-04-07', '14:30', SH);
const MIN = 60_000;
let clock = START - 50 * MIN;
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ now: () => clock }); });
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const click = async (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>, openMessageId?: string) =>
  (await bot.push(
    'card.action.trigger', cardActionEvent({ operatorOpenId: openId, value: { v: 1, ...value }, formValue, openMessageId }),
  )).json;
const store = () => bot.service.deps.ctx.store.study;
const to = (openId: string, needle: string) => bot.fake.messagesTo(openId).filter((m) => str(m.content).includes(needle));
const promote = async (step: string) => {
  await (await bot.service.deps.queues.study.getJob(stepJobId(SID, step)))!.promote();
  // Finished, not just started: the step marks itself first and only then queues its messages.
  await bot.until(
    async () => (await bot.service.deps.queues.study.getJob(stepJobId(SID, step)))?.finishedOn !== undefined, 20_000, `step ${step}`,
  );
  expect((await store().steps(SID)).includes(step)).toBe(true);
  await bot.idle();
};

describe('a study session, end to end', () => {
  it('学习 设置: members may not; an admin adds a session at short notice and every attendee gets its card at once', async () => {
    expect((await click(M[0]!, { a: 'st.save' }, { st_target: 'oneoff' })).toast.type).toBe('error');
    const bad = await click(ADMIN, { a: 'st.save' }, {
      st_target: 'oneoff', st_day: '2027-04-07 +0800', st_time: '14:30', st_materials: 'http://insecure.example/x',
    });
    expect(bad.toast.type).toBe('warning');
    expect(str(bad.card.data)).toContain('https');
    expect(await store().getSession(SID)).toBeUndefined();
    const ok = await click(ADMIN, { a: 'st.save' }, {
      st_target: 'oneoff', st_day: '2027-04-07 +0800', st_time: '14:30', st_topic: '学习党章<at id=all></at>', st_place: '五楼会议室',
      st_materials: 'https://example.com/a',
    });
    expect(ok.toast.type, str(ok)).toBe('success');
    expect(validateCard(ok.card.data)).toEqual([]);
    expect(await store().getSession(SID))
      .toMatchObject({ source: 'oneoff', topic: '学习党章<at id=all></at>', place: '五楼会议室', materials: ['https://example.com/a'] });
    const audit = await bot.service.deps.ctx.store.audit.recent();
    expect(audit.find((a) => a.action === 'study.settings')).toMatchObject({ actor: ADMIN, detail: { session: SID, target: 'oneoff' } });
    // Both reminders are past: the latest one goes out now, once.
    await bot.until(() => M.every((m) => to(m, `"s":"${SID}"`).length === 1), 10_000, 'the session cards');
    const card = to(M[0]!, SID)[0]!.content;
    expect(validateCard(card)).toEqual([]);
    expect(str(card)).toContain('学习党章');
    expect(str(card)).not.toContain('"markdown","content":"学习党章<at');
  });

  it('check-in outside the window, twice, and leave after check-in are refused and change nothing', async () => {
    await bot.idle();
    const m1Patches = to(M[0]!, SID)[0]!.patches.length;
    clock = START - 40 * MIN;
    const early = await click(M[0]!, { a: 'st.in', s: SID });
    expect(early.toast).toMatchObject({ type: 'warning' });
    expect(early.toast.content).toContain('14:00');
    expect(await store().recordOf(SID, M[0]!)).toBeUndefined();

    clock = START - 10 * MIN;
    const m1Message = to(M[0]!, SID)[0]!.messageId;
    const on = await click(M[0]!, { a: 'st.in', s: SID }, undefined, m1Message);
    expect(on.toast).toMatchObject({ type: 'success', content: '签到成功' });
    expect(str(on.card.data)).toContain('您已签到');
    const rec = await store().recordOf(SID, M[0]!);
    expect(rec).toEqual({ status: 'on', at: clock });
    clock += MIN;
    expect((await click(M[0]!, { a: 'st.in', s: SID })).toast.content).toContain('已经签过到');
    expect((await click(M[0]!, { a: 'st.leaveForm', s: SID })).toast.content).toContain('不能再请假');
    expect((await click(M[0]!, { a: 'st.leave', s: SID }, { st_reason: '临时有事' })).toast.content).toContain('不能再请假');
    expect(await store().recordOf(SID, M[0]!)).toEqual(rec);

    const form = await click(M[1]!, { a: 'st.leaveForm', s: SID });
    expect(validateCard(form.card.data)).toEqual([]);
    expect((await click(M[1]!, { a: 'st.leave', s: SID }, { st_reason: '出差' })).toast.type).toBe('success');
    expect((await click(M[1]!, { a: 'st.in', s: SID })).toast.content).toContain('已请假');
    expect((await click(M[1]!, { a: 'st.leave', s: SID }, { st_reason: '又一次' })).toast.content).toContain('已经请过假');
    expect(await store().recordOf(SID, M[1]!)).toMatchObject({ status: 'leave', reason: '出差' });
    expect((await click(M[2]!, { a: 'st.leave', s: SID }, { st_reason: '  ' })).toast.type).toBe('warning');
    expect(await store().recordOf(SID, M[2]!)).toBeUndefined();
    expect((await click('ou_outsider', { a: 'st.in', s: SID })).toast.type).toBe('error');
    expect(await store().recordOf(SID, 'ou_outsider')).toBeUndefined();

    clock = START + 5 * MIN;
    expect((await click(M[3]!, { a: 'st.in', s: SID })).toast.content).toContain('迟到');
    clock = START + 20 * MIN;
    expect((await click(M[4]!, { a: 'st.in', s: SID })).toast.content).toContain('签到已截止');
    expect(await store().recordOf(SID, M[4]!)).toBeUndefined();
    // Absent without leave: leave can no longer excuse it once check-in has closed.
    expect((await click(M[4]!, { a: 'st.leave', s: SID }, { st_reason: '补请假' })).toast.content).toContain('不能再请假');
    expect(await store().recordOf(SID, M[4]!)).toBeUndefined();

    // The card updates in place: the clicked one by the answer, the member's other copies by a patch.
    await bot.idle();
    expect(to(M[0]!, SID)[0]!.patches).toHaveLength(m1Patches);
    const m4 = to(M[3]!, SID)[0]!;
    expect(m4.patches.length).toBeGreaterThan(0);
    expect(str(m4.patches.at(-1)!.content)).toContain('迟到');
  });

  it('after the session: reflection forms to everyone not on leave; named, editable until the deadline', async () => {
    clock = START + 121 * MIN;
    await promote('end');
    for (const [i, m] of M.entries()) expect(to(m, '"a":"st.submit"').length, m).toBe(i === 1 ? 0 : 1);
    const first = await click(M[0]!, { a: 'st.submit', s: SID }, { st_r1: '第一段体会', st_r2: '长'.repeat(1000) });
    expect(first.toast.type).toBe('success');
    expect(str(first.card.data)).toContain('第一段体会');
    const before = (await store().reflection(SID, M[0]!))!;
    clock += MIN;
    expect((await click(M[0]!, { a: 'st.submit', s: SID }, { st_r1: '修改后的体会' })).toast.type).toBe('success');
    expect(await store().reflection(SID, M[0]!)).toEqual({ parts: ['修改后的体会'], at: before.at, updatedAt: clock });
    expect((await click(M[3]!, { a: 'st.submit', s: SID }, { st_link: 'https://abc.feishu.cn/docx/X1' })).toast.type).toBe('success');
    expect((await click(M[5]!, { a: 'st.submit', s: SID }, { st_link: 'https://evil.example/docx' })).toast.type).toBe('warning');
    expect((await click(M[6]!, { a: 'st.submit', s: SID }, { st_r1: '长'.repeat(1001) })).toast.type).toBe('warning');
    expect(Object.keys(await store().reflections(SID)).sort()).toEqual([M[0], M[3]].sort());
  });

  it('nudges reach exactly the members without a reflection who were not on leave', async () => {
    const cfg = bot.service.deps.ctx.campaign.campaign.study!;
    clock = reflectionDeadline((await store().getSession(SID))!, cfg) - 26 * 3_600_000;
    await promote('nudge');
    const nudged = M.filter((m) => to(m, '提醒：心得体会').length > 0);
    expect(nudged).toEqual([M[2], M[4], M[5], M[6], M[7]]);
  });

  it('a reflection after the deadline is refused and changes nothing; the digest numbers match the stored records', async () => {
    const cfg = bot.service.deps.ctx.campaign.campaign.study!;
    clock = reflectionDeadline((await store().getSession(SID))!, cfg) + 1;
    const late = await click(M[2]!, { a: 'st.submit', s: SID }, { st_r1: '迟交' });
    expect(late.toast.content).toContain('截止');
    const edit = await click(M[0]!, { a: 'st.submit', s: SID }, { st_r1: '再改' });
    expect(edit.toast.type).toBe('warning');
    expect((await store().reflection(SID, M[0]!))!.parts).toEqual(['修改后的体会']);
    expect(await store().reflection(SID, M[2]!)).toBeUndefined();

    await promote('digest');
    const { summary } = await loadSummary(store(), SID);
    expect(summary).toMatchObject({
      attendees: 8, onTime: [M[0]], late: [M[3]], leave: [M[1]], absent: [M[2], M[4], M[5], M[6], M[7]],
      missing: [M[2], M[4], M[5], M[6], M[7]],
    });
    for (const reader of ['ou_admin_liu', 'ou_admin_chen', 'ou_leader_wang', 'ou_leader_zhao', 'ou_leader_sun', 'ou_leader_zhou']) {
      const digests = to(reader, '集中学习情况');
      expect(digests, reader).toHaveLength(1);
      expect(validateCard(digests[0]!.content)).toEqual([]);
      const text = str(digests[0]!.content);
      expect(text).toContain('应到 8 人，实到 2 人（准时 1，迟到 1），请假 1 人，缺席 5 人，出勤率 25%');
      expect(text).toContain('已交 2 / 应交 7（29%）');
      expect(text).toContain('未交心得体会（5）：杨丽、何静、林涛、罗敏、郭伟');
    }
    expect(to(M[0]!, '集中学习情况')).toEqual([]);
  });

  it('学习 shows a member their record; an admin exports attendance and reflections as XLSX', async () => {
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: M[0]!, chatId: 'oc_p2p_m1', chatType: 'p2p', text: '学习' }));
    await bot.until(() => to('oc_p2p_m1', '我的学习记录').length === 1, 10_000, 'the record card');
    const record = to('oc_p2p_m1', '我的学习记录')[0]!.content;
    expect(validateCard(record)).toEqual([]);
    expect(str(record)).toContain('已签到');
    expect(str(record)).toContain('已提交');
    expect(str(record)).not.toContain('st.export');
    const exp = await click(ADMIN, { a: 'st.export' });
    expect(exp.toast.type).toBe('success');
    expect((await click(M[0]!, { a: 'st.export' })).toast.type).toBe('error');
    await bot.until(() => bot.fake.messagesTo(ADMIN).some((m) => m.msgType === 'file'), 15_000, 'the export file');
    expect((await bot.service.deps.ctx.store.audit.recent()).some((a) => a.action === 'study.export' && a.actor === ADMIN)).toBe(true);
  });
});
