import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHmac } from '../../../src/domain/hmac.js';
import { isoWeek, newOpinionId, newReceiptCode } from '../../../src/domain/opinions/opinion.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createKeys, type Keys } from '../../../src/store/keys.js';
import { createOpinionStore, type OpinionStore } from '../../../src/store/opinions.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

/**
 * Finding 3 of #13: a small hash keeps its fields in insertion order (listpack), so the receipt-code map used to
 * list codes in the order opinions came in. It is kept in HMAC order instead, and earlier data stays readable.
 */
const SECRET = 'codes-secret-codes-secret-codes-secret-01';
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

async function add(codeHmac: string, category = 'formalism', source = 'cadres'): Promise<{ id: string; ok: boolean }> {
  const id = newOpinionId();
  const day = '2027-03-01';
  const ok = await store.create({
    id, codeHmac, category, source, target: 'team', text: '意见', anonymous: true,
    day, dayNumber: Date.parse(day) / 86_400_000, week: isoWeek(day),
  });
  return { id, ok };
}

describe('the receipt-code map and the report counters carry no submission order', () => {
  it('after 40 opinions its fields are in HMAC order, each code still finds its opinion, a taken code is refused', async () => {
    const made: { hmac: string; id: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const hmac = keyedHmac(SECRET, 'receipt', newReceiptCode());
      const { id, ok } = await add(hmac);
      expect(ok).toBe(true);
      made.push({ hmac, id });
    }
    const fields = await redis.hkeys(keys.opinionByCode());
    expect(fields).toEqual(made.map((m) => m.hmac).sort());
    expect(fields).not.toEqual(made.map((m) => m.hmac));
    for (const m of made) expect(await store.idByCode(m.hmac)).toBe(m.id);
    const before = await redis.hgetall(keys.opinionByCode());
    expect((await add(made[7].hmac)).ok).toBe(false);
    expect(await redis.hgetall(keys.opinionByCode())).toEqual(before);
  });

  it('the report counters, created as opinions come in, are kept in field order: they do not tell which came first', async () => {
    await redis.del(keys.opinionCounts());
    await add(keyedHmac(SECRET, 'receipt', newReceiptCode()), 'style', 'retired');
    await add(keyedHmac(SECRET, 'receipt', newReceiptCode()), 'bureaucratism', 'cadres');
    const fields = await redis.hkeys(keys.opinionCounts());
    expect(fields).toEqual([...fields].sort());
    expect(await store.counts()).toMatchObject({ total: 2, 'c:style': 1, 'c:bureaucratism': 1, 's:retired': 1, 's:cadres': 1 });
  });

  it('a map written in arrival order by earlier code stays readable and is sorted by the next opinion', async () => {
    await redis.del(keys.opinionByCode());
    await redis.hset(keys.opinionByCode(), 'zz-old', 'o-zz', 'aa-old', 'o-aa');
    expect(await store.idByCode('zz-old')).toBe('o-zz');
    const { ok } = await add('mm-new');
    expect(ok).toBe(true);
    expect(await redis.hkeys(keys.opinionByCode())).toEqual(['aa-old', 'mm-new', 'zz-old']);
    expect(await store.idByCode('aa-old')).toBe('o-aa');
  });
});
