import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { ballotPages } from '../../../src/domain/evaluations/ballot.js';
import { computeResults, rowOf } from '../../../src/domain/evaluations/results.js';
import { validateCard } from '../../../cards/validate.js';
import { resendBallots } from '../../../handlers/evaluations/steps/resend.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { ledgerItemSchema, newItemId } from '../../../src/domain/ledger/item.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';
import { startTestBot, type TestBot, campaignFile, exampleCampaign } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

// 30 voters: 20 机关干部 (weight 0.6) and 10 离退休干部 (weight 0.4).
const voters = Array.from({ length: 30 }, (_, i) => `ou_voter_${String(i + 1).padStart(2, '0')}`);
const example = exampleCampaign();
const campaign = {
  ...example,
  members: { users: voters.map((openId, i) => ({ openId, name: `投票人${i + 1}` })), chats: [] },
  raterGroups: [
    { key: 'cadres', name: '机关干部', weight: 0.6, members: { users: voters.slice(0, 20).map((openId) => ({ openId })), chats: [] } },
    { key: 'retired', name: '离退休干部', weight: 0.4, members: { users: voters.slice(20).map((openId) => ({ openId })), chats: [] } },
  ],
};
const campaignPath = campaignFile(campaign);

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ campaignPath }); });
afterAll(async () => { await bot?.stop(); });

const ADMIN = 'ou_admin_liu';
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const str = (x: unknown) => JSON.stringify(x);
const tomorrow = () => new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';
const store = () => bot.service.deps.ctx.store.evaluations;

async function createRound(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const form = await click(ADMIN, { v: 1, a: 'ev.new' });
  expect(validateCard(form.json.card.data)).toEqual([]);
  const subjects = [...str(form.json.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]);
  const r = await click(ADMIN, { v: 1, a: 'ev.create' }, {
    ev_title: title, ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: tomorrow(), ev_k: '5', ev_subj: [...new Set(subjects)],
    ...extra,
  });
  expect(r.json.toast.type, str(r.json)).toBe('success');
  const round = (await store().list()).find((x) => x.title === title)!;
  expect(round.status).toBe('draft');
  return round.id;
}

/** Votes through the pages exactly as a voter's clicks would, choosing grade `g` everywhere. */
async function vote(openId: string, roundId: string, g: number) {
  const round = (await store().getMeta(roundId))!;
  const pages = ballotPages(round);
  let prior = '';
  let last: any;
  for (const page of pages) {
    const fv = Object.fromEntries(page.cells.map((c) => [`c${c.index}`, round.scale[g].key]));
    last = await click(openId, { v: 1, a: 'ev.vote', round: roundId, page: page.index, prior }, fv);
    if (last.json.card) {
      expect(validateCard(last.json.card.data)).toEqual([]);
      prior = /"prior":"([0-9]*)"/.exec(str(last.json.card.data))?.[1] ?? prior;
    }
  }
  return last.json;
}

