import { describe, expect, it } from 'vitest';
import type { ResolvedCampaign } from '../../../src/campaign.js';
import { cellsOf } from '../../../src/domain/evaluations/ballot.js';
import { defaultRound, DEFAULT_GROUP, type Choices, type Round } from '../../../src/domain/evaluations/round.js';
import { eligibilityHmac, registerHmac } from '../../../src/domain/evaluations/voter-hmacs.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { boxFields, createEvaluationStore } from '../../../src/store/evaluations.js';
import { useRedisStore } from '../../helpers/redis.js';

const db = useRedisStore((redis, keys) => createEvaluationStore(redis, keys, createAuditStore(redis, keys)));

/**
 * Finding 3 of #13 (and the eligibility half of finding 1): small hashes and sets keep their insertion order,
 * so the box's field order must not tell the first ballot, the register's order not who voted first, and
 * eligibility must be read under an HMAC of its own, never the open_id nor the register's HMAC.
 */
const SECRET = 'order-secret-order-secret-order-secret-01';
const NOW = Date.UTC(2027, 2, 1, 2, 0);
const CLOSES = NOW + 7 * 86_400_000;
const ADMIN = 'ou_admin_order';
const entry = (action: string) => ({ at: NOW, actor: ADMIN, action, detail: {} });
const voters = Array.from({ length: 40 }, (_, i) => `ou_ord${String(i).padStart(3, '0')}`);
const campaign: Pick<ResolvedCampaign, 'leaders' | 'members' | 'raterGroups'> = {
  leaders: [{ openId: 'ou_leader_wang', name: '王主席', title: '常务主席' }],
  members: { users: voters, chats: [] },
  raterGroups: [{ key: 'team', name: '班子成员', members: { users: voters.slice(0, 10), chats: [] } }],
};


const elig = (roundId: string) => (openId: string) => eligibilityHmac(SECRET, roundId, openId);
const groupOfVoter = (r: Round, openId: string) => db.store.eligibleGroup(r.id, elig(r.id)(openId), elig(r.id));
const newRound = (): Round =>
  defaultRound(campaign, { title: '民主测评', kind: 'democratic', closesAt: CLOSES, createdBy: ADMIN, now: NOW });
/** A voter's choices: the last grade everywhere but the first cell, so the first ballot is easy to spot. */
function choicesOf(r: Round, i: number): Choices {
  return Object.fromEntries(cellsOf(r).map((c) => [`${c.subject.key}|${c.dimension.key}`, r.scale[(i + c.index) % r.scale.length].key]));
}
async function vote(r: Round, i: number) {
  const group = await groupOfVoter(r, voters[i]);
  return db.store.castBallot(r.id, registerHmac(SECRET, r.id, voters[i]), group!, choicesOf(r, i), NOW);
}
/** Whether this server keeps a small set of strings as a listpack (Redis ≥ 7.2), i.e. in insertion order. */
async function smallSetsKeepOrder(): Promise<boolean> {
  const probe = `${db.prefix}:probe`;
  await db.redis.sadd(probe, 'b-member', 'a-member');
  const enc = await db.redis.object('ENCODING', probe);
  await db.redis.del(probe);
  return enc === 'listpack';
}



