import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { createCalendar, instantOf } from '../../../src/domain/calendar.js';
import { ACTION_FORM, ITEM_FORM } from '../../../src/domain/ledger/form.js';
import { resendAt, submitRef } from '../../../src/domain/ledger/resend.js';
import { validateCard } from '../../../cards/validate.js';
import { loadCampaignFile } from '../../../src/campaign.js';
import type { FakeMessage } from '../../../src/local/fake-lark-server.js';
import { CAMPAIGN_PATH, startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * Ledger cards re-sent before Lark's 14-day limit, with real BullMQ and a controllable clock: the
 * owners' item card kept alive between the start and T−7 (keep-alive steps of the ladder's
 * generation), and the decider's extension and 销号 cards while still pending. Each delayed job is
 * promoted when the clock reaches its time.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const CO = 'ou_member_02';
const CO2 = 'ou_member_03';
const LEADER = 'ou_leader_zhao';
const TOP = 'ou_leader_wang';
const TZ = 'Asia/Shanghai';
let clock = instantOf('2027-07-01', '10:00', TZ); // a Thursday
let bot: TestBot;
let cal: ReturnType<typeof createCalendar>;

beforeAll(async () => {
  cal = createCalendar((await loadCampaignFile(CAMPAIGN_PATH)).calendar, TZ);
  bot = await startTestBot({ now: () => clock });
});
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const cardsTo = (openId: string, text: string): FakeMessage[] =>
  bot.fake.messages.filter((m) => m.receiveId === openId && str(m.content).includes(text));
// Direct messages only: the public board in the announce chat follows the items on its own queue.
const direct = (): FakeMessage[] => bot.fake.messages.filter((m) => m.receiveId.startsWith('ou_'));
const ledger = () => bot.service.deps.ctx.store.ledger;
const queue = () => bot.service.deps.queues.ledger;

const ASSIGNED = '您是这项整改事项的责任人';
const FRESH = '这是这项整改事项的最新卡片';
const MOVED = '这张卡片已停用';
const EXT = '责任人申请延期，烦请您审批';
const EXT_AGAIN = '延期申请仍在等待您审批';
const REVIEW = '责任人申请销号，烦请您审核';
const REVIEW_AGAIN = '销号申请仍在等待您审核';

/** Pending jobs of an item: its ladder (`<gen>-<step>`) and decision re-sends (`lgr-…`). */
async function pending(id: string): Promise<string[]> {
  const jobs = await queue().getJobs(['delayed', 'waiting', 'prioritized']);
  const ids = jobs.map((j) => j.id ?? '');
  return [
    ...ids.filter((j) => j.startsWith(`lad-${id}-`)).map((j) => j.slice(`lad-${id}-`.length)),
    ...ids.filter((j) => j.startsWith(`lgr-${id}-`)),
  ].sort();
}

function form(problem: string, deadline: string, coOwners: string[]) {
  const F = ITEM_FORM;
  return { [F.problem]: problem, [F.source]: 'self', [F.wind]: 'formalism', [F.goal]: '目标', [F.measures]: '措施', [F.owner]: OWNER,
    [F.leader]: LEADER, [F.coOwners]: coOwners, [F.deadline]: `${deadline} +0800`, [F.commitment]: '公开承诺' };
}

async function startItem(problem: string, deadline: string): Promise<string> {
  const r = await click(ADMIN, { v: 1, a: 'lg.save' }, form(problem, deadline, [CO]));
  expect(r.json.toast?.type, str(r.json)).toBe('success');
  const id = (await ledger().list()).find((i) => i.problem === problem)!.id;
  const a = await click(ADMIN, { v: 1, a: 'lg.activate', id });
  expect(a.json.toast?.type, str(a.json)).toBe('success');
  await bot.idle();
  return id;
}

