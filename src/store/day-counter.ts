import type { RedisClient as Redis } from './redis.js';

/**
 * Counts one use under `key` (a keyed HMAC of a person or an address, for one day) and makes it expire at a fixed time
 * for the whole day, so the key dates nothing more precisely than the day. Returns the uses so far.
 */
export async function countDayUse(redis: Redis, key: string, expireAtSec: number): Promise<number> {
  const [[, n]] = (await redis.multi().incr(key).expireat(key, expireAtSec).exec()) as [[null, number], unknown];
  return n;
}