describe('evaluation store: nothing in the order of the box, the register or the eligibility', () => {
  const r = newRound();

  it('opening creates every counter of the box at zero, sorted; the first ballot changes neither set nor order', async () => {
    await db.store.create(r, entry('ev.create'));
    expect(await db.redis.exists(db.keys.evBox(r.id))).toBe(0);
    expect(await db.store.open(r.id, NOW, entry('ev.open'), elig(r.id))).toBe('ok');
    const fields = boxFields(r);
    expect(fields).toHaveLength(r.groups.length * (1 + r.subjects.length * r.dimensions.length * r.scale.length));
    expect(fields).toEqual([...fields].sort());
    expect(await db.redis.hkeys(db.keys.evBox(r.id))).toEqual(fields);
    expect(new Set(await db.redis.hvals(db.keys.evBox(r.id)))).toEqual(new Set(['0']));
    expect(await vote(r, 25)).toBe('ok');
    expect(await db.redis.hkeys(db.keys.evBox(r.id))).toEqual(fields);
    const box = await db.redis.hgetall(db.keys.evBox(r.id));
    expect(Object.values(box).reduce((n, v) => n + Number(v), 0)).toBe(1 + r.subjects.length * r.dimensions.length);
    expect((await db.store.tallies(r.id)).ballots).toEqual({ team: 0, [DEFAULT_GROUP]: 1 });
  });

  it('a ballot naming a counter the round did not create is refused and changes nothing', async () => {
    const before = await db.redis.hgetall(db.keys.evBox(r.id));
    expect(await db.store.castBallot(r.id, registerHmac(SECRET, r.id, voters[30]), 'ghost', choicesOf(r, 30), NOW)).toBe('invalid');
    const wrongGrade = { ...choicesOf(r, 31), [Object.keys(choicesOf(r, 31))[0]]: 'nograde' };
    expect(await db.store.castBallot(r.id, registerHmac(SECRET, r.id, voters[31]), 'team', wrongGrade, NOW)).toBe('invalid');
    expect(await db.redis.hgetall(db.keys.evBox(r.id))).toEqual(before);
    expect(await db.redis.scard(db.keys.evRegister(r.id))).toBe(1);
  });

  it('eligibility sits under its own HMAC, in HMAC order, with no open_id and no register HMAC', async () => {
    const eligible = await db.redis.hgetall(db.keys.evEligible(r.id));
    const hkeys = Object.keys(eligible);
    expect(hkeys).toEqual(voters.map(elig(r.id)).sort());
    expect(hkeys).not.toEqual(voters.map(elig(r.id)));
    const registers = new Set(voters.map((v) => registerHmac(SECRET, r.id, v)));
    expect(hkeys.filter((h) => registers.has(h))).toEqual([]);
    expect(JSON.stringify(eligible)).not.toMatch(/ou_ord/);
    expect(eligible[elig(r.id)(voters[0])]).toBe('team');
    expect(await groupOfVoter(r, voters[39])).toBe(DEFAULT_GROUP);
    expect(await groupOfVoter(r, 'ou_stranger')).toBeUndefined();
  });

  it('the register carries no voting order: small registers are kept sorted', async () => {
    for (const i of [17, 3, 38, 0, 22, 9]) expect(await vote(r, i)).toBe('ok');
    const members = await db.redis.smembers(db.keys.evRegister(r.id));
    expect(members).toHaveLength(7);
    const enc = await db.redis.object('ENCODING', db.keys.evRegister(r.id));
    if (await smallSetsKeepOrder()) {
      expect(enc).toBe('listpack');
      expect(members).toEqual([...members].sort());
    } else {
      // Redis < 7.2 keeps a set of strings as a hash table: its order is the hashes', not the insertion order.
      expect(enc).toBe('hashtable');
    }
    const asked = [voters[3], voters[1], voters[3], voters[38]].map((v) => registerHmac(SECRET, r.id, v));
    expect(await db.store.hasVoted(r.id, asked)).toEqual([true, false, true, true]);
  });

  it('a round opened before the eligibility index existed is indexed once from its electorate, and still takes ballots', async () => {
    const old = newRound();
    await db.store.create(old, entry('ev.create'));
    // What the earlier code left behind: an open round with no `eligible` index, no `boxed` marker and no box.
    await db.redis.hset(db.keys.evRound(old.id), 'status', 'open', 'openedAt', String(NOW));
    expect(await db.redis.exists(db.keys.evEligible(old.id))).toBe(0);
    expect(await groupOfVoter(old, voters[2])).toBe('team');
    expect(await db.redis.hkeys(db.keys.evEligible(old.id))).toEqual(voters.map(elig(old.id)).sort());
    expect(await groupOfVoter(old, 'ou_stranger')).toBeUndefined();
    expect(await vote(old, 2)).toBe('ok');
    expect(await vote(old, 2)).toBe('duplicate');
    expect((await db.store.tallies(old.id)).ballots).toEqual({ team: 1 });
  });
});
