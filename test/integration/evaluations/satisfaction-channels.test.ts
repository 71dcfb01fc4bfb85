import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { ballotPages } from '../../../src/domain/evaluations/ballot.js';
import { defaultRound, type Choices, type RoundMeta } from '../../../src/domain/evaluations/round.js';
import { paperField } from '../../../src/domain/evaluations/paper.js';
import { linkChannel, newLinkId, newLinkToken } from '../../../src/domain/outreach/link.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { ledgerItemSchema, newItemId } from '../../../src/domain/ledger/item.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * Issue #17, "done when": a satisfaction round voted by members in Lark and by two outreach links (the people served)
 * reaches its verdict from all three, weighted by the example campaign's rater groups (班子成员 0.2, 机关干部 0.4,
 * 服务对象 0.4), and a below-target verdict reopens the linked ledger items. The links' ratings are cast into their
 * channel boxes directly (the page that casts them over HTTP is tested with the page). Third-party paper tallies count too.
 */

const ADMIN = 'ou_admin_liu';
const cadres = Array.from({ length: 8 }, (_, i) => `ou_member_0${i + 1}`);
const SAT = 'sat';
const BASIC = 'basic';
const UNSAT = 'unsat';

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({}); });
afterAll(async () => { await bot?.stop(); });

const ctx = () => bot.service.deps.ctx;
const store = () => ctx().store.evaluations;
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const str = (x: unknown) => JSON.stringify(x);
const closes = () => `${new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10)} +0800`;
const DAY = new Date(TEST_START).toISOString().slice(0, 10);

/** A satisfaction round about 领导班子 only (four items), created through the admin's form. */
async function createRound(title: string): Promise<RoundMeta> {
  const r = await click(ADMIN, { v: 1, a: 'ev.create' }, {
    ev_title: title, ev_kind: 'satisfaction', ev_mode: 'electronic', ev_closes: closes(), ev_k: '5', ev_subj: ['team'],
  });
  expect(r.json.toast.type, str(r.json)).toBe('success');
  return (await store().list()).find((x) => x.title === title)!;
}

/** Votes through the ballot's pages as a voter's clicks would: the same grade on every item. */
async function vote(openId: string, round: RoundMeta, grade: string) {
  let prior = '';
  let last: any;
  for (const page of ballotPages(round)) {
    const fv = Object.fromEntries(page.cells.map((c) => [`c${c.index}`, grade]));
    last = await click(openId, { v: 1, a: 'ev.vote', round: round.id, page: page.index, prior }, fv);
    if (last.json.card) prior = /"prior":"([0-9]*)"/.exec(str(last.json.card.data))?.[1] ?? prior;
  }
  expect(last.json.toast.type, str(last.json)).toBe('success');
}

/** An outreach link for a visit, attached to the round, its ratings counted in 服务对象. */
async function link(round: RoundMeta, contact: string) {
  const now = ctx().now();
  return ctx().store.outreachLinks.create({
    id: newLinkId(), token: newLinkToken(), contact, source: 'enterprise', day: DAY, roundId: round.id, group: 'served', cap: 200,
    createdBy: ADMIN, createdAt: now,
  }, now + 86_400_000, { at: now, actor: ADMIN, action: 'outreach.create', detail: {} });
}

/** `n` ratings on a link's page: the same grade on every item. */
async function rate(round: RoundMeta, linkId: string, grade: string, n: number) {
  const choices: Choices = Object.fromEntries(round.dimensions.map((d) => [`team|${d.key}`, grade]));
  for (let i = 0; i < n; i++) {
    expect(await store().channels.cast(round.id, linkChannel(linkId), 'served', choices, ctx().now())).toBe('ok');
  }
}

/** A ledger item tied to the round (by its source), signed off already. */
async function linkedItem(problem: string, roundId: string) {
  const base = newItem({
    problem, source: { kind: 'evaluation', ref: roundId }, wind: 'other', goal: '', measures: '', owner: 'ou_admin_chen',
    leader: 'ou_leader_zhao', coOwners: [], deadline: '2027-12-30', milestones: [], commitment: '', linkedRounds: [],
  }, newItemId(), { by: ADMIN, now: ctx().now() });
  return ctx().store.ledger.create(ledgerItemSchema.parse({ ...base, status: 'closed' }),
    { at: ctx().now(), actor: ADMIN, action: 'ledger.create', detail: {} });
}

