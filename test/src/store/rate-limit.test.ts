import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createKeys } from '../../../src/store/keys.js';
import { createRateLimiter, type Bucket } from '../../../src/store/rate-limit.js';
import { createRedis } from '../../../src/store/redis.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';
import { peak } from '../../helpers/outbox.js';

const url = testRedisUrl();
const prefix = randomPrefix();
const clients: Redis[] = [];

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await deletePrefix(url, prefix);
});

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lark's app-wide limits as Lark counts them, with no margin: 50 in any second, 1,000 in any minute. */
const lark = (api: string, reserve = false): Bucket[] => [
  { name: `api:${api}:s`, limit: 50, windowMs: 1000, shared: true, reserve: reserve ? 5 : 0 },
  { name: `api:${api}:m`, limit: 1000, windowMs: 60_000, shared: true, reserve: reserve ? 100 : 0 },
];

describe('rate buckets (sliding-window logs in Redis)', () => {
  function limiter() {
    const redis = createRedis(url, 'store');
    clients.push(redis);
    return createRateLimiter(redis, createKeys(prefix));
  }
  const T0 = 1_700_000_000_000;

  it('never grants more than 50 in any second nor 1,000 in any minute, over random arrivals of both kinds', async () => {
    const rl = limiter();
    const rand = rng(18);
    const app = lark('prop', true);
    const granted: number[] = [];
    let refused = 0;
    // 4,000 calls over about 100 s (three times the minute budget), in bursts, from two processes whose clocks
    // differ by up to 30 ms: interactive ones, bulk ones with a horizon, a few to busy receivers.
    let t = T0;
    for (let i = 0; i < 4000; i++) {
      t += rand() < 0.1 ? Math.floor(rand() * 400) : Math.floor(rand() * 30);
      const skew = Math.floor(rand() * 30);
      const interactive = rand() < 0.1;
      const to: Bucket = { name: `to:r${Math.floor(rand() * 40)}`, limit: 1, windowMs: 250 };
      const g = await rl.reserve([...app, to], t - skew, interactive ? { interactive } : { horizonMs: 500 });
      if (g.granted) granted.push(g.at);
      else refused++;
      if (!g.granted) expect(g.at).toBeGreaterThan(t - skew + 500);
    }
    expect(granted.length).toBeGreaterThan(1500);
    expect(refused).toBeGreaterThan(0);
    expect(peak(granted, 1000), 'most grants in any 1 s').toBeLessThanOrEqual(50);
    expect(peak(granted, 60_000), 'most grants in any 60 s').toBeLessThanOrEqual(1000);
    // The budgets were used as budgets (bursts at 50/s), not paced as 16.7/s.
    expect(peak(granted, 1000)).toBeGreaterThanOrEqual(45);
    expect(peak(granted, 60_000)).toBeGreaterThanOrEqual(900);
  });

  it('grants a burst of 300 as budgets: 50 in the first second, the 300th within 6 s of the first', async () => {
    const rl = limiter();
    const app: Bucket[] = [...lark('burst'), { name: 'api:burst:g', limit: 1, windowMs: 10, shared: true }];
    const slots: number[] = [];
    for (let i = 0; i < 300; i++) slots.push((await rl.reserve([...app, { name: `to:b${i}`, limit: 1, windowMs: 250 }], T0)).at);
    expect(slots.filter((s) => s < T0 + 1000)).toHaveLength(50);
    expect(Math.max(...slots) - T0).toBeLessThan(6000);
    expect(peak(slots, 1000)).toBeLessThanOrEqual(50);
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(10);
  });

  it('keeps the windows when callers on two connections reserve at the same time', async () => {
    const a = limiter();
    const b = limiter();
    const app = lark('two');
    const all = await Promise.all(Array.from({ length: 1200 }, (_, i) => (i % 2 ? a : b).reserve(app, T0 + Math.floor(i / 4))));
    const at = all.map((g) => g.at);
    expect(all.every((g) => g.granted)).toBe(true);
    expect(peak(at, 1000)).toBeLessThanOrEqual(50);
    expect(peak(at, 60_000)).toBeLessThanOrEqual(1000);
    // The first 1,000 in the first 20 s; the rest when the first second of the minute has left the window.
    expect(at.filter((s) => s < T0 + 20_000)).toHaveLength(1000);
    expect(Math.min(...at.filter((s) => s >= T0 + 20_000))).toBeGreaterThanOrEqual(T0 + 60_000);
  });

  it('refuses bulk beyond the horizon without reserving, and says when room comes', async () => {
    const rl = limiter();
    const app: Bucket[] = [{ name: 'api:h:s', limit: 5, windowMs: 1000, shared: true }];
    for (let i = 0; i < 5; i++) expect((await rl.reserve(app, T0, { horizonMs: 500 })).granted).toBe(true);
    const refused = await rl.reserve(app, T0 + 100, { horizonMs: 500 });
    expect(refused).toEqual({ at: T0 + 1000, granted: false });
    // Nothing was taken: the next call able to wait gets that very slot.
    expect(await rl.reserve(app, T0 + 100)).toEqual({ at: T0 + 1000, granted: true });
  });

  it('grants bulk held back only by its own receiver a later slot, the app-wide window being free', async () => {
    const rl = limiter();
    const app: Bucket[] = [{ name: 'api:o:s', limit: 50, windowMs: 1000, shared: true }];
    const chat: Bucket = { name: 'to:busy', limit: 1, windowMs: 250 };
    const slots = [];
    for (let i = 0; i < 5; i++) slots.push(await rl.reserve([...app, chat], T0, { horizonMs: 500 }));
    expect(slots).toEqual([0, 250, 500, 750, 1000].map((d) => ({ at: T0 + d, granted: true })));
    // Those later single slots leave the app-wide window before them to others.
    expect((await rl.reserve([...app, { name: 'to:other', limit: 1, windowMs: 250 }], T0, { horizonMs: 500 })).at).toBe(T0);
  });

  it('keeps a share for interactive calls while they are being made; a fan-out alone uses the whole window', async () => {
    const rl = limiter();
    const quiet: Bucket[] = [{ name: 'api:q:s', limit: 50, windowMs: 1000, shared: true, reserve: 5 }];
    const bulkOnly = [];
    for (let i = 0; i < 50; i++) bulkOnly.push(await rl.reserve(quiet, T0, { horizonMs: 500 }));
    expect(bulkOnly.every((g) => g.granted && g.at === T0)).toBe(true);

    const busy: Bucket[] = [{ name: 'api:i:s', limit: 50, windowMs: 1000, shared: true, reserve: 5 }];
    expect(await rl.reserve(busy, T0, { interactive: true })).toEqual({ at: T0, granted: true });
    const bulk = [];
    for (let i = 0; i < 60; i++) bulk.push(await rl.reserve(busy, T0 + 10, { horizonMs: 500 }));
    expect(bulk.filter((g) => g.granted)).toHaveLength(44);
    // A person's answer still finds room in this very second.
    for (let i = 0; i < 5; i++) expect((await rl.reserve(busy, T0 + 20, { interactive: true })).at).toBe(T0 + 20);
    expect((await rl.reserve(busy, T0 + 20, { interactive: true })).at).toBe(T0 + 1000);
  });

  it('holds a bucket until a time Lark named', async () => {
    const rl = limiter();
    const b: Bucket[] = [{ name: 'api:z:s', limit: 10, windowMs: 1000, shared: true }];
    await rl.holdUntil(b, T0 + 5000, T0);
    expect((await rl.reserve(b, T0)).at).toBe(T0 + 5000);
    expect(await rl.reserve(b, T0, { horizonMs: 500 })).toEqual({ at: T0 + 5000, granted: false });
    expect((await rl.reserve(b, T0 + 6000)).at).toBe(T0 + 6000);
  });

  it('refuses malformed buckets with a clear error', async () => {
    const rl = limiter();
    await expect(rl.reserve([{ name: 'x', limit: 0, windowMs: 1000 }], T0)).rejects.toThrow(/limit/);
    await expect(rl.reserve([{ name: 'x', limit: 2.5, windowMs: 1000 }], T0)).rejects.toThrow(/limit/);
    await expect(rl.reserve([{ name: 'x', limit: 1, windowMs: 0 }], T0)).rejects.toThrow(/windowMs/);
    await expect(rl.reserve([], T0)).rejects.toThrow(/no buckets/);
  });
});
