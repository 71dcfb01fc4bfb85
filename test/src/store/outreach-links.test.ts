import { describe, expect, it } from 'vitest';
import { cellsOf } from '../../../src/domain/evaluations/ballot.js';
import { defaultRound, type Choices } from '../../../src/domain/evaluations/round.js';
import { keyedHmac } from '../../../src/domain/hmac.js';
import { linkChannel, linkState, newLinkId, newLinkToken, type LinkRecord } from '../../../src/domain/outreach/link.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createEvaluationStore } from '../../../src/store/evaluations.js';
import { createOutreachLinkStore } from '../../../src/store/outreach-links.js';
import { dumpPrefix, testRedisUrl, useRedisStore } from '../../helpers/redis.js';

const db = useRedisStore((redis, keys) => {
  const audit = createAuditStore(redis, keys);
  return { links: createOutreachLinkStore(redis, keys, audit), evaluations: createEvaluationStore(redis, keys, audit), audit };
});

const NOW = Date.UTC(2027, 2, 1, 2, 0);
const DAY = 86_400_000;
const ADMIN = 'ou_admin_liu';
const entry = (action: string) => ({ at: NOW, actor: ADMIN, action, detail: {} });
const record = (over: Partial<LinkRecord> = {}): LinkRecord => ({
  id: newLinkId(), token: newLinkToken(), contact: '城南街道工会', source: 'township', day: '2027-03-01', group: '_other', cap: 3,
  createdBy: ADMIN, createdAt: NOW, ...over,
});

describe('outreach link store', () => {
  it('creates a link, finds it by token, lists it newest first', async () => {
    const a = await db.store.links.create(record(), NOW + DAY, entry('outreach.link.create'));
    const b = await db.store.links.create(record({ createdAt: NOW + 1 }), NOW + DAY, entry('outreach.link.create'));
    expect(await db.store.links.byToken(a.token)).toEqual(a);
    expect(await db.store.links.byToken(newLinkToken())).toBeUndefined();
    expect((await db.store.links.list()).map((l) => l.id)).toEqual([b.id, a.id]);
    expect(linkState(a, NOW)).toBe('open');
  });

  it('takes entries up to the cap, and none once expired or revoked; a revoked link stays revoked', async () => {
    const l = await db.store.links.create(record({ cap: 2 }), NOW + DAY, entry('outreach.link.create'));
    const claims = await Promise.all(Array.from({ length: 5 }, () => db.store.links.claimEntry(l.id, NOW)));
    expect(claims.filter((c) => c === 'ok')).toHaveLength(2);
    expect(claims.filter((c) => c === 'full')).toHaveLength(3);
    await db.store.links.releaseEntry(l.id);
    expect(await db.store.links.claimEntry(l.id, NOW)).toBe('ok');
    expect(await db.store.links.claimEntry(l.id, NOW + DAY)).toBe('expired');
    expect(await db.store.links.claimEntry(newLinkId(), NOW)).toBe('missing');

    const m = await db.store.links.create(record(), NOW + DAY, entry('outreach.link.create'));
    expect(await db.store.links.extend(m.id, NOW + 3 * DAY, entry('outreach.link.extend'))).toBe(true);
    expect(await db.store.links.claimEntry(m.id, NOW + 2 * DAY)).toBe('ok');
    expect(await db.store.links.revoke(m.id, NOW, entry('outreach.link.revoke'))).toBe(true);
    expect(await db.store.links.revoke(m.id, NOW, entry('outreach.link.revoke'))).toBe(false);
    expect(await db.store.links.extend(m.id, NOW + 9 * DAY, entry('outreach.link.extend'))).toBe(false);
    expect(await db.store.links.claimEntry(m.id, NOW)).toBe('revoked');
    const after = (await db.store.links.get(m.id))!;
    expect(linkState(after, NOW)).toBe('revoked');
    expect(after.validUntil).toBe(NOW + 3 * DAY);
  });

  it('uses a form nonce once', async () => {
    expect(await db.store.links.useNonce('n0nce-1', 60_000)).toBe(true);
    expect(await db.store.links.useNonce('n0nce-1', 60_000)).toBe(false);
  });
});

describe('channel boxes of a round', () => {
  const campaign = {
    leaders: [{ openId: 'ou_leader_wang', name: '王主席', title: '常务主席' }],
    members: { users: ['ou_m1', 'ou_m2'], chats: [] },
    raterGroups: [{ key: 'served', name: '服务对象', weight: 0.5, members: { users: [], chats: [] } }],
  };
  const round = defaultRound(campaign, { title: '满意度测评', kind: 'satisfaction', closesAt: NOW + 7 * DAY, createdBy: ADMIN, now: NOW });
  const choices = (grade: string): Choices => Object.fromEntries(cellsOf(round).map((c) => [`${c.subject.key}|${c.dimension.key}`, grade]));

  const eligible = (u: string) => keyedHmac('test-secret-test-secret-test-secret-0123', 'ballot-eligible', round.id, u);

  it('counts a web ballot in its channel only, with every counter created at zero', async () => {
    const ev = db.store.evaluations;
    await ev.create(round, entry('evaluation.create'));
    const channel = linkChannel(newLinkId());
    expect(await ev.channels.cast(round.id, channel, 'served', choices('sat'), NOW)).toBe('closed');
    expect(await ev.open(round.id, NOW, entry('evaluation.open'), eligible)).toBe('ok');
    expect(await ev.channels.cast(round.id, channel, 'served', choices('sat'), NOW)).toBe('ok');
    expect(await ev.channels.cast(round.id, channel, 'served', choices('basic'), NOW)).toBe('ok');
    // A ballot missing a cell, a grade or group the round does not have, a channel name of no kind we know: refused.
    const [first] = Object.keys(choices('sat'));
    const { [first]: _dropped, ...short } = choices('sat');
    expect(await ev.channels.cast(round.id, channel, 'served', short, NOW)).toBe('invalid');
    expect(await ev.channels.cast(round.id, channel, 'nobody', choices('sat'), NOW)).toBe('invalid');
    expect(await ev.channels.cast(round.id, channel, 'served', choices('great'), NOW)).toBe('invalid');
    expect(await ev.channels.cast(round.id, 'lark', 'served', choices('sat'), NOW)).toBe('invalid');
    expect(await ev.channels.cast(round.id, channel, 'served', choices('sat'), round.closesAt)).toBe('closed');

    const all = await ev.channels.tallies(round.id);
    expect(all.map((c) => c.channel)).toEqual(['lark', channel]);
    expect(all[0].tallies.ballots).toEqual({ served: 0, _other: 0 });
    expect(all[1].tallies.ballots).toEqual({ served: 2, _other: 0 });
    const cell = Object.keys(choices('sat'))[0];
    expect(all[1].tallies.counts[`${cell}|sat|served`]).toBe(1);
    expect(all[1].tallies.counts[`${cell}|basic|served`]).toBe(1);
    expect(all[1].tallies.counts[`${cell}|unsat|served`]).toBe(0);
    // The in-Lark box is untouched.
    expect(await ev.tallies(round.id)).toEqual(all[0].tallies);
  });

  it('keeps no person, address or device in any key', async () => {
    const dump = await dumpPrefix(testRedisUrl(), db.prefix);
    for (const [k, v] of dump) {
      if (k.includes('voters') || k.includes('audit')) continue;
      expect(`${k} ${v}`).not.toMatch(/ou_m\d|127\.0\.0\.1|Mozilla/);
    }
  });
});
