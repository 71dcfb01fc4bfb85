import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { ballotPages } from '../../../src/domain/evaluations/ballot.js';
import { computeResults, rowOf } from '../../../src/domain/evaluations/results.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * Issue #14, the admin side of a round, on the example campaign file (班子成员 4 people, weight 0.2; 机关干部 8, weight 0.4;
 * 服务对象, weight 0.4, nobody in Lark: issue #17):
 * the electorate from the rater groups, the start and close confirmations, the below-k hints, the live round list.
 */

const ADMIN = 'ou_admin_liu';
const LEADERS = ['ou_leader_wang', 'ou_leader_zhao', 'ou_leader_sun', 'ou_leader_zhou'];
const CADRES = Array.from({ length: 8 }, (_, i) => `ou_member_0${i + 1}`);
const str = (x: unknown) => JSON.stringify(x);
const closes = () => new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';

let now = TEST_START;
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ now: () => now }); });
afterAll(async () => { await bot?.stop(); });

const store = () => bot.service.deps.ctx.store.evaluations;
/** A signed click, from the message `messageId` when given (the admin's list card). */
const click = async (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>, messageId?: string) =>
  (await bot.push('card.action.trigger', cardActionEvent({
    operatorOpenId: openId, value: { v: 1, ...value }, formValue, openChatId: bot.fake.state.p2pChatId(openId),
    ...(messageId ? { openMessageId: messageId } : {}),
  }))).json;

async function createRound(title: string, k: number): Promise<string> {
  const form = await click(ADMIN, { a: 'ev.new' });
  const subjects = [...new Set([...str(form.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]))];
  const r = await click(ADMIN, { a: 'ev.create' }, {
    ev_title: title, ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes(), ev_k: String(k), ev_subj: subjects.slice(0, 2),
  });
  expect(r.toast.type, str(r)).toBe('success');
  return (await store().list()).find((x) => x.title === title)!.id;
}

/** One voter's ballot, page by page as their clicks would send it, grade `g` in every cell. */
async function vote(openId: string, roundId: string, g: number) {
  const round = (await store().getMeta(roundId))!;
  let prior = '';
  let last: any;
  for (const page of ballotPages(round)) {
    const fv = Object.fromEntries(page.cells.map((c) => [`c${c.index}`, round.scale[g].key]));
    last = await click(openId, { a: 'ev.vote', round: roundId, page: page.index, prior }, fv);
    prior = /"prior":"([0-9]*)"/.exec(str(last.card?.data))?.[1] ?? prior;
  }
  expect(last.toast.type, openId).toBe('success');
}

