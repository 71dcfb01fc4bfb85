import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';

/** One limit: at most one call every `perMs` milliseconds (the GCRA emission interval). */
export interface Bucket {
  name: string;
  perMs: number;
}

export interface RateLimiter {
  /**
   * The earliest time (ms) at or after `now` that every bucket allows a call, reserved in all of
   * them at once: concurrent callers get distinct slots, at least `perMs` apart in each bucket.
   */
  reserve(buckets: Bucket[], now: number): Promise<number>;
  /** Nothing is granted in these buckets before `until` (Lark answered 429 with a reset time). */
  holdUntil(buckets: Bucket[], until: number): Promise<void>;
}

/*
 * Each bucket is one sorted set: member "tat" holds the GCRA frontier (every slot before it is
 * taken), other members are single slots reserved beyond the frontier. A call limited by one bucket
 * (say 5/s to one chat) may land seconds ahead in the app-wide bucket; keeping it as a single slot
 * instead of moving the frontier leaves the app-wide capacity before it usable by other calls.
 * Any two slots of a bucket are at least perMs apart, so no window of W ms holds more than
 * ceil(W / perMs) of them.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local keep = tonumber(ARGV[2])
local n = #KEYS
local per, tat = {}, {}
local t = now
for i = 1, n do
  per[i] = tonumber(ARGV[2 + i])
  tat[i] = tonumber(redis.call('ZSCORE', KEYS[i], 'tat') or '0')
  -- A frontier in the past (or none yet) is now: nothing before now can be reserved anyway.
  if tat[i] < now then tat[i] = now end
  if tat[i] > t then t = tat[i] end
end
local moved = true
local guard = 0
while moved and guard < 100000 do
  moved = false
  for i = 1, n do
    local hit = redis.call('ZRANGEBYSCORE', KEYS[i], '(' .. (t - per[i]), '(' .. (t + per[i]), 'WITHSCORES')
    for j = 1, #hit, 2 do
      if hit[j] ~= 'tat' then
        local s = tonumber(hit[j + 1])
        if s + per[i] > t then t = s + per[i]; moved = true end
      end
    end
    guard = guard + 1
  end
end
for i = 1, n do
  local front = tat[i]
  if t < tat[i] + per[i] then
    front = t + per[i]
  else
    redis.call('ZADD', KEYS[i], t, tostring(t))
  end
  -- Fold into the frontier every single slot that leaves less than one interval free before it:
  -- that gap can never be used, and a chain of such slots would make every later call walk it.
  local folding = true
  while folding do
    folding = false
    local near = redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', '(' .. (front + per[i]), 'WITHSCORES', 'LIMIT', 0, 2)
    for j = 1, #near, 2 do
      if near[j] ~= 'tat' then
        local s = tonumber(near[j + 1])
        if s + per[i] > front then front = s + per[i] end
        redis.call('ZREM', KEYS[i], near[j])
        folding = true
      end
    end
  end
  if front > tat[i] then redis.call('ZADD', KEYS[i], front, 'tat') end
  local ttl = t + per[i] - now + keep
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return t
`;

const HOLD = `
local hold = tonumber(ARGV[1])
local keep = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
for i = 1, #KEYS do
  local tat = tonumber(redis.call('ZSCORE', KEYS[i], 'tat') or '0')
  if tat < hold then redis.call('ZADD', KEYS[i], hold, 'tat') end
  local ttl = hold - now + keep
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1
`;

/** How long a bucket outlives its last slot: long enough that a quiet bucket simply starts over. */
const KEEP_MS = 60_000;

/**
 * Bucket names are placed under one hash tag, so the multi-key script runs on Redis Cluster
 * (DESIGN.md §5).
 */
export function createRateLimiter(redis: Redis, keys: Keys): RateLimiter {
  const key = (b: Bucket) => keys.bucket(`{rl}:${b.name}`);
  // Whole milliseconds keep every score exact (Lua returns integers to Redis).
  const per = (b: Bucket) => Math.max(1, Math.ceil(b.perMs));
  const check = (buckets: Bucket[]) => {
    if (buckets.length === 0) throw new Error('reserve: no buckets');
    for (const b of buckets) if (!(b.perMs > 0)) throw new Error(`bucket ${b.name}: perMs must be > 0`);
  };
  return {
    async reserve(buckets, now) {
      check(buckets);
      const at = await redis.eval(RESERVE, buckets.length, ...buckets.map(key), Math.floor(now), KEEP_MS, ...buckets.map(per));
      return Number(at);
    },
    async holdUntil(buckets, until) {
      check(buckets);
      await redis.eval(HOLD, buckets.length, ...buckets.map(key), Math.ceil(until), KEEP_MS, Date.now());
    },
  };
}
