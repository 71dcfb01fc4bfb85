import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { REVIEW_FORM, VERSION_FORM } from '../../../src/domain/materials/form.js';
import type { Material } from '../../../src/domain/materials/material.js';
import { msg } from '../../../src/messages/index.js';
import { runAuthorReminder } from '../../../handlers/materials/steps/reminders.js';
import { restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * A leader's 对照检查材料 through signed callbacks on the injected clock (issue #15): returned twice by the top leader
 * and once by the 督导组, accepted only once both passed the last version; every step audited; each notification and
 * reminder sent once, with the service restarted in the middle. A forged value naming another leader's material, a
 * link off the tenant's domains and a return without a comment change nothing.
 */

const SH = 'Asia/Shanghai';
const ADMINS = ['ou_admin_liu', 'ou_admin_chen'];
const TOP = 'ou_leader_wang';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const [WU, ZHENG] = ['ou_super_wu', 'ou_super_zheng'];
let clock = instantOf('2027-06-01', '10:00', SH); // a Tuesday; the example campaign's 对照检查材料 are due 2027-06-10
const series = restartingBots({ now: () => clock });
let bot: TestBot;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const to = (openId: string, text: string) =>
  series.bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes(text));
const store = () => bot.service.deps.ctx.store.materials;
const get = async (id: string) => (await store().get(id))!;
const click = (openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) => bot.click(openId, value, form);
let zhao = '';
let sun = '';

async function ok(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await click(openId, value, form);
  expect(r.toast?.type, str(r)).toBe('success');
  expect(validateCard(r.card.data)).toEqual([]);
  await bot.idle();
  return r;
}
async function refused(openId: string, value: Record<string, unknown>, form: Record<string, unknown> | undefined, type: string) {
  const before = str(await store().list());
  const r = await click(openId, value, form);
  expect(r.toast?.type, str(r)).toBe(type);
  expect(str(await store().list())).toBe(before);
  return r;
}
const version = (n: number) => ok(ZHAO, { a: 'mt.version', id: zhao, n }, { [VERSION_FORM.link]: `https://abc.feishu.cn/docx/v${n}` });

/** Moves the clock to `at` and runs the delayed job now (BullMQ's own delay is real time). */
async function fire(jobId: string, at: number): Promise<unknown> {
  clock = at;
  const q = bot.service.deps.queues.materials;
  const job = await q.getJob(jobId);
  expect(job, jobId).toBeDefined();
  await job!.promote();
  await bot.until(async () => (await q.getJob(jobId))?.finishedOn !== undefined, 10_000, jobId);
  await bot.idle();
  return (await q.getJob(jobId))!.returnvalue;
}

