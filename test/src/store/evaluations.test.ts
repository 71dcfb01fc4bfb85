import { describe, expect, it } from 'vitest';
import type { ResolvedCampaign } from '../../../src/campaign.js';
import { cellsOf } from '../../../src/domain/evaluations/ballot.js';
import { computeResults } from '../../../src/domain/evaluations/results.js';
import { defaultRound, DEFAULT_GROUP, groupOf, type Choices, type Round } from '../../../src/domain/evaluations/round.js';
import { keyedHmac } from '../../../src/domain/hmac.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createEvaluationStore } from '../../../src/store/evaluations.js';
import { useRedisStore, dumpPrefix, testRedisUrl } from '../../helpers/redis.js';

const db = useRedisStore((redis, keys) => createEvaluationStore(redis, keys, createAuditStore(redis, keys)));

const SECRET = 'test-secret-test-secret-test-secret-0123';
const NOW = Date.UTC(2027, 2, 1, 2, 0);
const CLOSES = NOW + 7 * 86_400_000;
const ADMIN = 'ou_admin_liu';
const entry = (action: string) => ({ at: NOW, actor: ADMIN, action, detail: {} });

const voters = Array.from({ length: 250 }, (_, i) => `ou_voter${String(i).padStart(4, '0')}`);
const campaign: Pick<ResolvedCampaign, 'leaders' | 'members' | 'raterGroups'> = {
  leaders: [{ openId: 'ou_leader_wang', name: '王主席', title: '常务主席' }, { openId: 'ou_leader_zhao', name: '赵副主席', title: '常务副主席' }],
  members: { users: voters, chats: [] },
  raterGroups: [
    { key: 'team', name: '班子成员', weight: 0.3, members: { users: voters.slice(0, 60), chats: [] } },
    { key: 'cadres', name: '机关干部', weight: 0.7, members: { users: voters.slice(60, 160), chats: [] } },
  ],
};


const hmac = (roundId: string, openId: string) => keyedHmac(SECRET, 'ballot', roundId, openId);
const elig = (roundId: string) => (openId: string) => keyedHmac(SECRET, 'ballot-eligible', roundId, openId);
const groupOfVoter = (roundId: string, openId: string) => db.store.eligibleGroup(roundId, elig(roundId)(openId), elig(roundId));
/** A voter's choices: deterministic, so the expected counters can be computed. */
function choicesOf(r: Round, i: number): Choices {
  return Object.fromEntries(cellsOf(r).map((c) => [`${c.subject.key}|${c.dimension.key}`, r.scale[(i + c.index) % r.scale.length].key]));
}
function newRound(over: Partial<Parameters<typeof defaultRound>[1]> = {}): Round {
  return defaultRound(campaign, { title: '第一次民主测评', kind: 'democratic', closesAt: CLOSES, createdBy: ADMIN, now: NOW, ...over });
}
/** What the handler does: look up the group by the eligibility HMAC, then cast with the register HMAC only. */
async function vote(r: Round, i: number, now = NOW) {
  const group = await groupOfVoter(r.id, voters[i]);
  return db.store.castBallot(r.id, hmac(r.id, voters[i]), group!, choicesOf(r, i), now);
}