describe('a round with the example campaign file’s rater groups', () => {
  let r1 = '';

  it('reaches the leaders: the electorate is both groups, shown by group, and 开始 says how many get a ballot', async () => {
    r1 = await createRound('第一次民主测评', 4);
    const voters = await store().voters(r1);
    expect(Object.keys(voters).sort()).toEqual([...LEADERS, ...CADRES].sort());
    for (const l of LEADERS) expect(voters[l]).toBe('team');
    for (const c of CADRES) expect(voters[c]).toBe('cadres');

    const seen = await click(ADMIN, { a: 'ev.voters', round: r1, page: 0 });
    expect(validateCard(seen.card.data)).toEqual([]);
    expect(str(seen.card.data)).toContain('班子成员：4 人（权重 0.2）');
    expect(str(seen.card.data)).toContain('机关干部：8 人（权重 0.4）');
    expect(str(seen.card.data)).toContain('王主席');

    const list = await click(ADMIN, { a: 'ev.list' });
    expect(str(list.card.data)).toContain('将向 12 人发送测评票（班子成员 4 人、机关干部 8 人）');
  });

  it('the server re-checks: a start whose electorate changed since the confirmation is refused, and changes nothing', async () => {
    const out = await click(ADMIN, { a: 'ev.votersGroup', round: r1, group: 'team', include: false });
    expect(out.toast.content).toContain('本轮参评人员现为 8 人');
    const stale = await click(ADMIN, { a: 'ev.open', round: r1, n: 12 });
    expect(stale.toast.type).toBe('warning');
    expect(stale.toast.content).toContain('参评人员已变为 8 人');
    expect((await store().getMeta(r1))!.status).toBe('draft');
    // Put back, then a member added by hand and removed again: the electorate is the file's once more.
    await click(ADMIN, { a: 'ev.votersGroup', round: r1, group: 'team', include: true });
    await click(ADMIN, { a: 'ev.voter', round: r1, op: 'add' }, { ev_person: 'ou_super_wu', ev_vgroup: 'cadres' });
    expect((await store().voters(r1)).ou_super_wu).toBe('cadres');
    await click(ADMIN, { a: 'ev.voter', round: r1, op: 'remove' }, { ev_person: 'ou_super_wu' });
    const bad = await click(ADMIN, { a: 'ev.voter', round: r1, op: 'add' }, { ev_person: 'ou_stranger', ev_vgroup: 'cadres' });
    expect(bad.toast.type).toBe('warning');
    expect(Object.keys(await store().voters(r1))).toHaveLength(12);
    const audit = str(await bot.service.deps.ctx.store.audit.recent(50));
    expect(audit).toContain('evaluation.electorate');
  });

  it('opens: every leader and cadre gets a ballot; the electorate cannot change any more', async () => {
    const open = await click(ADMIN, { a: 'ev.open', round: r1, n: 12 });
    expect(open.toast.type, str(open)).toBe('success');
    await bot.idle();
    for (const u of [...LEADERS, ...CADRES]) {
      expect(bot.fake.messagesTo(u).filter((m) => str(m.content).includes('ev.step')), u).toHaveLength(1);
    }
    const late = await click(ADMIN, { a: 'ev.votersGroup', round: r1, group: 'team', include: false });
    expect(late.toast.content).toContain('测评已经开始');
  });

  it('the admin’s 测评 list stays live: turnout patched in place as ballots arrive, at most once a second', async () => {
    const eventId = 'ev-live-list-1';
    await bot.push('im.message.receive_v1', messageEvent({
      senderOpenId: ADMIN, chatId: bot.fake.state.p2pChatId(ADMIN), chatType: 'p2p', text: '测评' }), { eventId });
    await bot.idle();
    const sent = bot.fake.messagesTo(bot.fake.state.p2pChatId(ADMIN)).filter((m) => str(m.content).includes('"ev.new"')).at(-1)!;
    expect(str(sent.content)).toContain('已投 0 / 12 人');
    const q = bot.service.deps.queues.evaluation;
    const seconds = new Set<number>();
    // Two bursts, each inside one second of the campaign clock; the queue is held during a burst so the
    // burst's ballots are all in before its refresh runs (no dependence on how fast the machine is).
    const grades = (u: string) => (LEADERS.includes(u) ? 0 : 2);
    for (const [i, burst] of [[...LEADERS, ...CADRES.slice(0, 2)], CADRES.slice(2, 5)].entries()) {
      now = TEST_START + 10_000 + i * 1000;
      await q.pause();
      for (const u of burst) {
        await vote(u, r1, grades(u));
        seconds.add(Math.floor(now / 1000));
      }
      await q.resume();
      const total = i === 0 ? 6 : 9;
      await bot.until(() => str(bot.fake.state.messages.find((m) => m.messageId === sent.messageId)!.content)
        .includes(`已投 ${total} / 12 人`), 10_000, `the list card to show ${total} ballots`);
    }
    const patches = bot.fake.state.messages.find((m) => m.messageId === sent.messageId)!.patches;
    expect(patches.length).toBeGreaterThanOrEqual(1);
    expect(patches.length).toBeLessThanOrEqual(seconds.size);
    // Counts only: no voter's id or name in any patch.
    for (const u of [...LEADERS, ...CADRES]) expect(str(patches)).not.toContain(u);

    // A click that shows another card on that message (the new-round form) stops the live patches there.
    await click(ADMIN, { a: 'ev.new' }, undefined, sent.messageId);
    now += 1000;
    await vote(CADRES[5], r1, 2);
    // That ballot's refresh job (id of the next second of the campaign clock) ran and was removed.
    const job = `live-${Math.floor(now / 1000) + 1}`;
    await bot.until(async () => (await q.getJob(job)) === undefined, 10_000, 'the last refresh to run');
    await bot.idle();
    expect(bot.fake.state.messages.find((m) => m.messageId === sent.messageId)!.patches).toHaveLength(patches.length);
  });

  it('closing early says how many voted and that no more ballots will be taken', async () => {
    const list = await click(ADMIN, { a: 'ev.list' });
    expect(str(list.card.data)).toContain('目前已有 10 / 12 人提交。结束后不再接受测评票');
    await vote(CADRES[6], r1, 2);
    await vote(CADRES[7], r1, 2);
    expect((await click(ADMIN, { a: 'ev.close', round: r1 })).toast.type).toBe('success');
  });

  it('weights the groups as the file says: 0.2 × 班子成员 + 0.4 × 机关干部, renormalised (服务对象 cast no ballot)', async () => {
    await bot.idle();
    const meta = (await store().getMeta(r1))!;
    const res = computeResults(meta, await store().tallies(r1));
    expect(res.groups.find((g) => g.key === 'team')!.effectiveWeight).toBe(0.2);
    expect(res.groups.find((g) => g.key === 'cadres')!.effectiveWeight).toBe(0.4);
    expect(res.groups.find((g) => g.key === 'served')!.effectiveWeight).toBe(0.4);
    const row = rowOf(res, meta.subjects[0].key, meta.dimensions[0].key)!;
    // Leaders gave 好 (100 points), cadres 一般 (60): (0.2 × 100 + 0.4 × 60) / 0.6 = 73.3; 服务对象 has no ballot (not partial).
    expect(row.weighted!.score).toBeCloseTo(220 / 3, 9);
    expect(row.weighted).toMatchObject({ partial: false });
    expect(row.weighted!.rate).toBeCloseTo(1 / 3, 9);
    const card = bot.fake.messagesTo(ADMIN).filter((m) => str(m.content).includes('测评结果')).at(-1)!;
    expect(str(card.content)).toContain('"w":"73.3"');
    expect(str(card.content)).not.toContain('"w":"73.3*"');
    expect(str(card.content)).not.toContain('部分群体样本不足');
  });
});

describe('below k', () => {
  it('the results say how many more valid ballots would show each hidden group, and that a group smaller than k never shows alone',
    async () => {
      const r2 = await createRound('第二次民主测评', 5);
      // The start confirmation already says the leaders' group is too small to show on its own.
      expect(str((await click(ADMIN, { a: 'ev.list' })).card.data)).toContain('班子成员的人数少于匿名保护人数 5，其结果不会单独显示。');
      expect((await click(ADMIN, { a: 'ev.open', round: r2, n: 12 })).toast.type).toBe('success');
      for (const u of CADRES.slice(0, 3)) await vote(u, r2, 1);
      expect((await click(ADMIN, { a: 'ev.close', round: r2 })).toast.type).toBe('success');
      const res = await click(ADMIN, { a: 'ev.results', round: r2 });
      expect(validateCard(res.card.data)).toEqual([]);
      const text = str(res.card.data);
      expect(text).toContain('机关干部：再有 2 张有效票即可显示。');
      expect(text).toContain('班子成员：参评人员只有 4 人，少于匿名保护人数 5，不会单独显示。');
      expect(text).toContain('合计：再有 2 张有效票即可显示。');
    });
});
