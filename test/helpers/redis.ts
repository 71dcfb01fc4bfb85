import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { Redis } from 'ioredis';
import { createKeys, type Keys } from '../../src/store/keys.js';

/** The test Redis URL (the machine's, or the private one global-setup started). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A random key prefix for one test file, so files never see each other's keys. */
export function randomPrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** Deletes every key under `prefix` (SCAN, not KEYS). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      // One DEL per key: on a cluster node (npm run test:slots) one DEL may not span slots.
      if (keys.length) await keys.reduce((p, k) => p.del(k), r.pipeline()).exec();
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Every key under `prefix` with a printable dump of its value, for anonymity scans. */
export async function dumpPrefix(url: string, prefix: string): Promise<Map<string, string>> {
  const r = new Redis(url);
  const out = new Map<string, string>();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await r.type(key);
        let value: unknown;
        if (type === 'string') value = await r.get(key);
        else if (type === 'hash') value = await r.hgetall(key);
        else if (type === 'set') value = await r.smembers(key);
        else if (type === 'zset') value = await r.call('ZRANGE', key, '0', '-1', 'WITHSCORES');
        else if (type === 'list') value = await r.lrange(key, 0, -1);
        else if (type === 'stream') value = await r.xrange(key, '-', '+');
        out.set(key, JSON.stringify(value));
      }
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return out;
}

/**
 * A store under test on its own connection and key prefix, for one test file: built before its tests,
 * disconnected and its keys deleted after them. Read the fields inside tests (they are set in beforeAll).
 */
export function useRedisStore<S>(build: (redis: Redis, keys: Keys) => S): { redis: Redis; prefix: string; keys: Keys; store: S } {
  const f = {} as { redis: Redis; prefix: string; keys: Keys; store: S };
  beforeAll(() => {
    f.redis = new Redis(testRedisUrl());
    f.prefix = randomPrefix();
    f.keys = createKeys(f.prefix);
    f.store = build(f.redis, f.keys);
  });
  afterAll(async () => {
    f.redis.disconnect();
    await deletePrefix(testRedisUrl(), f.prefix);
  });
  return f;
}
