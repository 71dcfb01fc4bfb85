import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createKeys } from '../../../src/store/keys.js';
import { createRateLimiter } from '../../../src/store/rate-limit.js';
import { createRedis } from '../../../src/store/redis.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

const url = testRedisUrl();
const prefix = randomPrefix();
const clients: Redis[] = [];

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await deletePrefix(url, prefix);
});

describe('rate buckets (GCRA reservations in Redis)', () => {
  async function limiter() {
    const redis = createRedis(url, 'store');
    clients.push(redis);
    return createRateLimiter(redis, createKeys(prefix));
  }
  const T0 = 1_700_000_000_000;

  it('gives concurrent callers distinct slots at least perMs apart', async () => {
    const rl = await limiter();
    const app = [{ name: 'api:x:s', perMs: 100 }, { name: 'api:x:m', perMs: 60 }];
    const slots = await Promise.all(Array.from({ length: 30 }, () => rl.reserve(app, T0)));
    const sorted = [...slots].sort((a, b) => a - b);
    expect(sorted[0]).toBe(T0);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBe(100);
  });

  it('lets a per-chat burst hold single slots ahead without blocking the app-wide bucket before them', async () => {
    const rl = await limiter();
    const app = { name: 'api:y:s', perMs: 20 };
    const chat = [app, { name: 'to:chat', perMs: 250 }];
    const chatSlots = [];
    for (let i = 0; i < 5; i++) chatSlots.push(await rl.reserve(chat, T0));
    expect(chatSlots).toEqual([0, 250, 500, 750, 1000].map((d) => T0 + d));
    const others = [];
    for (let i = 0; i < 20; i++) others.push(await rl.reserve([app, { name: `to:u${i}`, perMs: 250 }], T0));
    expect(others[0]).toBe(T0 + 20);
    const all = [...chatSlots, ...others].sort((a, b) => a - b);
    for (let i = 1; i < all.length; i++) expect(all[i] - all[i - 1]).toBeGreaterThanOrEqual(20);
    expect(Math.max(...others)).toBeLessThan(T0 + 500);
  });

  it('a fan-out keeps the binding bucket a frontier, not a growing chain of single slots each later call walks', async () => {
    const rl = await limiter();
    const app = [{ name: 'api:f:s', perMs: 7 }, { name: 'api:f:m', perMs: 21 }];
    const redis = createRedis(url, 'store');
    clients.push(redis);
    const keys = createKeys(prefix);
    const slots: number[] = [];
    for (let i = 0; i < 400; i++) {
      slots.push(await rl.reserve([...app, { name: `to:fan${i}`, perMs: 250 }], T0 + 1000 + Math.floor(i / 10)));
    }
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBe(21);
    // The binding bucket (one call per 21 ms) is a frontier plus at most a few single slots, however many calls
    // (before, a fresh bucket never got a frontier: every call added a single slot and later calls walked them all).
    const m = await redis.zcard(keys.bucket('{rl}:api:f:m'));
    expect(m).toBeGreaterThanOrEqual(1);
    expect(m, 'slots kept in the binding bucket').toBeLessThanOrEqual(3);
  });

  it('holds a bucket until a time Lark named', async () => {
    const rl = await limiter();
    const b = [{ name: 'api:z:s', perMs: 10 }];
    await rl.holdUntil(b, T0 + 5000);
    expect(await rl.reserve(b, T0)).toBe(T0 + 5000);
    expect(await rl.reserve(b, T0 + 6000)).toBe(T0 + 6000);
  });
});
