import { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';
import { countDayUse } from './day-counter.js';
import type { AuditEntry, AuditStore } from './audit.js';

/**
 * Opinions in Redis. An anonymous opinion's hash holds no identity (no open_id, chat, message id),
 * its date is a day, its id random; the receipt code is stored only as a keyed HMAC.
 * Report counters are kept as opinions arrive, so the report never scans the opinions.
 */

const json = <T extends z.ZodType>(s: T) => z.string().transform((v) => JSON.parse(v) as unknown).pipe(s);

const storedOpinionSchema = z.object({
  id: z.string(),
  category: z.string(),
  target: z.string(),
  source: z.string(),
  text: z.string(),
  anonymous: z.enum(['0', '1']).transform((v) => v === '1'),
  day: z.string(),
  week: z.string(),
  status: z.string(),
  tags: json(z.array(z.string())).default([]),
  mergedInto: z.string().optional(),
  reply: z.string().optional(),
  replyBy: z.enum(['office', 'leader']).optional(),
  replyDay: z.string().optional(),
  quickNote: z.string().optional(),
  forwardedTo: json(z.array(z.string())).default([]),
  /**
   * 转常务主席反馈: `top` while the top leader holds it, `passed` once they passed it to the leader it is about
   * (who is then in forwardedTo). The note is the top leader's; the writer is never recorded here.
   */
  feedback: z.enum(['top', 'passed']).optional(),
  feedbackNote: z.string().optional(),
  ledgerItem: z.string().optional(),
  /** Suggestions from an outreach visit (走进职工): the visit, as "contact point（day）". */
  visit: z.string().optional(),
  /** Named opinions only. */
  submitter: z.string().optional(),
});
export type Opinion = z.infer<typeof storedOpinionSchema>;

interface NewOpinion {
  id: string;
  codeHmac: string;
  category: string;
  target: string;
  source: string;
  text: string;
  anonymous: boolean;
  day: string;
  dayNumber: number;
  week: string;
  submitter?: string;
  visit?: string;
}

/** Every counter one opinion adds to (report dimensions). */
function counterFields(o: { category: string; source: string; target: string; week: string }): string[] {
  return ['total', `c:${o.category}`, `s:${o.source}`, `t:${o.target}`, `cs:${o.category}|${o.source}`, `ct:${o.category}|${o.target}`,
    `st:${o.source}|${o.target}`, `w:${o.week}`, 'status:received'];
}

// KEYS: opinion hash, code map, all zset, open zset, counts. ARGV: codeHmac, id, dayNumber, nCounters,
// counters…, then field/value pairs. Refuses (0) when the code's HMAC is already taken.
// A small hash keeps its insertion order (listpack), which would tell the order codes were handed out and which
// opinion came first within its day: while the code map and the counters are listpacks, they are re-written in
// field order here. (A large hash is a hash table, ordered by the hashes.)
const CREATE = `
local function sorted(key)
  local enc = redis.call('OBJECT', 'ENCODING', key)
  if enc ~= 'listpack' and enc ~= 'ziplist' then return end
  local flat = redis.call('HGETALL', key)
  local entries = {}
  for i = 1, #flat, 2 do entries[#entries + 1] = { flat[i], flat[i + 1] } end
  table.sort(entries, function(a, b) return a[1] < b[1] end)
  local out = {}
  for _, p in ipairs(entries) do out[#out + 1] = p[1]; out[#out + 1] = p[2] end
  redis.call('DEL', key)
  redis.call('HSET', key, unpack(out))
end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
sorted(KEYS[2])
local n = tonumber(ARGV[4])
for i = 5, 4 + n do redis.call('HINCRBY', KEYS[5], ARGV[i], 1) end
sorted(KEYS[5])
local fields = {}
for i = 5 + n, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
return 1`;

// KEYS: opinion hash, contact. ARGV: contact. Sets the contact only beside an opinion that exists (one just created).
const SET_CONTACT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1`;

// KEYS: child hash, group set, open zset, groups zset, counts. ARGV: rootId, childId.
const MERGE = `
if redis.call('HEXISTS', KEYS[1], 'mergedInto') == 0 then redis.call('HINCRBY', KEYS[5], 'merged', 1) end
redis.call('HSET', KEYS[1], 'mergedInto', ARGV[1])
redis.call('SADD', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[4], redis.call('SCARD', KEYS[2]), ARGV[1])
return 1`;

/**
 * Counters `hs:<source>`: the opinions of a source group no longer 已收到 (进度's "handled, by source group").
 * This marker is set once they were counted for the opinions stored before they existed.
 */
const HANDLED_BY_SOURCE_V = 'handledBySource:v1';

// KEYS: opinion hash, counts. ARGV: from, to. Moves the opinion's source's handled counter with its status.
const HANDLED = `
local source = redis.call('HGET', KEYS[1], 'source')
if not source then return 0 end
if ARGV[1] == 'received' and ARGV[2] ~= 'received' then redis.call('HINCRBY', KEYS[2], 'hs:' .. source, 1) end
if ARGV[1] ~= 'received' and ARGV[2] == 'received' then redis.call('HINCRBY', KEYS[2], 'hs:' .. source, -1) end
return 1`;

// KEYS: all zset, counts. ARGV: the opinion key prefix, the marker field. Counts, once and atomically, the
// opinions already handled before the handled-by-source counters existed.
const BACKFILL = `
if redis.call('HSETNX', KEYS[2], ARGV[2], '1') == 0 then return -1 end
local n = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local f = redis.call('HMGET', ARGV[1] .. id, 'status', 'source')
  if f[1] and f[2] and f[1] ~= 'received' then
    redis.call('HINCRBY', KEYS[2], 'hs:' .. f[2], 1)
    n = n + 1
  end
end
return n`;

export function createOpinionStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const parse = (h: Record<string, string>): Opinion | undefined => {
    if (!h.id) return undefined;
    const r = storedOpinionSchema.safeParse(h);
    return r.success ? r.data : undefined;
  };

  return {
    /**
     * Stores a new opinion and its counters in one step; false when the code HMAC collided (retry with a new code).
     * `contact` (the outreach page's contact wish) goes under its own key in the same MULTI, only when the opinion was
     * created: never into the opinion's hash.
     */
    async create(o: NewOpinion, contact?: string): Promise<boolean> {
      const fields: string[] = ['id', o.id, 'category', o.category, 'target', o.target, 'source', o.source, 'text', o.text,
        'anonymous', o.anonymous ? '1' : '0', 'day', o.day, 'week', o.week, 'status', 'received', 'tags', '[]', 'forwardedTo', '[]'];
      if (!o.anonymous && o.submitter) fields.push('submitter', o.submitter);
      if (o.visit) fields.push('visit', o.visit);
      const counters = counterFields(o);
      const m = redis.multi().eval(CREATE, 5, keys.opinion(o.id), keys.opinionByCode(), keys.opinionsAll(), keys.opinionsOpen(),
        keys.opinionCounts(), o.codeHmac, o.id, String(o.dayNumber), String(counters.length), ...counters, ...fields);
      if (contact) m.eval(SET_CONTACT, 2, keys.opinion(o.id), keys.opinionContact(o.id), contact);
      const res = (await m.exec()) ?? [];
      if (res[0]?.[0]) throw res[0][0];
      return res[0]?.[1] === 1;
    },

    /** The contact an outreach page's writer left with this opinion, if any (the triage card shows it). */
    async contactOf(id: string): Promise<string | undefined> {
      return (await redis.get(keys.opinionContact(id))) ?? undefined;
    },

    async idByCode(codeHmac: string): Promise<string | undefined> {
      return (await redis.hget(keys.opinionByCode(), codeHmac)) ?? undefined;
    },

    async get(id: string): Promise<Opinion | undefined> {
      return parse(await redis.hgetall(keys.opinion(id)));
    },

    async getMany(ids: string[]): Promise<Opinion[]> {
      if (ids.length === 0) return [];
      const p = redis.pipeline();
      for (const id of ids) p.hgetall(keys.opinion(id));
      const res = (await p.exec()) ?? [];
      return res.map(([, h]) => parse(h as Record<string, string>)).filter((x): x is Opinion => x !== undefined);
    },

    /** Opinions waiting for triage, newest day first (order within a day is random, like the ids). */
    async openPage(offset: number, count: number): Promise<{ ids: string[]; total: number }> {
      const [[, ids], [, total]] = (await redis.multi()
        .zrevrange(keys.opinionsOpen(), offset, offset + count - 1)
        .zcard(keys.opinionsOpen())
        .exec()) as [[null, string[]], [null, number]];
      return { ids, total };
    },

    /** All opinion ids, newest day first, a page at a time (exports stream through this). */
    async allPage(offset: number, count: number): Promise<string[]> {
      return redis.zrevrange(keys.opinionsAll(), offset, offset + count - 1);
    },

    /** Counts the opinions handled before the handled-by-source counters existed: once (a marker), in one script. */
    async backfillHandledBySource(): Promise<number> {
      return Number(await redis.eval(BACKFILL, 2, keys.opinionsAll(), keys.opinionCounts(), keys.opinion(''), HANDLED_BY_SOURCE_V));
    },

    async counts(): Promise<Record<string, number>> {
      const h = await redis.hgetall(keys.opinionCounts());
      return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Number(v)]));
    },

    /** Merged groups by size, largest first: [rootId, size]. */
    async topGroups(n: number): Promise<[string, number][]> {
      const flat = await redis.zrevrange(keys.opinionGroups(), 0, n - 1, 'WITHSCORES');
      const out: [string, number][] = [];
      for (let i = 0; i < flat.length; i += 2) out.push([flat[i], Number(flat[i + 1])]);
      return out;
    },

    async groupMembers(rootId: string): Promise<string[]> {
      return redis.smembers(keys.opinionGroup(rootId));
    },

    /**
     * Changes an opinion and writes the audit entry in the same MULTI. A status change moves the
     * status counters; leaving `received` takes the opinion off the triage list.
     */
    async update(
      id: string, change: { set?: Record<string, string>; from?: string; to?: string; leaveOpen?: boolean }, entry: AuditEntry,
    ): Promise<void> {
      const m = redis.multi();
      if (change.set && Object.keys(change.set).length) m.hset(keys.opinion(id), change.set);
      if (change.to && change.from !== change.to) {
        m.hset(keys.opinion(id), 'status', change.to);
        if (change.from) m.hincrby(keys.opinionCounts(), `status:${change.from}`, -1);
        m.hincrby(keys.opinionCounts(), `status:${change.to}`, 1);
        if (change.from) m.eval(HANDLED, 2, keys.opinion(id), keys.opinionCounts(), change.from, change.to);
      }
      if (!change.leaveOpen && change.to && change.to !== 'received') m.zrem(keys.opinionsOpen(), id);
      audit.addTo(m, entry);
      await m.exec();
    },

    /** Merges `childId` into the group of `rootId` (梳理归并): counted together, one shared reply. */
    async merge(childId: string, rootId: string, entry: AuditEntry): Promise<void> {
      const m = redis.multi().eval(MERGE, 5, keys.opinion(childId), keys.opinionGroup(rootId), keys.opinionsOpen(), keys.opinionGroups(),
        keys.opinionCounts(), rootId, childId);
      audit.addTo(m, entry);
      await m.exec();
    },

    /**
     * Counts one use of a per-person daily allowance; the key is an HMAC and expires at a fixed
     * time for the whole day, so it dates nothing more precisely than the day.
     */
    async countDaily(kind: string, day: string, hmac: string, expireAtSec: number): Promise<number> {
      return countDayUse(redis, keys.dailyLimit(kind, day, hmac), expireAtSec);
    },
  };
}

export type OpinionStore = ReturnType<typeof createOpinionStore>;
