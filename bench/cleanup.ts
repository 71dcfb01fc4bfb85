import type { RedisClient } from '../src/store/redis.js';

/** Removes every key a bench wrote under its own prefix (SCAN + UNLINK, never KEYS). */
export async function deletePrefix(redis: RedisClient, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}
