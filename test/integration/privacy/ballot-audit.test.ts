import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotPages } from '../../../src/domain/evaluations/ballot.js';
import { campaignFile, exampleCampaign } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';
import { startAuditedBot, type AuditedBot } from '../../helpers/aof/session.js';
import { answerSteppedBallot } from '../../helpers/ballot-steps.js';

/**
 * Evaluation ballots under the write-history audit: several voters in two rounds, reminders to those who
 * had not voted yet (one of whom votes afterwards). Stepped ballots (every tap of the voter, shortcut,
 * change, final submit) and form ballots (a visit's chat, or one sent before the stepped card). No command
 * in the AOF and no log line may tie a ballot's writes to its voter.
 */

const voters = Array.from({ length: 6 }, (_, i) => `ou_voter_${String(i + 1).padStart(2, '0')}`);
const example = exampleCampaign();
const campaignPath = campaignFile({
  ...example,
  members: { users: voters.map((openId, i) => ({ openId, name: `投票人${i + 1}` })), chats: [] },
  raterGroups: [
    { key: 'cadres', name: '机关干部', weight: 0.6, members: { users: voters.slice(0, 4).map((openId) => ({ openId })), chats: [] } },
    { key: 'retired', name: '离退休干部', weight: 0.4, members: { users: voters.slice(4).map((openId) => ({ openId })), chats: [] } },
  ],
});

const ADMIN = 'ou_admin_liu';
const str = (x: unknown) => JSON.stringify(x);
const closes = () => new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';

let a: AuditedBot;
beforeAll(async () => { a = await startAuditedBot({ campaignPath }); });
afterAll(async () => { await a?.stop(); });

const store = () => a.bot.service.deps.ctx.store.evaluations;

async function openRound(title: string): Promise<string> {
  const form = await a.click(ADMIN, { a: 'ev.new' });
  const subjects = [...str(form.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]);
  const created = await a.click(ADMIN, { a: 'ev.create' }, {
    ev_title: title, ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes(), ev_k: '5', ev_subj: [...new Set(subjects)],
  });
  expect(created.toast.type, str(created)).toBe('success');
  const id = (await store().list()).find((r) => r.title === title)!.id;
  expect((await a.click(ADMIN, { a: 'ev.open', round: id })).toast.type).toBe('success');
  await a.bot.idle();
  return id;
}

/** One voter's ballot on a form card (a visit's chat, or a form ballot sent before the stepped one), as one audited act. */
async function voteOnForm(openId: string, roundId: string, g: number): Promise<void> {
  await a.act(`form ballot of ${openId} in ${roundId}`, openId, async () => {
    const round = (await store().getMeta(roundId))!;
    let prior = '';
    let last: any;
    for (const page of ballotPages(round)) {
      const fv = Object.fromEntries(page.cells.map((c) => [`c${c.index}`, round.scale[(g + c.index) % round.scale.length].key]));
      last = await a.click(openId, { a: 'ev.vote', round: roundId, page: page.index, prior }, fv);
      if (last.card) prior = /"prior":"([0-9]*)"/.exec(str(last.card.data))?.[1] ?? prior;
    }
    expect(last.toast.type, str(last)).toBe('success');
    // Its content writes: those holding the grades it chose.
    const grades = ballotPages(round).flatMap((p) => p.cells.map((c) => round.scale[(g + c.index) % round.scale.length].key));
    return { content: [...new Set(grades)] };
  });
}

/** One voter's stepped ballot from the card in their own chat: every tap (shortcut, a change, final submit) as one act. */
async function vote(openId: string, roundId: string, g: number): Promise<void> {
  await a.act(`ballot of ${openId} in ${roundId}`, openId, async () => {
    const round = (await store().getMeta(roundId))!;
    const card = a.bot.fake.messagesTo(openId).filter((m) => str(m.content).includes(roundId) && str(m.content).includes('ev.step'))
      .at(-1)!;
    const n = round.scale.length;
    const plan = { all: (s: number) => (g + s) % n, changes: [{ s: 0, d: 0, g: (g + 1) % n }] };
    const { answer } = await answerSteppedBallot((v, fv) => a.click(openId, v, fv), card.content, plan, round.dimensions.length);
    expect(answer.toast.type, str(answer)).toBe('success');
    const grades = round.subjects.map((_, s) => round.scale[plan.all(s)].key).concat(round.scale[plan.changes[0].g].key);
    return { content: [...new Set(grades)] };
  });
}

describe('ballots under the write-history audit', () => {
  it('two rounds, reminders between, every ballot cast', async () => {
    const r1 = await openRound('第一次民主测评');
    for (let i = 0; i < 5; i++) await vote(voters[i], r1, i);
    expect((await a.click(ADMIN, { a: 'ev.remind', round: r1 })).toast.type).toBe('success');
    await a.bot.idle();
    expect(a.bot.fake.messagesTo(voters[5]).filter((m) => str(m.content).includes('ev.step'))).toHaveLength(2);
    await vote(voters[5], r1, 5);
    const r2 = await openRound('第二次民主测评');
    for (let i = 5; i >= 0; i--) await (i % 2 ? vote : voteOnForm)(voters[i], r2, i + 1);
    expect(await store().turnout(r1)).toEqual({ voted: 6, electorate: 6 });
    expect(await store().turnout(r2)).toEqual({ voted: 6, electorate: 6 });
  });

  it('no command in the AOF and no log line ties a ballot to its voter', () => {
    expect(a.acts).toHaveLength(12);
    a.assertClean();
  });
});
