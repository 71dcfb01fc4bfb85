import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { createCalendar, instantOf } from '../../../src/domain/calendar.js';
import { ITEM_FORM, ACTION_FORM } from '../../../src/domain/ledger/form.js';
import { stepAt, type LadderStep } from '../../../src/domain/ledger/ladder.js';
import { validateCard } from '../../../cards/validate.js';
import { loadCampaignFile } from '../../../src/campaign.js';
import type { FakeMessage } from '../../../src/local/fake-lark-server.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';
import { CAMPAIGN_PATH, startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * The deadline ladder with real BullMQ and a controllable clock: each step's delayed job is promoted
 * when the clock reaches its send time. The service is stopped and started again twice in the
 * middle (same Redis prefix, new workers, new fake Lark): nothing is sent twice or lost.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const CO = 'ou_member_02';
const LEADER = 'ou_leader_zhao';
const TOP = 'ou_leader_wang';
const TZ = 'Asia/Shanghai';
const PREFIX = randomPrefix();
let clock = instantOf('2027-07-01', '10:00', TZ); // a Thursday
let bot: TestBot;
const fakes: TestBot['fake'][] = [];
let cal: ReturnType<typeof createCalendar>;

async function start() {
  bot = await startTestBot({ env: { REDIS_PREFIX: PREFIX }, now: () => clock });
  fakes.push(bot.fake);
}
beforeAll(async () => {
  const c = await loadCampaignFile(CAMPAIGN_PATH);
  cal = createCalendar(c.calendar, TZ);
  await start();
});
afterAll(async () => {
  await bot?.stop();
  await deletePrefix(testRedisUrl(), PREFIX);
});

const str = (x: unknown) => JSON.stringify(x);
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const all = (): FakeMessage[] => fakes.flatMap((f) => f.messages);
const cardsTo = (openId: string, text: string) => all().filter((m) => m.receiveId === openId && str(m.content).includes(text));
const ledger = () => bot.service.deps.ctx.store.ledger;
const queue = () => bot.service.deps.queues.ledger;

/** Pending ladder jobs of an item: `<gen>-<step>`. */
async function pending(id: string): Promise<string[]> {
  const jobs = await queue().getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.map((j) => j.id ?? '').filter((j) => j.startsWith(`lad-${id}-`)).map((j) => j.slice(`lad-${id}-`.length)).sort();
}

async function createItem(problem: string, deadline: string, extra: Record<string, unknown> = {}): Promise<string> {
  const F = ITEM_FORM;
  const r = await click(ADMIN, { v: 1, a: 'lg.save' }, {
    [F.problem]: problem, [F.source]: 'self', [F.wind]: 'formalism', [F.goal]: '目标', [F.measures]: '措施', [F.owner]: OWNER,
    [F.leader]: LEADER, [F.coOwners]: [CO], [F.deadline]: `${deadline} +0800`, [F.commitment]: '公开承诺', ...extra,
  });
  expect(r.json.toast?.type, str(r.json)).toBe('success');
  expect(validateCard(r.json.card.data)).toEqual([]);
  return (await ledger().list()).find((i) => i.problem === problem)!.id;
}

/** Moves the clock to the step's send time and runs its job now (BullMQ's own delay is real time). */
async function fire(id: string, gen: number, step: LadderStep, deadline: string) {
  clock = stepAt(step, deadline, cal);
  const job = await queue().getJob(`lad-${id}-${gen}-${step}`);
  expect(job, `${gen}-${step}`).toBeDefined();
  await job!.promote();
  await bot.until(async () => (await queue().getJob(`lad-${id}-${gen}-${step}`))?.finishedOn !== undefined, 10_000, `step ${step}`);
  await bot.idle();
}

describe('deadline ladder: every step to the right people exactly once, across two restarts', () => {
  let id = '';
  const D = '2027-07-20';
  const banner = {
    d7: '还有 7 天', d3: '还有 3 天', d1: '完成时限为明天', due: '这项整改事项已超过完成时限。', late3: '烦请您督办', weekly: '至今仍超过完成时限',
  };

  it('starting an item schedules T−7, T−3, T−1, T, T+3 and the first weekly step; owners get the item', async () => {
    id = await createItem('会议多、文件多', D);
    expect(await pending(id)).toEqual([]);
    const r = await click(ADMIN, { v: 1, a: 'lg.activate', id });
    expect(r.json.toast.type, str(r.json)).toBe('success');
    expect(await pending(id)).toEqual(['1-d1', '1-d3', '1-d7', '1-due', '1-late3', '1-w1']);
    await bot.idle();
    expect(cardsTo(OWNER, '您是这项整改事项的责任人')).toHaveLength(1);
    expect(cardsTo(CO, '您是这项整改事项的责任人')).toHaveLength(1);
  });

  it('T−7 and T−3 go to the owner and co-owner only', async () => {
    await fire(id, 1, 'd7', D);
    await fire(id, 1, 'd3', D);
    for (const p of [OWNER, CO]) for (const b of [banner.d7, banner.d3]) expect(cardsTo(p, b), `${p} ${b}`).toHaveLength(1);
    for (const p of [LEADER, TOP]) expect(cardsTo(p, banner.d7).length + cardsTo(p, banner.d3).length).toBe(0);
    const steps = (await ledger().get(id))!.history.filter((h) => h.what === 'step').map((h) => h.step);
    expect(steps).toEqual(['d7', 'd3']);
  });

  it('restart #1, then T−1 and T: at T owner and leader, each with Lark urgent on the bot’s message', async () => {
    await bot.stop();
    await start();
    await fire(id, 1, 'd1', D);
    await fire(id, 1, 'due', D);
    for (const p of [OWNER, CO]) expect(cardsTo(p, banner.d1), p).toHaveLength(1);
    for (const p of [OWNER, CO, LEADER]) {
      const due = cardsTo(p, banner.due);
      expect(due, p).toHaveLength(1);
      expect(due[0]!.urgent.flatMap((u) => u.openIds)).toEqual([p]);
    }
    expect(cardsTo(TOP, banner.due)).toHaveLength(0);
  });

  it('a step run twice (an escaped duplicate job) sends nothing more and logs once', async () => {
    await queue().add('step', { kind: 'step', item: id, gen: 1, step: 'due' }, { jobId: `dup-${id}` });
    await bot.until(async () => (await queue().getJob(`dup-${id}`))?.finishedOn !== undefined, 10_000, 'duplicate job');
    await bot.idle();
    for (const p of [OWNER, CO, LEADER]) expect(cardsTo(p, banner.due), p).toHaveLength(1);
    expect((await ledger().get(id))!.history.filter((h) => h.what === 'step' && h.step === 'due')).toHaveLength(1);
  });

  it('restart #2, then T+3 to the top leader and weekly to owners and leader; each weekly step schedules the next', async () => {
    await bot.stop();
    await start();
    await fire(id, 1, 'late3', D);
    expect(cardsTo(TOP, banner.late3)).toHaveLength(1);
    for (const p of [OWNER, CO, LEADER]) expect(cardsTo(p, banner.late3), p).toHaveLength(0);
    await fire(id, 1, 'w1', D);
    for (const p of [OWNER, CO, LEADER]) expect(cardsTo(p, banner.weekly), p).toHaveLength(1);
    expect(await pending(id)).toEqual(['1-w2']);
    const steps = (await ledger().get(id))!.history.filter((h) => h.what === 'step').map((h) => h.step);
    expect(steps).toEqual(['d7', 'd3', 'd1', 'due', 'late3', 'w1']);
    for (const m of all().filter((x) => str(x.content).includes('lg.'))) expect(validateCard(m.content)).toEqual([]);
  });

  it('finishing early cancels the ladder: no pending step, and a stale job sends nothing', async () => {
    const sub = await click(OWNER, { v: 1, a: 'lg.submit', id }, { [ACTION_FORM.summary]: '已完成' });
    expect(sub.json.toast.type, str(sub.json)).toBe('success');
    expect(await pending(id)).toEqual([]);
    await bot.idle();
    expect(cardsTo(LEADER, '申请销号，烦请您审核')).toHaveLength(1);
    const before = all().length;
    await queue().add('step', { kind: 'step', item: id, gen: 1, step: 'w2' }, { jobId: `stale-${id}` });
    await bot.until(async () => (await queue().getJob(`stale-${id}`))?.finishedOn !== undefined, 10_000, 'stale job');
    await bot.idle();
    expect(all().length).toBe(before);
  });
});

describe('moving the deadline, reopening and rejecting leave exactly the expected future steps', () => {
  it('a moved deadline replaces the ladder; reopen cancels it until a new deadline; reject restarts it', async () => {
    clock = instantOf('2027-07-01', '10:00', TZ);
    const id = await createItem('服务职工不到位', '2027-07-20');
    await click(ADMIN, { v: 1, a: 'lg.activate', id });
    expect(await pending(id)).toEqual(['1-d1', '1-d3', '1-d7', '1-due', '1-late3', '1-w1']);
    // Two days before the deadline: move it three days on. T−3 of the new deadline is still ahead.
    clock = instantOf('2027-07-18', '10:00', TZ);
    const moved = await click(ADMIN, { v: 1, a: 'lg.deadline', id }, { [ACTION_FORM.deadlineDay]: '2027-07-23 +0800' });
    expect(moved.json.toast.type, str(moved.json)).toBe('success');
    // 07-16 09:00 (T−7) is past and skipped except as the latest past step, sent at once; the rest ahead.
    expect(await pending(id)).toEqual(['2-d1', '2-d3', '2-d7', '2-due', '2-late3', '2-w1']);
    const plan = (await ledger().get(id))!.history.filter((h) => h.what === 'ladder').at(-1)!;
    expect(plan).toMatchObject({ gen: 2, note: 'd7 d3 d1 due late3 w1' });

    const reopened = await click(ADMIN, { v: 1, a: 'lg.reopen', id }, { [ACTION_FORM.reopenReason]: '回头看：群众反映仍有问题' });
    expect(reopened.json.toast.type, str(reopened.json)).toBe('success');
    expect(await pending(id)).toEqual([]);
    expect(await ledger().get(id)).toMatchObject({ status: 'active', needsDeadline: true, gen: 3 });
    await bot.idle();
    expect(cardsTo(ADMIN, '设定新的完成时限').length).toBeGreaterThanOrEqual(1);
    // The owner cannot submit while the item waits for a deadline.
    expect((await click(OWNER, { v: 1, a: 'lg.submit', id }, {})).json.toast.type).toBe('warning');

    const set = await click(ADMIN, { v: 1, a: 'lg.deadline', id }, { [`${ACTION_FORM.deadlineDay}_0`]: '2027-08-31 +0800' });
    expect(set.json.toast.type, str(set.json)).toBe('success');
    // T−7 is more than 13 days away: the owners' new card is kept alive until then (k1, handlers/ledger-resend.ts).
    expect(await pending(id)).toEqual(['4-d1', '4-d3', '4-d7', '4-due', '4-k1', '4-late3', '4-w1']);

    await click(OWNER, { v: 1, a: 'lg.submit', id }, {});
    expect(await pending(id)).toEqual([]);
    const rej = await click(LEADER, { v: 1, a: 'lg.reject', id }, { [ACTION_FORM.rejectReason]: '佐证材料不足' });
    expect(rej.json.toast.type, str(rej.json)).toBe('success');
    expect(await pending(id)).toEqual(['6-d1', '6-d3', '6-d7', '6-due', '6-k1', '6-late3', '6-w1']);
    const item = (await ledger().get(id))!;
    expect(item.history.find((h) => h.what === 'reject')).toMatchObject({ from: 'review', to: 'active', note: '佐证材料不足', by: LEADER });
  });
});