describe('evaluation store', () => {
  const r = newRound();
  const p = newRound({ paper: true, title: '动员大会纸质测评' });

  it('creates, reads and lists rounds; status changes are audited', async () => {
    await db.store.create(r, entry('ev.create'));
    expect(await db.store.get(r.id)).toEqual(r);
    const { electorate: _e, voterGroups: _g, ...meta } = r;
    expect(await db.store.getMeta(r.id)).toEqual(meta);
    expect((await db.store.list()).map((x) => x.id)).toEqual([r.id]);
    expect(await db.store.turnout(r.id)).toEqual({ voted: 0, electorate: 250 });
  });

  it('refuses a ballot on a draft round and changes nothing', async () => {
    expect(await vote(r, 0)).toBe('closed');
    expect(await db.redis.exists(db.keys.evRegister(r.id), db.keys.evBox(r.id))).toBe(0);
    expect(await db.store.open('nosuchround', NOW, entry('ev.open'), elig('nosuchround'))).toBe('not-found');
    expect(await db.store.open(r.id, CLOSES, entry('ev.open'), elig(r.id))).toBe('past-close');
    expect(await db.store.open(r.id, NOW, entry('ev.open'), elig(r.id))).toBe('ok');
    expect(await db.store.open(r.id, NOW, entry('ev.open'), elig(r.id))).toBe('wrong-status');
    expect(await groupOfVoter(r.id, voters[0])).toBe('team');
    expect(await groupOfVoter(r.id, voters[200])).toBe(DEFAULT_GROUP);
    expect(await groupOfVoter(r.id, 'ou_stranger')).toBeUndefined();
    expect((await db.store.getMeta(r.id))?.status).toBe('open');
    expect((await db.store.getMeta(r.id))?.openedAt).toBe(NOW);
    // The round's audit entries are in its own slot's stream (keys.auditNear), written with the round in one MULTI.
    const audit = await db.redis.xrange(db.keys.auditNear(db.keys.evRound(r.id)), '-', '+');
    expect(audit.map(([, kv]) => kv[kv.indexOf('action') + 1])).toEqual(['ev.create', 'ev.open']);
  });

  it('200 voters at once, 50 of them twice: every ballot counted exactly once', async () => {
    const attempts = [...Array.from({ length: 200 }, (_, i) => i), ...Array.from({ length: 50 }, (_, i) => i * 4)];
    const results = await Promise.all(attempts.map((i) => vote(r, i)));
    expect(results.filter((x) => x === 'ok')).toHaveLength(200);
    expect(results.filter((x) => x === 'duplicate')).toHaveLength(50);
    expect(await db.redis.scard(db.keys.evRegister(r.id))).toBe(200);
    const tallies = await db.store.tallies(r.id);
    const expected: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const g = groupOf(r, voters[i]);
      for (const [cell, grade] of Object.entries(choicesOf(r, i))) {
        expected[`${cell}|${grade}|${g}`] = (expected[`${cell}|${grade}|${g}`] ?? 0) + 1;
      }
    }
    expect(Object.fromEntries(Object.entries(tallies.counts).filter(([, n]) => n > 0))).toEqual(expected);
    expect(tallies.ballots).toEqual({ team: 60, cadres: 100, [DEFAULT_GROUP]: 40 });
    expect(await db.store.turnout(r.id)).toEqual({ voted: 200, electorate: 250 });
    const voted = await db.store.hasVoted(r.id, voters.map((v) => hmac(r.id, v)));
    expect(voted).toEqual(voters.map((_, i) => i < 200));
    const res = computeResults(r, tallies);
    expect(res.ballots).toBe(200);
    expect(res.rows.every((row) => row.total.shown && row.total.stats.valid === 200)).toBe(true);
  });

  it('refuses an incomplete ballot or a malformed argument and changes nothing', async () => {
    const before = await db.redis.hgetall(db.keys.evBox(r.id));
    const { [Object.keys(choicesOf(r, 0))[0]]: _drop, ...partial } = choicesOf(r, 220);
    expect(await db.store.castBallot(r.id, hmac(r.id, voters[220]), 'cadres', partial, NOW)).toBe('invalid');
    expect(await db.store.castBallot(r.id, hmac(r.id, voters[221]), 'cad|res', choicesOf(r, 221), NOW)).toBe('invalid');
    expect(await db.store.castBallot(r.id, voters[222], 'cadres', choicesOf(r, 222), NOW)).toBe('invalid');
    expect(await db.redis.hgetall(db.keys.evBox(r.id))).toEqual(before);
    expect(await db.redis.scard(db.keys.evRegister(r.id))).toBe(200);
  });

  it('the ballot command carries the HMAC, the group and the choices, never an open_id', async () => {
    const monitor = await db.redis.duplicate().monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_t: string, args: string[]) => seen.push(args.join(' ')));
    await new Promise((res) => setTimeout(res, 50));
    const group = await groupOfVoter(r.id, voters[230]);
    expect(await db.store.castBallot(r.id, hmac(r.id, voters[230]), group!, choicesOf(r, 230), NOW)).toBe('ok');
    await new Promise((res) => setTimeout(res, 100));
    monitor.disconnect();
    const cast = seen.filter((l) => /^eval /i.test(l) && l.includes(db.keys.evBox(r.id)));
    expect(cast).toHaveLength(1);
    expect(cast[0]).toContain(hmac(r.id, voters[230]));
    expect(cast[0]).not.toMatch(/ou_/);
    // The eligibility read before it names the eligibility HMAC, never the open_id.
    expect(seen.filter((l) => l.includes(voters[230]))).toEqual([]);
    expect(seen.some((l) => l.includes(elig(r.id)(voters[230])))).toBe(true);
  });

  it('refuses ballots at or after the close time, and after closing; changes nothing', async () => {
    const before = await db.redis.hgetall(db.keys.evBox(r.id));
    expect(await vote(r, 240, CLOSES)).toBe('closed');
    expect(await db.store.close(r.id, NOW + 1000, entry('ev.close'))).toBe('ok');
    expect(await db.store.close(r.id, NOW + 1000, entry('ev.close'))).toBe('wrong-status');
    expect(await vote(r, 241)).toBe('closed');
    expect(await db.redis.hgetall(db.keys.evBox(r.id))).toEqual(before);
    expect(await db.redis.scard(db.keys.evRegister(r.id))).toBe(201);
    expect(await db.store.getMeta(r.id)).toMatchObject({ status: 'closed', closedAt: NOW + 1000 });
  });

  it('paper rounds: tallies entered a page at a time, checked, never opened for ballots', async () => {
    await db.store.create(p, entry('ev.create'));
    expect(await db.store.open(p.id, NOW, entry('ev.open'), elig(p.id))).toBe('paper');
    expect(await vote(p, 1)).toBe('closed');
    const cells = cellsOf(p);
    const e = (i: number, group: string, counts: number[]) => ({ subject: cells[i].subject.key, dimension: cells[i].dimension.key, group,
      counts: Object.fromEntries(p.scale.map((g, j) => [g.key, counts[j]])) });
    expect(await db.store.enterPaperTallies(p.id, [e(0, 'team', [3, 1, 1, 0]), e(0, 'cadres', [20, 10, 5, 1])], entry('ev.paper')))
      .toEqual({ ok: true, ballots: { team: 5, cadres: 36 } });
    expect(await db.store.enterPaperTallies(p.id, [e(1, 'team', [2, 2, 1, 0])], entry('ev.paper'))).toMatchObject({ ok: true });
    expect(await db.store.enterPaperTallies(p.id, [e(2, 'team', [2, 2, 2, 0])], entry('ev.paper')))
      .toEqual({ ok: false, reason: 'mismatch' });
    expect(await db.store.enterPaperTallies(p.id, [e(2, 'team', [-1, 2, 2, 2])], entry('ev.paper')))
      .toMatchObject({ ok: false, reason: 'invalid' });
    expect(await db.store.enterPaperTallies(p.id, [e(2, 'team', [2, 2, 1]), e(3, 'team', [5, 0, 0, 0])], entry('ev.paper')))
      .toMatchObject({ ok: false, reason: 'invalid' });
    expect(await db.store.enterPaperTallies(r.id, [e(0, 'team', [3, 1, 1, 0])], entry('ev.paper')))
      .toEqual({ ok: false, reason: 'not-paper' });
    const t = await db.store.tallies(p.id);
    expect(t.ballots).toEqual({ team: 5, cadres: 36 });
    expect(t.counts[`${cells[0].subject.key}|${cells[0].dimension.key}|good|cadres`]).toBe(20);
    const row = computeResults(p, t).rows[0];
    expect(row.total.shown && row.total.stats.valid).toBe(41);
    expect(await db.store.enterPaperTallies(p.id, [e(0, 'team', [6, 0, 0, 0])], entry('ev.paper'), { replace: true }))
      .toMatchObject({ ok: true });
    expect((await db.store.tallies(p.id)).ballots).toEqual({ team: 6 });
    expect(await db.store.close(p.id, NOW, entry('ev.close'))).toBe('ok');
    expect(await db.store.enterPaperTallies(p.id, [e(1, 'team', [6, 0, 0, 0])], entry('ev.paper')))
      .toEqual({ ok: false, reason: 'closed' });
    expect((await db.store.list()).map((x) => x.id).sort()).toEqual([r.id, p.id].sort());
  });

  it('a scan of Redis shows voter identities only in the electorate key; the register holds HMACs, the box counters', async () => {
    const dump = await dumpPrefix(testRedisUrl(), db.prefix);
    const people = new Set([db.keys.evVoters(r.id), db.keys.evVoters(p.id)]);
    const adminOnly = new Set([db.keys.evRound(r.id), db.keys.evRound(p.id), db.keys.audit(),
      db.keys.auditNear(db.keys.evRound(r.id)), db.keys.auditNear(db.keys.evRound(p.id))]);
    expect(dump.size).toBeGreaterThanOrEqual(8);
    for (const [key, value] of dump) {
      if (people.has(key)) continue;
      const text = `${key} ${value}`;
      for (const v of voters) if (text.includes(v)) throw new Error(`voter ${v} found in ${key}`);
      // The creator (an admin) appears in the round record and the audit log, never near a ballot.
      // An open_id starts a token; inside a 32-character HMAC "ou_" can occur by chance (about 1 run in 50).
      const ids = text.match(/(?<![A-Za-z0-9_-])ou_[A-Za-z0-9_-]+/g) ?? [];
      if (!adminOnly.has(key)) expect(ids, key).toEqual([]);
      else expect(ids.every((id) => id === ADMIN)).toBe(true);
    }
    const register = await db.redis.smembers(db.keys.evRegister(r.id));
    expect(register).toHaveLength(201);
    for (const h of register) expect(h).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const box = await db.redis.hgetall(db.keys.evBox(r.id));
    for (const [f, v] of Object.entries(box)) {
      expect(f).toMatch(/^(n\|[A-Za-z0-9_-]+|[A-Za-z0-9_-]+\|[A-Za-z0-9_-]+\|[A-Za-z0-9_-]+\|[A-Za-z0-9_-]+)$/);
      expect(v).toMatch(/^\d+$/);
    }
    expect([...dump.keys()].filter((k) => k.endsWith(':voters')).sort()).toEqual([...people].sort());
    expect(JSON.parse(dump.get(db.keys.evVoters(r.id))!)).toMatchObject({ [voters[0]]: 'team' });
  });
});