describe('a 对照检查材料 from the first version to its acceptance', () => {
  it('the office makes every leader’s 对照检查材料 in one tap, once; the top leader’s own goes straight to the 督导组', async () => {
    bot = await series.start();
    await ok(ADMINS[0]!, { a: 'mt.selfChecks' });
    const again = await click(ADMINS[0]!, { a: 'mt.selfChecks' });
    expect(again.toast.content).toBe(msg.materials.toast.selfChecks(0, 4).zh);
    const all = await store().list();
    expect(all.map((m) => m.authors[0]).sort()).toEqual(['ou_leader_sun', TOP, ZHAO, 'ou_leader_zhou'].sort());
    const of = (openId: string) => all.find((m) => m.authors[0] === openId)!;
    [zhao, sun] = [of(ZHAO).id, of(SUN).id];
    expect(of(ZHAO)).toMatchObject({ kind: 'selfCheck', due: '2027-06-10', chain: ['topLeader', 'supervisors'], state: 'drafting' });
    expect(of(TOP).chain).toEqual(['supervisors']);
    expect(to(ZHAO, '请您撰写对照检查材料')).toHaveLength(1);
  });

  it('a leader forging another leader’s material in a button value is refused and sees nothing of it', async () => {
    const r = await refused(SUN, { a: 'mt.open', id: zhao }, undefined, 'error');
    expect(r.toast.content).toBe(msg.errors.noPermission.zh);
    expect(r.card).toBeUndefined();
    await refused(SUN, { a: 'mt.version', id: zhao, n: 1 }, { [VERSION_FORM.text]: '代写' }, 'error');
    await refused(SUN, { a: 'mt.pass', id: zhao, n: 1, s: 0 }, undefined, 'error');
  });

  it('a link off the tenant’s domains, or no link and no text, is refused with what was typed kept', async () => {
    const evil = { [VERSION_FORM.link]: 'https://evil.example.com/docx/1' };
    const r = await refused(ZHAO, { a: 'mt.version', id: zhao, n: 1 }, evil, 'warning');
    expect(str(r.card.data)).toContain('https://evil.example.com/docx/1');
    await refused(ZHAO, { a: 'mt.version', id: zhao, n: 1 }, { [VERSION_FORM.link]: 'http://abc.feishu.cn/docx/1' }, 'warning');
    await refused(ZHAO, { a: 'mt.version', id: zhao, n: 1 }, {}, 'warning');
  });

  it('v1 reaches the top leader once; a return without a comment is refused; held 2 and 4 working days: reminders once', async () => {
    await version(1);
    expect(await get(zhao)).toMatchObject({ state: 'inReview', at: 0 });
    expect(to(TOP, '烦请审阅')).toHaveLength(1);
    await refused(TOP, { a: 'mt.return', id: zhao, n: 1, s: 0 }, { [REVIEW_FORM.returnComment]: '  ' }, 'warning');
    expect(await fire(`mth-${zhao}-v1-s0-h2`, instantOf('2027-06-03', '10:00', SH))).toBe('sent h2 to 1');
    expect(to(TOP, '已报送 2 个工作日')).toHaveLength(1);
    // The 3rd day before the due day: SUN, still drafting, is reminded; ZHAO, in review, is not.
    expect(await fire(`mta-${sun}-g0-d3`, instantOf('2027-06-07', '09:00', SH))).toBe('sent d3 to 1');
    expect(await fire(`mta-${zhao}-g0-d3`, clock)).toBe('stale');
    expect(await fire(`mth-${zhao}-v1-s0-h4`, instantOf('2027-06-07', '10:00', SH))).toBe('sent h4 to 2');
    for (const a of ADMINS) expect(to(a, '审阅 4 个工作日'), a).toHaveLength(1);
    expect(to(SUN, '还有 3 天')).toHaveLength(1);
    expect(to(ZHAO, '还有 3 天')).toHaveLength(0);
  });

  it('returned twice by the top leader, with the comment sent to the author each time', async () => {
    clock = instantOf('2027-06-07', '11:00', SH);
    await ok(TOP, { a: 'mt.return', id: zhao, n: 1, s: 0 }, { [REVIEW_FORM.returnComment]: '剖析不够深刻' });
    expect(to(ZHAO, '剖析不够深刻')).toHaveLength(1);
    await version(2);
    await ok(TOP, { a: 'mt.return', id: zhao, n: 2, s: 0 }, { [REVIEW_FORM.returnComment]: '整改措施要具体' });
    expect(to(ZHAO, '整改措施要具体')).toHaveLength(1);
    expect(await get(zhao)).toMatchObject({ state: 'returned', returnedAt: 0 });
  });

  it('after a restart: v3 passed by the top leader, returned by the 督导组; a stale click changes nothing', async () => {
    await bot.stop();
    bot = await series.start();
    await version(3);
    expect(to(TOP, '烦请审阅')).toHaveLength(3);
    await ok(TOP, { a: 'mt.pass', id: zhao, n: 3, s: 0 }, {});
    expect(await get(zhao)).toMatchObject({ state: 'inReview', at: 1 });
    for (const s of [WU, ZHENG]) expect(to(s, '第 3 稿已报送'), s).toHaveLength(1);
    const r = await refused(TOP, { a: 'mt.pass', id: zhao, n: 3, s: 0 }, {}, 'warning');
    expect(r.toast.content).toBe(msg.materials.toast.stale.zh);
    await ok(WU, { a: 'mt.return', id: zhao, n: 3, s: 1 }, { [REVIEW_FORM.returnComment]: '责令其认真修改' });
    await ok(ZHENG, { a: 'mt.comment', id: zhao }, { [REVIEW_FORM.comment]: '请联系分管工作实际' });
    expect(to(ZHAO, '责令其认真修改')).toHaveLength(1);
    expect(to(ZHAO, '请联系分管工作实际')).toHaveLength(1);
  });

  it('v4 starts at the 督导组; after their pass it goes back to the top leader; accepted only when both passed v4', async () => {
    await version(4);
    expect(await get(zhao)).toMatchObject({ state: 'inReview', at: 1 });
    for (const s of [WU, ZHENG]) expect(to(s, '第 4 稿已报送'), s).toHaveLength(1);
    await ok(ZHENG, { a: 'mt.pass', id: zhao, n: 4, s: 1 }, {});
    expect(await get(zhao)).toMatchObject({ state: 'inReview', at: 0 });
    expect(to(TOP, '第 4 稿已报送')).toHaveLength(1);
    expect(await store().acceptedAt('selfCheck')).toBeUndefined();
    await ok(TOP, { a: 'mt.pass', id: zhao, n: 4, s: 0 }, { [REVIEW_FORM.returnComment]: '同意' });
    const m: Material = await get(zhao);
    expect([m.state, m.passed]).toEqual(['accepted', [4, 4]]);
    expect(await store().acceptedAt('selfCheck')).toBe(m.acceptedAt);
    expect(to(ZHAO, '第 4 稿已审阅通过')).toHaveLength(1);
    for (const a of ADMINS) expect(to(a, '已全部审阅通过'), a).toHaveLength(1);
  });

  it('every step is audited with who and when', async () => {
    const entries = (await bot.service.deps.ctx.store.audit.recent(500)).filter((e) => e.detail.id === zhao).reverse();
    expect(entries.map((e) => `${e.action} ${e.actor}`)).toEqual([
      `material.create ${ADMINS[0]}`, `material.version ${ZHAO}`, 'material.remind system', 'material.remind system',
      `material.return ${TOP}`, `material.version ${ZHAO}`, `material.return ${TOP}`, `material.version ${ZHAO}`, `material.pass ${TOP}`,
      `material.return ${WU}`, `material.comment ${ZHENG}`, `material.version ${ZHAO}`, `material.pass ${ZHENG}`, `material.pass ${TOP}`,
    ]);
  });

  it('the remaining reminders go once, across the restart; none after acceptance', async () => {
    expect(await bot.service.deps.queues.materials.getJob(`mta-${zhao}-g0-d1`)).toBeUndefined();
    expect(await fire(`mta-${sun}-g0-d1`, instantOf('2027-06-09', '09:00', SH))).toBe('sent d1 to 1');
    expect(await fire(`mta-${sun}-g0-due`, instantOf('2027-06-11', '08:00', SH))).toBe('sent due to 1');
    // A step run again (a retry, an escaped duplicate job) sends nothing more.
    expect(await runAuthorReminder(sun, 0, 'd1', bot.service.deps.ctx)).toBe('duplicate');
    await bot.idle();
    for (const text of ['还有 3 天', '完成时限为明天', '已超过完成时限']) expect(to(SUN, text), text).toHaveLength(1);
    expect(to(ZHAO, '完成时限为明天')).toHaveLength(0);
    // Each notification of the story once: three returns and a comment to the author, four review requests to the top leader.
    expect(to(TOP, '烦请审阅')).toHaveLength(4);
  });
});