/** Moves the clock to `at` and runs the job now (BullMQ's own delay is real time); its return value. */
async function fire(jobId: string, at: number): Promise<string> {
  clock = at;
  const job = await queue().getJob(jobId);
  expect(job, jobId).toBeDefined();
  await job!.promote();
  await bot.until(async () => (await queue().getJob(jobId))?.finishedOn !== undefined, 10_000, jobId);
  await bot.idle();
  return (await queue().getJob(jobId))!.returnvalue as string;
}

/** Runs the same job data once more under another jobId (a duplicate that escaped the stable jobId). */
async function again(jobId: string): Promise<string> {
  const data = (await queue().getJob(jobId))!.data;
  const dup = `dup-${jobId}`;
  await queue().add('again', data, { jobId: dup });
  await bot.until(async () => (await queue().getJob(dup))?.finishedOn !== undefined, 10_000, dup);
  await bot.idle();
  return (await queue().getJob(dup))!.returnvalue as string;
}

const steps = async (id: string) => (await ledger().get(id))!.history.filter((h) => h.what === 'step').map((h) => h.step);

describe('owners: the item card is kept alive until the ladder takes over', () => {
  const D = '2027-09-30'; // T−7 on 09-23: months after the start
  let id = '';
  let assignedAt = 0;

  it('a short window (T−7 within 13 days) schedules no re-send', async () => {
    const short = await startItem('短期整改', '2027-07-12');
    expect(await pending(short)).toEqual(['1-d1', '1-d3', '1-d7', '1-due', '1-late3', '1-w1']);
  });

  it('a long window schedules k1 13 days after the assign card', async () => {
    clock = instantOf('2027-07-01', '10:00', TZ);
    assignedAt = clock;
    id = await startItem('长期整改', D);
    expect(await pending(id)).toEqual(['1-d1', '1-d3', '1-d7', '1-due', '1-k1', '1-late3', '1-w1']);
    expect(cardsTo(OWNER, ASSIGNED).filter((m) => str(m.content).includes('长期整改'))).toHaveLength(1);
    expect(cardsTo(CO, ASSIGNED).filter((m) => str(m.content).includes('长期整改'))).toHaveLength(1);
  });

  it('k1 goes to the owners of now only, patches their previous card, and a second run sends nothing', async () => {
    // The admin replaces the co-owner (the deadline stays: same ladder generation).
    clock = instantOf('2027-07-05', '10:00', TZ);
    const e = await click(ADMIN, { v: 1, a: 'lg.save', id }, form('长期整改', D, [CO2]));
    expect(e.json.toast?.type, str(e.json)).toBe('success');
    expect((await ledger().get(id))!.gen).toBe(1);
    await bot.idle();
    // The new co-owner gets the item at once (handlers/ledger-admin.ts), the replaced one nothing more.
    expect(cardsTo(CO2, ASSIGNED).filter((m) => str(m.content).includes('长期整改'))).toHaveLength(1);
    const before = direct().length;

    const k1At = resendAt(assignedAt, cal);
    expect(await fire(`lad-${id}-1-k1`, k1At)).toBe('re-sent k1 to 2');
    expect(direct().length).toBe(before + 2);
    expect(cardsTo(OWNER, FRESH)).toHaveLength(1);
    expect(cardsTo(CO2, FRESH)).toHaveLength(1);
    expect(cardsTo(CO, FRESH)).toHaveLength(0);
    // The owner's assign card now points to the new one; the former co-owner's is left as it was.
    const ownerAssign = direct().filter((m) => m.receiveId === OWNER && m.patches.length > 0);
    expect(ownerAssign).toHaveLength(1);
    expect(str(ownerAssign[0]!.content)).toContain(MOVED);
    expect(direct().filter((m) => m.receiveId === CO && m.patches.length > 0)).toHaveLength(0);
    expect(await steps(id)).toEqual(['k1']);
    expect(await pending(id)).toContain('1-k2');

    const patches = direct().reduce((n, m) => n + m.patches.length, 0);
    expect(await again(`lad-${id}-1-k1`)).toBe('duplicate');
    expect(direct().length).toBe(before + 2);
    expect(direct().reduce((n, m) => n + m.patches.length, 0)).toBe(patches);
    expect(await steps(id)).toEqual(['k1']);
    for (const m of bot.fake.messages.filter((x) => x.receiveId === OWNER)) expect(validateCard(m.content)).toEqual([]);
  });

  it('k2 patches the k1 cards; the chain stops within a day of T−7', async () => {
    const k2At = resendAt(resendAt(assignedAt, cal), cal);
    expect(await fire(`lad-${id}-1-k2`, k2At)).toBe('re-sent k2 to 2');
    for (const p of [OWNER, CO2]) {
      expect(cardsTo(p, FRESH), p).toHaveLength(1);
      // Each has had two cards retired: the owner's assign card and k1; the new co-owner's card from the edit and k1.
      expect(cardsTo(p, MOVED).length, p).toBe(2);
    }
    // Play the chain out: every keep-alive 13 days after the last; none within a day of T−7 (09-23 09:00).
    let last = k2At;
    for (let n = 3; ; n++) {
      const jobs = await pending(id);
      if (!jobs.includes(`1-k${n}`)) break;
      last = resendAt(last, cal);
      expect(await fire(`lad-${id}-1-k${n}`, last)).toBe(`re-sent k${n} to 2`);
    }
    expect(await steps(id)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    const t7 = instantOf('2027-09-23', '09:00', TZ);
    expect(t7 - last).toBeGreaterThan(86_400_000);
    expect(t7 - last).toBeLessThanOrEqual(14 * 86_400_000);
    expect(cardsTo(OWNER, FRESH)).toHaveLength(1);
  });

  it('once the item is 待销号 no keep-alive is pending, and a stale one sends nothing', async () => {
    const keeps = (await steps(id)).length;
    clock = instantOf('2027-09-10', '10:00', TZ);
    const sub = await click(OWNER, { v: 1, a: 'lg.submit', id }, { [ACTION_FORM.summary]: '已完成' });
    expect(sub.json.toast?.type, str(sub.json)).toBe('success');
    await bot.idle();
    const h = submitRef((await ledger().get(id))!);
    expect(await pending(id)).toEqual([`lgr-${id}-v${h}-r1`]);
    const before = direct().length;
    await queue().add('keep', { kind: 'keep', item: id, gen: 1, n: keeps + 1 }, { jobId: `stale-${id}` });
    await bot.until(async () => (await queue().getJob(`stale-${id}`))?.finishedOn !== undefined, 10_000, 'stale');
    expect((await queue().getJob(`stale-${id}`))!.returnvalue).toBe('stale');
    await bot.idle();
    expect(direct().length).toBe(before);
  });

  it('the 销号 request is re-sent to the decider while still 待销号, the old card patched; none once signed off', async () => {
    const item = (await ledger().get(id))!;
    const h = submitRef(item);
    expect(cardsTo(LEADER, REVIEW)).toHaveLength(1);
    const r1At = resendAt(clock, cal);
    expect(await fire(`lgr-${id}-v${h}-r1`, r1At)).toBe(`re-sent v${h}r1 to 1`);
    expect(cardsTo(LEADER, REVIEW_AGAIN)).toHaveLength(1);
    expect(cardsTo(LEADER, REVIEW)).toHaveLength(0);
    expect(cardsTo(LEADER, MOVED)).toHaveLength(1);
    for (const p of [OWNER, CO2, TOP]) expect(cardsTo(p, REVIEW_AGAIN), p).toHaveLength(0);
    expect(await again(`lgr-${id}-v${h}-r1`)).toBe('duplicate');
    expect(cardsTo(LEADER, REVIEW_AGAIN)).toHaveLength(1);
    expect(await pending(id)).toEqual([`lgr-${id}-v${h}-r2`]);

    // Signed off from the re-sent card: round 2 finds nothing pending.
    const ok = await click(LEADER, { v: 1, a: 'lg.confirm', id }, {});
    expect(ok.json.toast?.type, str(ok.json)).toBe('success');
    await bot.idle();
    const before = direct().length;
    expect(await fire(`lgr-${id}-v${h}-r2`, resendAt(r1At, cal))).toBe('decided');
    expect(direct().length).toBe(before);
    expect((await steps(id)).filter((s) => s?.startsWith('v'))).toEqual([`v${h}r1`]);
  });
});

describe('deciders: an extension request still pending after 13 days is re-sent', () => {
  it('re-sent once to the leader with the old card patched; nothing after the decision', async () => {
    clock = instantOf('2027-08-02', '10:00', TZ); // a Monday
    const id = await startItem('延期整改', '2027-12-31');
    clock = instantOf('2027-08-03', '10:00', TZ);
    const ask = await click(OWNER, { v: 1, a: 'lg.extend', id }, {
      [ACTION_FORM.extendDay]: '2028-01-31 +0800', [ACTION_FORM.extendReason]: '需协调多个部门',
    });
    expect(ask.json.toast?.type, str(ask.json)).toBe('success');
    await bot.idle();
    const n = (await ledger().get(id))!.extension!.n;
    const mine = () => cardsTo(LEADER, '延期整改');
    expect(mine().filter((m) => str(m.content).includes(EXT))).toHaveLength(1);
    expect(await pending(id)).toEqual(expect.arrayContaining([`lgr-${id}-x${n}-r1`, '1-k1']));

    const r1At = resendAt(clock, cal);
    expect(await fire(`lgr-${id}-x${n}-r1`, r1At)).toBe(`re-sent x${n}r1 to 1`);
    expect(mine().filter((m) => str(m.content).includes(EXT_AGAIN))).toHaveLength(1);
    expect(mine().filter((m) => str(m.content).includes(EXT))).toHaveLength(0);
    expect(cardsTo(LEADER, MOVED).filter((m) => str(m.content).includes('延期整改'))).toHaveLength(1);
    for (const p of [OWNER, CO, TOP, ADMIN]) {
      expect(cardsTo(p, EXT_AGAIN).filter((m) => str(m.content).includes('延期整改')), p).toHaveLength(0);
    }
    const count = direct().length;
    expect(await again(`lgr-${id}-x${n}-r1`)).toBe('duplicate');
    expect(direct().length).toBe(count);

    // Approved from the re-sent card: the ladder restarts (gen 2); the next round finds nothing pending.
    const yes = await click(LEADER, { v: 1, a: 'lg.extDecide', id, n, ok: true });
    expect(yes.json.toast?.type, str(yes.json)).toBe('success');
    await bot.idle();
    const jobs = await pending(id);
    expect(jobs.filter((j) => j.startsWith('1-'))).toEqual([]);
    // Generation 1's k1 was removed. The owners' cards, sent at the start, are 14 days old by now (that k1 was
    // never run here): the new generation re-sends them at once (k1) and keeps them alive (k2).
    expect(jobs).toEqual(expect.arrayContaining(['2-d7', '2-k2']));
    expect(cardsTo(OWNER, FRESH).filter((m) => str(m.content).includes('延期整改'))).toHaveLength(1);
    expect((await ledger().get(id))!.history.filter((h) => h.what === 'step').map((h) => `${h.gen}-${h.step}`))
      .toEqual([`1-x${n}r1`, '2-k1']);
    const before = direct().length;
    expect(await fire(`lgr-${id}-x${n}-r2`, resendAt(r1At, cal))).toBe('decided');
    expect(direct().length).toBe(before);
    for (const m of bot.fake.messages.filter((x) => x.receiveId === LEADER)) expect(validateCard(m.content)).toEqual([]);
  });
});
