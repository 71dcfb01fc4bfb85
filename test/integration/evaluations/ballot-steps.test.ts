import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../cards/validate.js';
import { counterField } from '../../../src/domain/evaluations/round.js';
import { answerSteppedBallot, tapsOf } from '../../helpers/ballot-steps.js';
import { startTestBot, type TestBot, campaignFile, exampleCampaign } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * The stepped ballot through signed callbacks (issue #14): a 5-person × 5-item ballot in the voter's own
 * chat, answered with the "全部…" shortcut and two changes, records exactly those choices.
 */

const voters = Array.from({ length: 6 }, (_, i) => `ou_stepper_${i + 1}`);
const example = exampleCampaign();
const campaignPath = campaignFile({
  ...example,
  members: { users: voters.map((openId) => ({ openId })), chats: [] },
  raterGroups: [{ key: 'cadres', name: '机关干部', weight: 1, members: { users: voters.map((openId) => ({ openId })), chats: [] } }],
});

const ADMIN = 'ou_admin_liu';
const str = (x: unknown) => JSON.stringify(x);
let bot: TestBot;
let roundId = '';
beforeAll(async () => {
  bot = await startTestBot({ campaignPath, now: () => TEST_START });
  const form = await bot.click(ADMIN, { a: 'ev.new' });
  const subjects = [...new Set([...str(form.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]))];
  const closes = new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';
  const created = await bot.click(ADMIN, { a: 'ev.create' }, {
    ev_title: '分步测评', ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes, ev_k: '5', ev_subj: subjects,
  });
  expect(created.toast.type, str(created)).toBe('success');
  roundId = (await store().list()).find((r) => r.title === '分步测评')!.id;
  expect((await bot.click(ADMIN, { a: 'ev.open', round: roundId })).toast.type).toBe('success');
  await bot.idle();
});
afterAll(async () => { await bot?.stop(); });

const store = () => bot.service.deps.ctx.store.evaluations;
const ballotOf = (openId: string) => bot.fake.messagesTo(openId).find((m) => str(m.content).includes('ev.step'))!.content;

describe('the stepped ballot, through signed callbacks', () => {
  it('the ballot in the direct message is the stepped card: first person, grade buttons, shortcut', async () => {
    const round = (await store().getMeta(roundId))!;
    expect([round.subjects.length, round.dimensions.length, round.scale.map((g) => g.label)]).toEqual([5, 5, ['好', '较好', '一般', '差']]);
    const card = ballotOf(voters[0]);
    expect(validateCard(card)).toEqual([]);
    expect(str(card)).toContain('第 1/5 位');
    const taps = tapsOf(card);
    expect(taps.filter((t) => t.value.op === 'all').map((t) => t.label)).toEqual(['好', '较好', '一般', '差']);
    expect(str(card)).toContain('全部评为');
    expect(taps.filter((t) => t.value.op === 'set')).toHaveLength(20);
  });

  it('the shortcut and two changes record exactly those choices, in ≤ 15 taps', async () => {
    const round = (await store().getMeta(roundId))!;
    const before = await store().tallies(roundId);
    const changes = [{ s: 0, d: 1, g: 1 }, { s: 3, d: 4, g: 3 }];
    const { answer, taps } = await answerSteppedBallot(
      (v, fv) => bot.click(voters[0], v, fv), ballotOf(voters[0]), { all: () => 0, changes }, round.dimensions.length,
    );
    expect(answer.toast.type, str(answer)).toBe('success');
    expect(taps).toBe(13);
    const after = await store().tallies(roundId);
    expect(before.ballots).toEqual({ cadres: 0, _other: 0 });
    expect(after.ballots).toEqual({ cadres: 1, _other: 0 });
    const expected: Record<string, number> = {};
    round.subjects.forEach((s, si) => round.dimensions.forEach((d, di) => {
      const g = changes.find((c) => c.s === si && c.d === di)?.g ?? 0;
      expected[counterField(s.key, d.key, round.scale[g].key, 'cadres')] = 1;
    }));
    const nonZero = Object.fromEntries(Object.entries(after.counts).filter(([, n]) => n > 0));
    expect(nonZero).toEqual(expected);
    expect(await store().turnout(roundId)).toMatchObject({ voted: 1 });
  });

  it('going on before a person is rated is refused with a toast; going back keeps every choice', async () => {
    const card = ballotOf(voters[1]);
    const next = tapsOf(card).find((t) => t.label === '下一位')!;
    const refused = await bot.click(voters[1], next.value);
    expect(refused.toast.type).toBe('warning');
    expect(refused.toast.content).toContain('每一项选择等次');
    expect(refused.card).toBeUndefined();
    const allFair = await bot.click(voters[1], tapsOf(card).find((t) => t.value.op === 'all' && t.label === '较好')!.value);
    const onward = await bot.click(voters[1], tapsOf(allFair.card.data).find((t) => t.label === '下一位')!.value);
    expect(str(onward.card.data)).toContain('第 2/5 位');
    const back = await bot.click(voters[1], tapsOf(onward.card.data).find((t) => t.label === '上一位')!.value);
    expect(str(back.card.data)).toContain('第 1/5 位');
    const marked = tapsOf(back.card.data).filter((t) => t.value.op === 'set' && t.label === '较好');
    expect(marked).toHaveLength(5);
    expect(str(back.card.data).match(/"primary_filled"/g)).toHaveLength(5);
  });

  it('a forged state, a second ballot and an outsider change nothing', async () => {
    const before = await store().tallies(roundId);
    const forged = await bot.click(voters[2], { a: 'ev.cast', round: roundId, s: '9'.repeat(25) });
    expect(forged.toast.type).toBe('warning');
    const short = await bot.click(voters[2], { a: 'ev.cast', round: roundId, s: '0'.repeat(24) });
    expect(short.toast.content).toContain('未选择');
    const again = await bot.click(voters[0], { a: 'ev.cast', round: roundId, s: '0'.repeat(25) });
    expect(again.toast.content).toContain('只能提交一次');
    for (const value of [
      { s: '-'.repeat(24), p: 0 }, { s: '-'.repeat(25), p: 0, op: 'set', i: 0, g: 4 }, { s: '-'.repeat(25), p: 0, op: 'all', i: 5, g: 0 },
      { s: '-'.repeat(25), p: 9 },
    ]) {
      const r = await bot.click(voters[2], { a: 'ev.step', round: roundId, ...value });
      expect([r.toast.content, r.card], str(value)).toEqual(['测评票无效，请重新发送「测评」打开测评票。', undefined]);
    }
    const outsider = await bot.click('ou_not_a_voter', { a: 'ev.step', round: roundId, s: '-'.repeat(25), p: 0 });
    expect(outsider.toast.content).toContain('不在本次测评的参评人员范围');
    expect(await store().tallies(roundId)).toEqual(before);
  });
});
