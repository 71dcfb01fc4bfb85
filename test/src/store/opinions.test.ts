import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek, newOpinionId } from '../../../src/domain/opinions/opinion.js';
import { opinionFigures } from '../../../src/reports/opinion-report.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createKeys, type Keys } from '../../../src/store/keys.js';
import { createOpinionStore, type OpinionStore } from '../../../src/store/opinions.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

const entry = { at: 1, actor: 'ou_admin', action: 'opinion.reply', detail: {} };
let redis: Redis;
let prefix: string;
let keys: Keys;
let store: OpinionStore;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
  prefix = randomPrefix();
  keys = createKeys(prefix);
  store = createOpinionStore(redis, keys, createAuditStore(redis, keys));
});
afterAll(async () => {
  await deletePrefix(testRedisUrl(), prefix);
  redis.disconnect();
});

/** The non-zero handled counts by source group, as 进度 reads them from the counters. */
async function handledBySource(): Promise<Record<string, number>> {
  const { bySource } = opinionFigures(await store.counts());
  return Object.fromEntries(bySource.filter((r) => r.handled).map((r) => [r.key, r.handled]));
}

async function add(source: string): Promise<string> {
  const id = newOpinionId();
  const day = '2027-03-01';
  await store.create({
    id, codeHmac: `c-${id}`, category: 'formalism', source, target: 'team', text: '意见', anonymous: true,
    day, dayNumber: Date.parse(day) / 86_400_000, week: isoWeek(day),
  });
  return id;
}

describe('handled opinions by source group', () => {
  it('follow the status: counted when an opinion leaves 已收到, uncounted when it returns', async () => {
    const a = await add('cadres');
    const b = await add('cadres');
    await add('retired');
    await store.update(a, { from: 'received', to: 'replied' }, entry);
    await store.update(a, { from: 'replied', to: 'closed' }, entry);
    await store.update(b, { from: 'received', to: 'quickfix' }, entry);
    expect(await handledBySource()).toEqual({ cadres: 2 });
    await store.update(b, { from: 'quickfix', to: 'received' }, entry);
    expect(await handledBySource()).toEqual({ cadres: 1 });
  });

  it('are counted once for opinions handled before the counters existed, never twice', async () => {
    // As a deployment from before: the handled-by-source counters and their marker are not there.
    const handled = await add('township');
    await store.update(handled, { from: 'received', to: 'adopted' }, entry);
    const fields = Object.keys(await redis.hgetall(keys.opinionCounts())).filter((f) => f.startsWith('hs:') || f.startsWith('handledBy'));
    await redis.hdel(keys.opinionCounts(), ...fields);
    expect(await handledBySource()).toEqual({});
    expect(await store.backfillHandledBySource()).toBe(2);
    expect(await handledBySource()).toEqual({ cadres: 1, township: 1 });
    expect(await store.backfillHandledBySource()).toBe(-1);
    expect(await handledBySource()).toEqual({ cadres: 1, township: 1 });
  });
});
