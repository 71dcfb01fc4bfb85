import { randomBytes } from 'node:crypto';
import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';

/**
 * One limit as Lark counts it: at most `limit` calls in any window of `windowMs` milliseconds
 * (a sliding-window log). `{ limit: 1, windowMs: d }` is a minimum spacing of d between calls.
 */
export interface Bucket {
  name: string;
  limit: number;
  windowMs: number;
  /** App-wide (every call of one Lark API), as opposed to one receiver's or one message's. */
  shared?: boolean;
  /** Of `limit`, what bulk calls leave to interactive ones while interactive calls are being made. */
  reserve?: number;
}

export interface ReserveOptions {
  /** Answers to what a person just did: may use the whole window, and mark the reserve as needed. */
  interactive?: boolean;
  /**
   * Bulk only: when the shared buckets have no room before `now + horizonMs`, nothing is reserved
   * and `granted` is false (`at` is then the earliest time they might have room). A call held back
   * by its own receiver or message only is granted its later slot.
   */
  horizonMs?: number;
}

export interface Grant {
  at: number;
  granted: boolean;
}

export interface RateLimiter {
  /**
   * The earliest time (ms) at or after `now` that every bucket allows a call, reserved in all of
   * them at once (one script: concurrent callers, in any process, never overfill a window).
   */
  reserve(buckets: Bucket[], now: number, opts?: ReserveOptions): Promise<Grant>;
  /** Nothing is granted in these buckets before `until` (Lark answered 429 with a reset time); `now` defaults to the wall clock. */
  holdUntil(buckets: Bucket[], until: number, now?: number): Promise<void>;
}

/*
 * Each bucket is three keys: a sorted set of granted slots (score = time), a hold time (429), and a
 * marker that interactive calls were granted within the look-back (then bulk keeps off `reserve`).
 * A time t fits a bucket when every window [s, s + W) containing t holds fewer than `limit` slots;
 * the fullest such windows end at t or at a slot within W after t, so those are the ones counted.
 * When one is full, no time before its (count − limit + 1)-th slot + W fits: the next candidate.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local keep = tonumber(ARGV[2])
local interactive = ARGV[3] == '1'
local horizon = tonumber(ARGV[4])
local lookback = tonumber(ARGV[5])
local member = ARGV[6]
local n = #KEYS / 3
local lim, win, shared, res = {}, {}, {}, {}
local t = now
for i = 1, n do
  local b = 6 + (i - 1) * 4
  lim[i] = tonumber(ARGV[b + 1])
  win[i] = tonumber(ARGV[b + 2])
  shared[i] = ARGV[b + 3] == '1'
  res[i] = tonumber(ARGV[b + 4])
  if not interactive and res[i] > 0 and redis.call('EXISTS', KEYS[3 * i]) == 1 then lim[i] = math.max(1, lim[i] - res[i]) end
  local hold = tonumber(redis.call('GET', KEYS[3 * i - 1]) or '0')
  if hold > t then t = hold end
end

local function later(i, at)
  local k, w, l = KEYS[3 * i - 2], win[i], lim[i]
  if redis.call('ZCOUNT', k, '(' .. (at - w), '(' .. (at + w)) < l then return at end
  local ends = { at }
  local ahead = redis.call('ZRANGEBYSCORE', k, '(' .. at, '(' .. (at + w), 'WITHSCORES')
  for j = 2, #ahead, 2 do
    local s = tonumber(ahead[j])
    if s ~= ends[#ends] then ends[#ends + 1] = s end
  end
  local best = at
  for _, e in ipairs(ends) do
    local c = redis.call('ZCOUNT', k, '(' .. (e - w), e)
    if c >= l then
      local r = redis.call('ZRANGEBYSCORE', k, '(' .. (e - w), e, 'WITHSCORES', 'LIMIT', c - l, 1)
      local nt = tonumber(r[2]) + w
      if nt > best then best = nt end
    end
  end
  return best
end

local function fit(from, only)
  local at = from
  local moved, guard = true, 0
  while moved and guard < 10000 do
    moved = false
    for i = 1, n do
      if not only or shared[i] then
        local nt = later(i, at)
        if nt > at then at = nt; moved = true end
      end
    end
    guard = guard + 1
  end
  return at
end

if horizon >= 0 then
  local ts = fit(t, true)
  if ts - now > horizon then return { ts, 0 } end
  t = ts
end
t = fit(t, false)
for i = 1, n do
  local k = KEYS[3 * i - 2]
  redis.call('ZADD', k, t, member)
  redis.call('ZREMRANGEBYSCORE', k, '-inf', now - win[i] - keep)
  local ttl = t - now + win[i] + keep
  if redis.call('PTTL', k) < ttl then redis.call('PEXPIRE', k, ttl) end
  if interactive and res[i] > 0 then
    local mt = t - now + lookback
    if redis.call('PTTL', KEYS[3 * i]) < mt then redis.call('SET', KEYS[3 * i], '1', 'PX', mt) end
  end
end
return { t, 1 }
`;

const HOLD = `
local hold = tonumber(ARGV[1])
local keep = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
for i = 1, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') < hold then
    redis.call('SET', KEYS[i], hold, 'PX', math.max(1, hold - now + keep))
  end
end
return 1
`;

/** How long a bucket outlives its last slot (and a clock skew between processes it tolerates). */
const KEEP_MS = 60_000;
/** A bucket's reserve stays kept this long after the last interactive call. */
const INTERACTIVE_LOOKBACK_MS = 60_000;

/**
 * Bucket names are placed under one hash tag, so the multi-key script runs on Redis Cluster
 * (DESIGN.md §5).
 */
export function createRateLimiter(redis: Redis, keys: Keys): RateLimiter {
  const key = (b: Bucket) => keys.bucket(`{rl}:${b.name}`);
  const check = (buckets: Bucket[]) => {
    if (buckets.length === 0) throw new Error('reserve: no buckets');
    for (const b of buckets) {
      if (!(Number.isInteger(b.limit) && b.limit >= 1)) throw new Error(`bucket ${b.name}: limit must be a whole number ≥ 1`);
      if (!(b.windowMs > 0)) throw new Error(`bucket ${b.name}: windowMs must be > 0`);
    }
  };
  // Whole milliseconds keep every score exact.
  const win = (b: Bucket) => Math.max(1, Math.ceil(b.windowMs));
  return {
    async reserve(buckets, now, opts = {}) {
      check(buckets);
      const keyList = buckets.flatMap((b) => { const k = key(b); return [k, `${k}:h`, `${k}:i`]; });
      const args = buckets.flatMap((b) => [
        b.limit, win(b), b.shared ? 1 : 0, Math.max(0, Math.min(b.limit - 1, Math.floor(b.reserve ?? 0))),
      ]);
      const horizon = opts.interactive || opts.horizonMs === undefined ? -1 : Math.max(0, Math.floor(opts.horizonMs));
      const [at, granted] = await redis.eval(
        RESERVE, keyList.length, ...keyList, Math.floor(now), KEEP_MS, opts.interactive ? 1 : 0, horizon,
        INTERACTIVE_LOOKBACK_MS, randomBytes(9).toString('base64url'), ...args,
      ) as [number, number];
      return { at: Number(at), granted: granted === 1 };
    },
    async holdUntil(buckets, until, now = Date.now()) {
      check(buckets);
      await redis.eval(HOLD, buckets.length, ...buckets.map((b) => `${key(b)}:h`), Math.ceil(until), KEEP_MS, Math.floor(now));
    },
  };
}
