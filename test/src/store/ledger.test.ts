import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/domain/calendar.js';
import { activate, addProgress, newItem, submit, type ItemFields } from '../../../src/domain/ledger/transitions.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { createAuditStore, type AuditStore } from '../../../src/store/audit.js';
import { createKeys } from '../../../src/store/keys.js';
import { createLedgerStore, type LedgerStore } from '../../../src/store/ledger.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

const NOW = Date.UTC(2027, 6, 1, 2, 0);
const cal = createCalendar(
  { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], quietHours: { from: '21:00', to: '08:00' } }, 'Asia/Shanghai',
);
const fields = (problem: string): ItemFields => ({
  problem, source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: 'ou_owner', leader: 'ou_leader', coOwners: [],
  deadline: '2027-07-20', milestones: [], commitment: '', linkedRounds: [],
});
const entry = (action: string) => ({ at: NOW, actor: 'ou_admin', action, detail: {} });

let redis: Redis;
let prefix: string;
let store: LedgerStore;
let audit: AuditStore;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
  prefix = randomPrefix();
  const keys = createKeys(prefix);
  audit = createAuditStore(redis, keys);
  store = createLedgerStore(redis, keys, audit);
});
afterAll(async () => {
  await deletePrefix(testRedisUrl(), prefix);
  redis.disconnect();
});

describe('ledger store', () => {
  let id = '';

  it('creates items with 序号 from a counter, random ids, audited in the same script', async () => {
    const a = await store.create(newItem(fields('第一项'), newItemId(), { by: 'ou_admin', now: NOW }), entry('ledger.create'));
    const b = await store.create(newItem(fields('第二项'), newItemId(), { by: 'ou_admin', now: NOW }), entry('ledger.create'));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{8,24}$/);
    expect((await store.list()).map((i) => [i.seq, i.problem])).toEqual([[1, '第一项'], [2, '第二项']]);
    expect(await store.get(a.id)).toMatchObject({ seq: 1, status: 'draft', history: [{ what: 'create', to: 'draft' }] });
    expect((await audit.recent(5)).filter((e) => e.action === 'ledger.create').map((e) => e.detail.id)).toEqual([b.id, a.id]);
    id = a.id;
  });

  it('a transition is written with its audit entry; a refusal writes nothing', async () => {
    const r = await store.update(id, (it) => activate(it, { by: 'ou_admin', now: NOW }, cal), entry('ledger.activate'));
    expect(r.ok).toBe(true);
    const before = (await audit.recent(100)).length;
    const refused = await store.update(id, (it) => activate(it, { by: 'ou_admin', now: NOW }, cal), entry('ledger.activate'));
    expect(refused).toEqual({ ok: false, reason: 'wrongStatus' });
    expect((await audit.recent(100)).length).toBe(before);
    expect(await store.update('nosuchitem', (it) => activate(it, { by: 'x', now: NOW }, cal), null))
      .toEqual({ ok: false, reason: 'notFound' });
  });

  it('concurrent changes are not lost (compare-and-set, re-applied on conflict)', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) =>
      store.update(id, (it) => addProgress(it, { text: `进展${i}` }, { by: 'ou_owner', now: NOW + i }), entry('ledger.progress'))));
    const item = (await store.get(id))!;
    expect(item.progress.map((p) => p.text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `进展${i}`).sort());
    expect(item.history.filter((h) => h.what === 'progress')).toHaveLength(10);
  });

  it('logs a ladder step once, even when two runs race', async () => {
    const gen = (await store.get(id))!.gen;
    const runs = await Promise.all([store.logStep(id, gen, 'd3', '李明', NOW), store.logStep(id, gen, 'd3', '李明', NOW)]);
    expect(runs.sort()).toEqual(['duplicate', 'logged']);
    expect((await store.get(id))!.history.filter((h) => h.what === 'step')).toHaveLength(1);
  });

  it('reopen: back to 整改中, flagged, history kept, audited', async () => {
    const s = await store.update(id, (it) => submit(it, '完成', { by: 'ou_owner', now: NOW }), entry('ledger.submit'));
    expect(s.ok).toBe(true);
    const r = await store.reopen(id, '回头看', 'ou_admin', NOW);
    expect(r.ok && r.item).toMatchObject({ status: 'active', needsDeadline: true });
    const item = (await store.get(id))!;
    expect(item.history.map((h) => h.what))
      .toEqual(expect.arrayContaining(['create', 'activate', 'ladder', 'progress', 'step', 'submit', 'reopen']));
    expect((await audit.recent(1))[0]).toMatchObject({ action: 'ledger.reopen', detail: { id } });
  });

  it('keeps each owner’s latest card of an item (the newest record wins; a broken entry counts as none)', async () => {
    expect(await store.latestCards(id)).toEqual({});
    await store.recordCards(id, [
      { openId: 'ou_owner', key: 'lg-x-assign-1-ou_owner', at: NOW }, { openId: 'ou_co', key: 'lg-x-assign-1-ou_co', at: NOW },
    ]);
    await store.recordCards(id, [{ openId: 'ou_owner', key: 'lg-x-1-k1-ou_owner', at: NOW + 1 }]);
    await redis.hset(createKeys(prefix).ledgerCards(id), 'ou_broken', '{not json');
    expect(await store.latestCards(id)).toEqual({
      ou_owner: { key: 'lg-x-1-k1-ou_owner', at: NOW + 1 },
      ou_co: { key: 'lg-x-assign-1-ou_co', at: NOW },
    });
  });
});
