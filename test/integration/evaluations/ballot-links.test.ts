import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellsOf } from '../../../src/domain/evaluations/ballot.js';
import { ballotMessageHmac, eligibilityHmac, registerHmac } from '../../../src/domain/evaluations/voter-hmacs.js';
import { resendBallots } from '../../../handlers/evaluations/steps/resend.js';
import { onRoundOpen, onRoundRemind } from '../../../handlers/evaluations/admin.js';
import type { HandlerCtx } from '../../../handlers/context.js';
import type { OutboxMessage } from '../../../src/outbox.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';
import { startTestBot, type TestBot, campaignFile, exampleCampaign } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * Finding 1 of #13: a ballot's outbox key (and a reminder's) used to embed the very HMAC the cast adds to the
 * register, next to `to: {openId}` in the outbox: HMAC → open_id for the whole electorate. Now message keys use a
 * keyed purpose of their own, eligibility another, and the register's HMAC appears nowhere but in the register.
 * The outbox scrubs a job's data once it is delivered, so what was queued is recorded at the outbox interface.
 */
const voters = Array.from({ length: 8 }, (_, i) => `ou_linkvoter_${i + 1}`);
const example = exampleCampaign();
const campaignPath = campaignFile({
  ...example,
  members: { users: voters.map((openId, i) => ({ openId, name: `投票人${i + 1}` })), chats: [] },
  // The electorate is the union of the rater groups (issue #14): every voter is in one of them.
  raterGroups: [{ key: 'cadres', name: '机关干部', members: { users: voters.slice(0, 4).map((openId) => ({ openId })), chats: [] } },
    { key: 'retired', name: '离退休干部', members: { users: voters.slice(4).map((openId) => ({ openId })), chats: [] } }],
});

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ campaignPath }); });
afterAll(async () => { await bot?.stop(); });

const ADMIN = 'ou_admin_liu';
const str = (x: unknown) => JSON.stringify(x);
const store = () => bot.service.deps.ctx.store.evaluations;
const secret = () => bot.service.deps.ctx.anonSecret;

/** The service's own context, its outbox recording what the handlers queue (and still queueing it). */
const queued: unknown[] = [];
function recordingCtx(): HandlerCtx {
  const ctx = bot.service.deps.ctx;
  const outbox = {
    ...ctx.outbox,
    send: (m: OutboxMessage) => { queued.push(m); return ctx.outbox.send(m); },
    sendMany: (ms: OutboxMessage[]) => { queued.push(...ms); return ctx.outbox.sendMany(ms); },
    patch: (key: string, card: unknown) => { queued.push({ patch: key }); return ctx.outbox.patch(key, card as never); },
  };
  return { ...ctx, outbox };
}
const adminClick = (value: unknown) => ({ type: 'card_action' as const, eventId: `evt_${queued.length}`, operatorOpenId: ADMIN, value });

async function openRound(title: string, daysOpen: number): Promise<string> {
  const form = await bot.click(ADMIN, { v: 1, a: 'ev.new' });
  const subjects = [...str(form.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]);
  const closes = new Date(TEST_START + daysOpen * 86_400_000).toISOString().slice(0, 10) + ' +0800';
  await bot.click(ADMIN, { v: 1, a: 'ev.create' }, {
    ev_title: title, ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes, ev_k: '3', ev_subj: [subjects[0]],
  });
  const id = (await store().list()).find((x) => x.title === title)!.id;
  const open = await onRoundOpen({ v: 1, a: 'ev.open', round: id }, adminClick({ a: 'ev.open' }), recordingCtx());
  expect(open.toast?.type).toBe('success');
  return id;
}

/** One page is enough: a single subject. */
async function vote(openId: string, roundId: string) {
  const round = (await store().getMeta(roundId))!;
  const fv = Object.fromEntries(cellsOf(round).map((c) => [`c${c.index}`, round.scale[0].key]));
  return bot.click(openId, { v: 1, a: 'ev.vote', round: roundId, page: 0, prior: '' }, fv);
}

describe('ballot messages, reminders and eligibility never meet the register', () => {
  it('the register HMAC appears only in the register: not in outbox keys, jobs, records or logs', async () => {
    const id = await openRound('链接审查测评', 20);
    for (const v of voters.slice(0, 5)) expect((await vote(v, id)).toast.type, v).toBe('success');
    expect((await vote('ou_linkoutsider', id)).toast.content).toContain('不在本次测评的参评人员范围');
    const remind = await onRoundRemind({ v: 1, a: 'ev.remind', round: id }, adminClick({ a: 'ev.remind' }), recordingCtx());
    expect(remind.toast?.content).toContain('3');
    expect(await resendBallots(id, 1, recordingCtx())).toBe(3);
    await bot.idle();
    voters.forEach((v, i) => {
      // Non-voters: the first ballot (patched to point to the re-sent one), the reminder and the re-sent ballot.
      const all = bot.fake.messagesTo(v);
      expect(all, v).toHaveLength(i < 5 ? 1 : 3);
      expect(all.filter((m) => m.patches.length === 1), v).toHaveLength(i < 5 ? 0 : 1);
    });

    const registers = voters.map((v) => registerHmac(secret(), id, v));
    const dump = await dumpPrefix(testRedisUrl(), bot.prefix);
    const everything = [...dump].map(([k, v]) => `${k} ${v}`).join('\n') + bot.logs.join('\n');
    const registerKey = [...dump.keys()].find((k) => k.endsWith(`{ev:${id}}:register`))!;
    expect(JSON.parse(dump.get(registerKey)!).sort()).toEqual(registers.slice(0, 5).sort());
    const elsewhere = [...dump].filter(([k]) => k !== registerKey).map(([k, v]) => `${k} ${v}`).join('\n') + bot.logs.join('\n');
    for (const [i, h] of registers.entries()) expect(elsewhere.includes(h), `register HMAC of voter ${i + 1}`).toBe(false);
    // The message keys are there, under their own purpose, and so is the eligibility index: neither is the register's HMAC.
    for (const v of voters) expect(everything).toContain(eligibilityHmac(secret(), id, v));
    // What was queued: 8 ballots, 3 reminders, 3 re-sent ballots and 3 patches, keyed by the message HMAC only.
    expect(queued).toHaveLength(17);
    const jobs = str(queued);
    for (const [i, h] of registers.entries()) expect(jobs.includes(h), `register HMAC of voter ${i + 1} queued`).toBe(false);
    for (const v of voters) expect(jobs).toContain(`ev-ballot-${id}-${ballotMessageHmac(secret(), id, v)}`);
    for (const v of voters.slice(5)) expect(jobs).toContain(`ev-remind-${id}-${ballotMessageHmac(secret(), id, v)}-`);
  });
});