describe('满意度测评 counted over every channel', () => {
  it('members in Lark and two outreach links: the verdict from all three, below target, reopens the linked items', async () => {
    const round = await createRound('整改落实满意度测评');
    expect(round.groups.map((g) => [g.key, g.weight])).toEqual([['team', 0.2], ['cadres', 0.4], ['served', 0.4], ['_other', undefined]]);
    expect((await click(ADMIN, { v: 1, a: 'ev.open', round: round.id })).json.toast.type).toBe('success');
    // 机关干部: 6 满意, 2 基本满意 → 100 %.
    for (const [i, openId] of cadres.entries()) await vote(openId, round, i < 6 ? SAT : BASIC);
    // 走访 某某街道: 2 满意, 1 基本满意, 3 不满意 → 50 %; 走访 某某社区: 4 不满意, below k = 5, never shown nor pooled.
    const street = await link(round, '某某街道');
    const village = await link(round, '某某社区');
    await rate(round, street.id, SAT, 2);
    await rate(round, street.id, BASIC, 1);
    await rate(round, street.id, UNSAT, 3);
    await rate(round, village.id, UNSAT, 4);
    const item = await linkedItem('窗口服务态度差', round.id);

    expect((await click(ADMIN, { v: 1, a: 'ev.close', round: round.id })).json.toast.type).toBe('success');
    // Weighted over the groups shown (班子成员 did not vote): (0.4 × 1 + 0.4 × 0.5) / 0.8 = 0.75 per item and overall.
    expect(await store().verdict(round.id)).toBe('continue');
    const audit = (await ctx().store.audit.recent()).find((a) => a.action === 'evaluation.verdict' && a.detail.round === round.id)!;
    expect(audit.detail.overall).toBeCloseTo(0.75, 12);
    expect(audit.detail).toMatchObject({
      verdict: 'continue', failing: 4,
      channels: [
        { channel: 'lark', ballots: 8, verdict: 'met' },
        ...[{ channel: linkChannel(street.id), ballots: 6, verdict: 'continue' },
          { channel: linkChannel(village.id), ballots: 4, verdict: 'insufficient' }].sort((a, b) => (a.channel < b.channel ? -1 : 1)),
      ],
    });
    expect(await ctx().store.ledger.get(item.id)).toMatchObject({ status: 'active', needsDeadline: true });

    const res = await click(ADMIN, { v: 1, a: 'ev.results', round: round.id });
    const card = str(res.json.card.data);
    expect(validateCard(res.json.card.data)).toEqual([]);
    expect(card).toContain('继续整改');
    expect(card).toContain('机关成员（飞书）：有效测评票 8 张；满意率 100%，达到目标');
    expect(card).toContain(`走访 · 某某街道（${DAY}）：有效测评票 6 张；满意率 50%，未达到目标`);
    expect(card).toContain(`走访 · 某某社区（${DAY}）：有效测评票 4 张；样本不足`);
    // The combined table: 14 valid per item (8 + 6); the 4 of 某某社区 join nowhere.
    expect(card).toMatch(/"n":"14"/);
    expect(card).not.toMatch(/"n":"18"/);
    expect(card).toContain('有效测评票 18 张'); // turnout counts every ballot
  });

  it('third-party paper tallies count as a channel of their own: entered by group, checked, refused once closed', async () => {
    const round = await createRound('第二次满意度测评');
    expect((await click(ADMIN, { v: 1, a: 'ev.open', round: round.id })).json.toast.type).toBe('success');
    for (const openId of cadres.slice(0, 5)) await vote(openId, round, SAT);
    const list = await click(ADMIN, { v: 1, a: 'ev.list' });
    expect(str(list.json.card.data)).toContain(`{"v":1,"a":"ev.paper","round":"${round.id}","page":0}`);
    const page = await click(ADMIN, { v: 1, a: 'ev.paper', round: round.id, page: 0 });
    expect(validateCard(page.json.card.data)).toEqual([]);
    expect(str(page.json.card.data)).toContain('录入第三方纸质计票');
    const served = round.groups.findIndex((g) => g.key === 'served');
    const form = (cells: string[]) => Object.fromEntries(cells.map((v, i) => [paperField(i, served), v]));
    // Items of one group must add up to the same ballot count: refused, nothing stored.
    const bad = await click(ADMIN, { v: 1, a: 'ev.paperSave', round: round.id, page: 0 }, form(['2 1 7', '2 1 7', '1 1 1', '2 1 7']));
    expect(bad.json.toast.type).toBe('warning');
    expect((await store().channels.tallies(round.id)).map((c) => c.channel)).toEqual(['lark']);
    // 10 ballots of 服务对象: 2 满意, 1 基本满意, 7 不满意 → 30 %.
    const ok = await click(ADMIN, { v: 1, a: 'ev.paperSave', round: round.id, page: 0 }, form(['2 1 7', '2 1 7', '2 1 7', '2 1 7']));
    expect(ok.json.toast.type, str(ok.json)).toBe('success');
    expect(await store().channels.tallies(round.id))
      .toMatchObject([{ channel: 'lark' }, { channel: 'paper', tallies: { ballots: { served: 10 } } }]);
    expect((await ctx().store.audit.recent()).some((a) => a.action === 'evaluation.paper' && a.detail.channel === 'paper')).toBe(true);

    await click(ADMIN, { v: 1, a: 'ev.close', round: round.id });
    // (0.4 × 1 + 0.4 × 0.3) / 0.8 = 0.65.
    expect(await store().verdict(round.id)).toBe('continue');
    const audit = (await ctx().store.audit.recent()).find((a) => a.action === 'evaluation.verdict' && a.detail.round === round.id)!;
    expect(audit.detail.overall).toBeCloseTo(0.65, 12);
    expect(audit.detail.channels)
      .toEqual([{ channel: 'lark', ballots: 5, verdict: 'met' }, { channel: 'paper', ballots: 10, verdict: 'continue' }]);
    const card = str((await click(ADMIN, { v: 1, a: 'ev.results', round: round.id })).json.card.data);
    expect(card).toContain('纸质计票：有效测评票 10 张；满意率 30%，未达到目标');
    // Closed: no more paper tallies, through the card or the store.
    expect((await click(ADMIN, { v: 1, a: 'ev.paper', round: round.id, page: 0 })).json.toast.type).toBe('warning');
    expect(await store().channels.enterPaper(round, [], { at: 0, actor: ADMIN, action: 'x', detail: {} }))
      .toMatchObject({ ok: false, reason: 'invalid' });
    const entries = [{ subject: 'team', dimension: 'overall', group: 'served', counts: { sat: 1, basic: 0, unsat: 0 } }];
    expect(await store().channels.enterPaper(round, entries, { at: 0, actor: ADMIN, action: 'x', detail: {} }))
      .toEqual({ ok: false, reason: 'closed' });
  });

  it('with weights, a group\'s low rates move the verdict as the weights say: the same ballots, two weightings', async () => {
    const verdictWith = async (title: string, weights: Record<string, number>) => {
      const part = { ...ctx().campaign, raterGroups: ctx().campaign.raterGroups.map((g) => ({ ...g, weight: weights[g.key] })) };
      const r = defaultRound(part, {
        title, kind: 'satisfaction', closesAt: ctx().now() + 86_400_000, createdBy: ADMIN, now: ctx().now(), subjectKeys: ['team'],
        electorate: cadres, voterGroups: Object.fromEntries(cadres.map((u) => [u, 'cadres'])),
      });
      await store().create(r, { at: ctx().now(), actor: ADMIN, action: 'evaluation.create', detail: {} });
      expect((await click(ADMIN, { v: 1, a: 'ev.open', round: r.id })).json.toast.type).toBe('success');
      for (const openId of cadres) await vote(openId, r, SAT); // 机关干部 100 %
      const l = await link(r, '某某公司');
      await rate(r, l.id, SAT, 6);
      await rate(r, l.id, UNSAT, 4); // 服务对象 60 %
      const item = await linkedItem(`${title}事项`, r.id);
      await click(ADMIN, { v: 1, a: 'ev.close', round: r.id });
      return { verdict: await store().verdict(r.id), item: (await ctx().store.ledger.get(item.id))!.status };
    };
    // 0.2 / 0.4 / 0.4 (the example): (0.4 × 1 + 0.4 × 0.6) / 0.8 = 0.8 < 0.9 → 继续整改, the item reopened.
    expect(await verdictWith('权重一', { team: 0.2, cadres: 0.4, served: 0.4 })).toEqual({ verdict: 'continue', item: 'active' });
    // 服务对象 weighs 0.1: (0.9 × 1 + 0.1 × 0.6) / 1 = 0.96 → 达到目标, the item stays signed off.
    expect(await verdictWith('权重二', { team: 0, cadres: 0.9, served: 0.1 })).toEqual({ verdict: 'met', item: 'closed' });
  });
});
