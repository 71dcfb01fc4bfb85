import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMaterialId, type Material } from '../../../src/domain/materials/material.js';
import { newMaterial, pass, submitVersion } from '../../../src/domain/materials/transitions.js';
import { createAuditStore, type AuditStore } from '../../../src/store/audit.js';
import { createKeys } from '../../../src/store/keys.js';
import { createMaterialStore, type MaterialStore } from '../../../src/store/materials.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

const NOW = Date.UTC(2027, 5, 1, 2, 0);
const P = { topLeader: 'ou_top', supervisors: ['ou_sup1', 'ou_sup2'] };
const entry = (action: string) => ({ at: NOW, actor: 'ou_admin', action, detail: {} });

let redis: Redis;
let prefix: string;
let store: MaterialStore;
let audit: AuditStore;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
  prefix = randomPrefix();
  const keys = createKeys(prefix);
  audit = createAuditStore(redis, keys);
  store = createMaterialStore(redis, keys, audit);
});
afterAll(async () => {
  await deletePrefix(testRedisUrl(), prefix);
  redis.disconnect();
});

const draft = (author: string, chain: Material['chain'] = ['supervisors']) => newMaterial({
  id: newMaterialId(), kind: 'selfCheck', title: '对照检查材料', authors: [author], chain, due: '2027-06-10',
}, { by: 'ou_admin', now: NOW });

describe('the material store', () => {
  it('creates a material with its audit entry; a leader’s 对照检查材料 only once', async () => {
    const first = await store.create(draft('ou_l1'), entry('material.create'), 'ou_l1');
    expect(first.created).toBe(true);
    const second = await store.create(draft('ou_l1'), entry('material.create'), 'ou_l1');
    expect(second).toEqual({ material: first.material, created: false });
    expect((await store.list()).map((m) => m.id)).toEqual([first.material.id]);
    expect(await store.get(first.material.id)).toEqual(first.material);
    expect((await audit.recent(10)).filter((e) => e.action === 'material.create')).toHaveLength(1);
  });

  it('two reviewers passing at once: exactly one acts, the other finds the card stale; acceptance recorded once', async () => {
    const { material } = await store.create(draft('ou_l2'), entry('material.create'));
    const v1 = { type: 'text' as const, text: '一稿' };
    const submitted = await store.update(material.id, (m) => submitVersion(m, 1, v1, { by: 'ou_l2', now: NOW }), entry('material.version'));
    expect(submitted.ok).toBe(true);
    const results = await Promise.all(P.supervisors.map((s, i) =>
      store.update(material.id, (m) => pass(m, 1, 0, { by: s, now: NOW + 1 + i }, P), { ...entry('material.pass'), actor: s })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'accepted' }]);
    const stored = (await store.get(material.id))!;
    expect(stored.state).toBe('accepted');
    expect(stored.history.filter((h) => h.what === 'pass')).toHaveLength(1);
    expect(await store.acceptedAt('selfCheck')).toBe(stored.acceptedAt);
    expect(await store.acceptedAt('rectifyPlan')).toBeUndefined();
    expect((await audit.recent(20)).filter((e) => e.action === 'material.pass')).toHaveLength(1);
  });

  it('the first acceptance of a kind is kept when another is accepted later', async () => {
    const firstAt = await store.acceptedAt('selfCheck');
    const { material } = await store.create(draft('ou_l3', []), entry('material.create'));
    const v1 = { type: 'text' as const, text: 'x' };
    const r = await store.update(material.id, (m) => submitVersion(m, 1, v1, { by: 'ou_l3', now: NOW + 99 }), null);
    expect(r.ok && r.material.state).toBe('accepted');
    expect(await store.acceptedAt('selfCheck')).toBe(firstAt);
  });

  it('logs a reminder once per key; unknown materials are not found', async () => {
    const { material } = await store.create(draft('ou_l4'), entry('material.create'));
    expect(await store.logReminder(material.id, 'g0-d3', '赵', NOW)).toBe('logged');
    expect(await store.logReminder(material.id, 'g0-d3', '赵', NOW)).toBe('duplicate');
    expect(await store.logReminder('nosuchmaterial', 'g0-d3', '赵', NOW)).toBe('notFound');
    expect((await store.update('nosuchmaterial', (m) => ({ ok: true, material: m }), null))).toEqual({ ok: false, reason: 'notFound' });
  });
});
