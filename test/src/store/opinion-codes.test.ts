import { describe, expect, it } from 'vitest';
import { keyedHmac } from '../../../src/domain/hmac.js';
import { isoWeek, newOpinionId, newReceiptCode } from '../../../src/domain/opinions/opinion.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createOpinionStore } from '../../../src/store/opinions.js';
import { useRedisStore } from '../../helpers/redis.js';

const db = useRedisStore((redis, keys) => createOpinionStore(redis, keys, createAuditStore(redis, keys)));

/**
 * Finding 3 of #13: a small hash keeps its fields in insertion order (listpack), so the receipt-code map used to
 * list codes in the order opinions came in. It is kept in HMAC order instead, and earlier data stays readable.
 */
const SECRET = 'codes-secret-codes-secret-codes-secret-01';


async function add(codeHmac: string, category = 'formalism', source = 'cadres'): Promise<{ id: string; ok: boolean }> {
  const id = newOpinionId();
  const day = '2027-03-01';
  const ok = await db.store.create({
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
    const fields = await db.redis.hkeys(db.keys.opinionByCode());
    expect(fields).toEqual(made.map((m) => m.hmac).sort());
    expect(fields).not.toEqual(made.map((m) => m.hmac));
    for (const m of made) expect(await db.store.idByCode(m.hmac)).toBe(m.id);
    const before = await db.redis.hgetall(db.keys.opinionByCode());
    expect((await add(made[7].hmac)).ok).toBe(false);
    expect(await db.redis.hgetall(db.keys.opinionByCode())).toEqual(before);
  });

  it('the report counters, created as opinions come in, are kept in field order: they do not tell which came first', async () => {
    await db.redis.del(db.keys.opinionCounts());
    await add(keyedHmac(SECRET, 'receipt', newReceiptCode()), 'style', 'retired');
    await add(keyedHmac(SECRET, 'receipt', newReceiptCode()), 'bureaucratism', 'cadres');
    const fields = await db.redis.hkeys(db.keys.opinionCounts());
    expect(fields).toEqual([...fields].sort());
    expect(await db.store.counts()).toMatchObject({ total: 2, 'c:style': 1, 'c:bureaucratism': 1, 's:retired': 1, 's:cadres': 1 });
  });

  it('a map written in arrival order by earlier code stays readable and is sorted by the next opinion', async () => {
    await db.redis.del(db.keys.opinionByCode());
    await db.redis.hset(db.keys.opinionByCode(), 'zz-old', 'o-zz', 'aa-old', 'o-aa');
    expect(await db.store.idByCode('zz-old')).toBe('o-zz');
    const { ok } = await add('mm-new');
    expect(ok).toBe(true);
    expect(await db.redis.hkeys(db.keys.opinionByCode())).toEqual(['aa-old', 'mm-new', 'zz-old']);
    expect(await db.store.idByCode('aa-old')).toBe('o-aa');
  });
});