describe('a democratic evaluation round, end to end through signed callbacks', () => {
  let r1 = '';

  it('an admin creates and opens a round: every voter gets a ballot by direct message', async () => {
    r1 = await createRound('第一次民主测评');
    const open = await click(ADMIN, { v: 1, a: 'ev.open', round: r1 });
    expect(open.json.toast.type).toBe('success');
    await bot.idle();
    for (const v of voters) {
      const ballots = bot.fake.messagesTo(v).filter((m) => str(m.content).includes('ev.step'));
      expect(ballots, v).toHaveLength(1);
      expect(validateCard(ballots[0].content)).toEqual([]);
    }
    expect(ballotPages((await store().getMeta(r1))!).length).toBeGreaterThan(1);
  });

  it('24 of 30 vote; a second ballot, an outsider and a half-filled page are refused', async () => {
    for (let i = 0; i < 24; i++) {
      const res = await vote(voters[i], r1, (i + 1) % 4);
      expect(res.toast.type, voters[i]).toBe('success');
      expect(str(res.card.data)).not.toContain('ev.vote');
    }
    expect((await vote(voters[0], r1, 0)).toast.content).toContain('只能提交一次');
    expect((await vote('ou_outsider', r1, 0)).toast.content).toContain('不在本次测评的参评人员范围');
    const half = await click(voters[29], { v: 1, a: 'ev.vote', round: r1, page: 0, prior: '' }, { c0: '好' });
    expect(half.json.toast.type).toBe('warning');
    expect(await store().turnout(r1)).toEqual({ voted: 24, electorate: 30 });
  });

  it('reminders reach exactly the six non-voters; admins see a count, never names', async () => {
    const r = await click(ADMIN, { v: 1, a: 'ev.remind', round: r1 });
    expect(r.json.toast.content).toContain('6');
    await bot.idle();
    voters.forEach((v, i) => {
      const ballots = bot.fake.messagesTo(v).filter((m) => str(m.content).includes('ev.step'));
      expect(ballots, v).toHaveLength(i < 24 ? 1 : 2);
    });
  });

  it('close: results to admins and supervisors, matching a hand computation, small cells suppressed; late votes refused', async () => {
    const closed = await click(ADMIN, { v: 1, a: 'ev.close', round: r1 });
    expect(closed.json.toast.type).toBe('success');
    expect((await vote(voters[25], r1, 0)).toast.content).toContain('已经结束');
    await bot.idle();
    const toSupervisor = bot.fake.messagesTo('ou_super_wu').at(-1)!;
    expect(validateCard(toSupervisor.content)).toEqual([]);
    expect(str(toSupervisor.content)).toContain('样本不足');
    // Grades by voter i: (i+1) % 4 → 6 each of 好/较好/一般/差 among 24 ballots.
    const round = (await store().getMeta(r1))!;
    const results = computeResults(round, await store().tallies(r1), { k: round.k });
    const row = rowOf(results, 'team', round.dimensions[0].key)!;
    expect(row.total).toMatchObject({ shown: true, stats: { valid: 24, rate: 0.5 } });
    expect((row.total as { stats: { mean: number } }).stats.mean).toBeCloseTo(60, 5);
    // 离退休干部: 4 ballots < k → 样本不足, and 机关干部 hidden too so 4 cannot be derived from the total.
    expect(row.cells.retired).toMatchObject({ shown: false, reason: 'small' });
    expect(row.cells.cadres).toMatchObject({ shown: false, reason: 'complementary' });
    // Members may not see results.
    expect((await click(voters[0], { v: 1, a: 'ev.results', round: r1 })).json.toast.type).toBe('error');
    const viaButton = await click('ou_super_zheng', { v: 1, a: 'ev.results', round: r1 });
    expect(validateCard(viaButton.json.card.data)).toEqual([]);
  });

  it('a second round with the first as its baseline shows the change', async () => {
    const r2 = await createRound('第二次民主测评', { ev_base: r1 });
    await click(ADMIN, { v: 1, a: 'ev.open', round: r2 });
    for (let i = 0; i < 30; i++) expect((await vote(voters[i], r2, 0)).toast.type).toBe('success');
    await click(ADMIN, { v: 1, a: 'ev.close', round: r2 });
    const res = await click(ADMIN, { v: 1, a: 'ev.results', round: r2 });
    expect(validateCard(res.json.card.data)).toEqual([]);
    expect(str(res.json.card.data)).toContain('第一次民主测评');
  });

  it('a round open longer than 13 days re-sends unanswered ballots before Lark\'s 14-day limit ' +
    'and points the old card to the new one', async () => {
    const far = new Date(TEST_START + 20 * 86_400_000).toISOString().slice(0, 10) + ' +0800';
    const r3 = await createRound('长周期测评', { ev_closes: far });
    await click(ADMIN, { v: 1, a: 'ev.open', round: r3 });
    expect(await bot.service.deps.queues.evaluation.getJob(`resend-${r3}-1`)).toBeTruthy();
    await bot.idle();
    for (let i = 0; i < 10; i++) await vote(voters[i], r3, 1);
    const sent = await resendBallots(r3, 1, bot.service.deps.ctx);
    expect(sent).toBe(20);
    await bot.idle();
    // Those who voted get nothing new: still the one ballot of the first send, not patched.
    const mine = bot.fake.messagesTo(voters[0]).filter((m) => str(m.content).includes(r3));
    expect(mine).toHaveLength(1);
    expect(mine[0].patches).toHaveLength(0);
    const late = bot.fake.messagesTo(voters[15]).filter((m) => str(m.content).includes('长周期测评') || m.patches.length > 0);
    expect(late.some((m) => m.patches.length === 1 && str(m.content).includes('已过期'))).toBe(true);
    expect(late.filter((m) => m.patches.length === 0 && str(m.content).includes('ev.step'))).toHaveLength(1);
    // Still open for more than 13 days after this send: the next generation is scheduled.
    expect(await bot.service.deps.queues.evaluation.getJob(`resend-${r3}-2`)).toBeTruthy();
  });

  it('a satisfaction round below the target records 继续整改 for the dashboard and the ledger', async () => {
    const r4 = await createRound('满意度测评', { ev_kind: 'satisfaction' });
    await click(ADMIN, { v: 1, a: 'ev.open', round: r4 });
    for (let i = 0; i < 20; i++) expect((await vote(voters[i], r4, i < 15 ? 2 : 0)).toast.type).toBe('success');
    // Two ledger items tied to this round (one by its source, one linked by an admin, already signed off), one not.
    const ledger = bot.service.deps.ctx.store.ledger;
    const make = async (problem: string, over: Record<string, unknown>) => {
      const base = newItem({
        problem, source: { kind: 'self' }, wind: 'other', goal: '', measures: '', owner: 'ou_admin_chen', leader: 'ou_leader_zhao',
        coOwners: [], deadline: '2027-06-30', milestones: [], commitment: '', linkedRounds: [],
      }, newItemId(), { by: ADMIN, now: bot.service.deps.ctx.now() });
      return ledger.create(
        ledgerItemSchema.parse({ ...base, ...over }), { at: bot.service.deps.ctx.now(), actor: ADMIN, action: 'ledger.create', detail: {} },
      );
    };
    const bySource = await make('服务职工不到位', { status: 'review', source: { kind: 'evaluation', ref: r4 } });
    const linked = await make('办事效率低', { status: 'closed', linkedRounds: [r4] });
    const other = await make('无关事项', { status: 'closed' });
    await click(ADMIN, { v: 1, a: 'ev.close', round: r4 });
    expect(await store().verdict(r4)).toBe('continue');
    for (const it of [bySource, linked]) {
      const now = (await ledger.get(it.id))!;
      expect(now.status, it.problem).toBe('active');
      expect(now.needsDeadline, it.problem).toBe(true);
    }
    expect((await ledger.get(other.id))!.status).toBe('closed');
    await bot.until(
      () => bot.fake.messagesTo(ADMIN).some((m) => str(m.content).includes('办事效率低')), 10_000, 'admins asked for new deadlines',
    );
    const audit = await bot.service.deps.ctx.store.audit.recent();
    expect(audit.find((a) => a.action === 'evaluation.verdict')).toMatchObject({ detail: { round: r4, verdict: 'continue' } });
    const res = await click(ADMIN, { v: 1, a: 'ev.results', round: r4 });
    expect(str(res.json.card.data)).toContain('继续整改');
  });

  it('anonymity: the register holds only HMACs, the box only counters; no voter id beside any grade', async () => {
    await bot.idle();
    const dump = await dumpPrefix(testRedisUrl(), bot.prefix);
    for (const [key, value] of dump) {
      const hasVoter = voters.some((v) => key.includes(v) || value.includes(v));
      if (hasVoter) expect(key, `voter id in ${key}`).toMatch(/:\{ev:[^}]+\}:voters$/);
      if (/:register$/.test(key)) expect(value).not.toContain('ou_');
      if (/:box$/.test(key)) expect(value).not.toContain('ou_');
    }
    const logs = bot.logs.join('\n');
    for (const v of voters) expect(logs).not.toContain(v);
  });
});
