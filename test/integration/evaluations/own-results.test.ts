import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { computeResults, rowOf } from '../../../src/domain/evaluations/results.js';
import { defaultRound, leaderSubjectKey, type Choices } from '../../../src/domain/evaluations/round.js';
import { eligibilityHmac, registerHmac } from '../../../src/domain/evaluations/voter-hmacs.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot, campaignFile, exampleCampaign } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * 我的测评结果 (issue 16): a leader opens the cells about them of a closed round, with the round's k and its
 * complementary suppression as the admins' results apply them, and nobody else's: the button names the round
 * only, a value naming another subject does not parse, a member or an admin who is no leader is refused.
 */

// 6 机关干部 and 2 离退休干部 vote (k = 5): the retired cell is too small, the cadres cell hidden with it.
const cadres = Array.from({ length: 6 }, (_, i) => `ou_voter_c${i}`);
const retired = ['ou_voter_r0', 'ou_voter_r1'];
const example = exampleCampaign();
const campaign = {
  ...example,
  members: { users: [...cadres, ...retired].map((openId, i) => ({ openId, name: `投票人${i + 1}` })), chats: [] },
  raterGroups: [
    { key: 'cadres', name: '机关干部', members: { users: cadres.map((openId) => ({ openId })), chats: [] } },
    { key: 'retired', name: '离退休干部', members: { users: retired.map((openId) => ({ openId })), chats: [] } },
  ],
};
const campaignPath = campaignFile(campaign);

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ campaignPath }); });
afterAll(async () => { await bot?.stop(); });

const ADMIN = 'ou_admin_liu';
const WANG = 'ou_leader_wang';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const p2p = (openId: string) => bot.fake.state.p2pChatId(openId);
const say = (openId: string, text: string) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text }));
const click = async (openId: string, value: Record<string, unknown>) =>
  (await bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value: { v: 1, ...value } }))).json;
const str = (x: unknown) => JSON.stringify(x);

let roundId = '';

describe('我的测评结果', () => {
  it('a round about the team, 王主席 and 赵副主席 (not 孙副主席): everyone votes 好 for 王, 差 for 赵', async () => {
    const { store, anonSecret, campaign: c } = bot.service.deps.ctx;
    const round = defaultRound(c, {
      title: '第一次民主测评', kind: 'democratic', closesAt: TEST_START + 7 * 86_400_000, createdBy: ADMIN, now: TEST_START,
      subjectKeys: ['team', leaderSubjectKey(WANG), leaderSubjectKey(ZHAO)],
    });
    roundId = round.id;
    const entry = (action: string) => ({ at: TEST_START, actor: ADMIN, action, detail: {} });
    await store.evaluations.create(round, entry('evaluation.create'));
    await store.evaluations.open(round.id, TEST_START, entry('evaluation.open'), (u) => eligibilityHmac(anonSecret, round.id, u));
    const grade = (s: string) => (s === leaderSubjectKey(ZHAO) ? 'poor' : 'good');
    const choices: Choices = Object.fromEntries(
      round.subjects.flatMap((s) => round.dimensions.map((d) => [`${s.key}|${d.key}`, grade(s.key)])));
    for (const v of [...cadres, ...retired]) {
      const group = cadres.includes(v) ? 'cadres' : 'retired';
      expect(await store.evaluations.castBallot(round.id, registerHmac(anonSecret, round.id, v), group, choices, TEST_START)).toBe('ok');
    }
  });

  it('while the round is open nobody sees anything; a member and an admin who is no leader are refused', async () => {
    expect((await click(ZHAO, { a: 'ev.mine', round: roundId })).toast.type).toBe('warning');
    expect((await click(ADMIN, { a: 'ev.close', round: roundId })).toast.type).toBe('success');
    for (const who of [cadres[0], ADMIN, 'ou_super_wu', 'ou_outsider_x1']) {
      const r = await click(who, { a: 'ev.mine', round: roundId });
      expect(r.toast.type, who).toBe('error');
      expect(r.card, who).toBeUndefined();
    }
  });

  it('测评 lists the closed round for each leader it is about, not for a member or a leader it is not about', async () => {
    for (const who of [ZHAO, SUN, cadres[0]]) await say(who, '测评');
    await bot.idle();
    const last = (who: string) => str(bot.fake.messagesTo(p2p(who)).at(-1)?.content);
    expect(last(ZHAO)).toContain(`"a":"ev.mine","round":"${roundId}"`);
    expect(validateCard(bot.fake.messagesTo(p2p(ZHAO)).at(-1)!.content)).toEqual([]);
    expect(last(SUN)).not.toContain('ev.mine');
    expect(last(cadres[0])).not.toContain('ev.mine');
  });

  it('赵 sees his own rows only, each total as the admins\' results show it, the group cells hidden below k', async () => {
    const r = await click(ZHAO, { a: 'ev.mine', round: roundId });
    expect(validateCard(r.card.data)).toEqual([]);
    const text = str(r.card.data);
    expect(text).toContain('我的测评结果');
    // Every item is 差 for him: 0.0%; 王主席's 100.0% and name appear nowhere.
    expect(text).toContain('0.0%');
    expect(text).not.toContain('100.0%');
    expect(text).not.toContain('王主席');
    expect(text).not.toContain('领导班子');
    // The admin's figures, computed the one way: total shown (8 ≥ k), the retired cell 样本不足, the cadres cell 已隐藏.
    const { store } = bot.service.deps.ctx;
    const meta = (await store.evaluations.getMeta(roundId))!;
    const results = computeResults(meta, await store.evaluations.tallies(roundId), { k: meta.k });
    const row = rowOf(results, leaderSubjectKey(ZHAO), 'overall')!;
    expect(row.total.shown).toBe(true);
    expect(row.cells.retired).toEqual({ shown: false, reason: 'small' });
    expect(row.cells.cadres).toEqual({ shown: false, reason: 'complementary' });
    expect(text).toContain('样本不足');
    expect(text).toContain('已隐藏');
    expect(text).not.toContain('（6）');
    expect(text).not.toContain('（2）');
  });

  it('王 sees his; 孙, not a subject, is told so; a value naming another leader does not parse', async () => {
    const wang = await click(WANG, { a: 'ev.mine', round: roundId });
    expect(str(wang.card.data)).toContain('100.0%');
    expect(str(wang.card.data)).not.toContain('赵副主席');
    const sun = await click(SUN, { a: 'ev.mine', round: roundId });
    expect(sun.toast.type).toBe('warning');
    expect(sun.card).toBeUndefined();
    for (const forged of [{ subject: leaderSubjectKey(WANG) }, { openId: WANG }, { leader: WANG }]) {
      const r = await click(ZHAO, { a: 'ev.mine', round: roundId, ...forged });
      expect(r.card, str(forged)).toBeUndefined();
      expect(str(r)).not.toContain('100.0%');
    }
  });
});
