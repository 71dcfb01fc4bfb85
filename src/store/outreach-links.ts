import type { RedisClient as Redis } from './redis.js';
import { linkSchema, type Link, type LinkRecord } from '../domain/outreach/link.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { countDayUse } from './day-counter.js';

/**
 * Outreach links in Redis (issue #17), under one `{ol}` hash tag. A link's hash holds its record as JSON (fixed at
 * creation) and the fields that change: `validUntil`, `revokedAt`, `n` (entries taken). Nothing here names a person
 * who used a link: the page's abuse limits are keyed HMACs of the address under their own keys (`webLimit`).
 */

export type ClaimResult = 'ok' | 'missing' | 'revoked' | 'expired' | 'full';

// KEYS: link. ARGV: now. Takes one entry when the link is open (not revoked, not expired, under its cap).
const CLAIM = `
local r = redis.call('HMGET', KEYS[1], 'data', 'validUntil', 'revokedAt', 'n', 'cap')
if not r[1] then return 'missing' end
if r[3] then return 'revoked' end
if tonumber(ARGV[1]) >= tonumber(r[2]) then return 'expired' end
if tonumber(r[4] or '0') >= tonumber(r[5]) then return 'full' end
redis.call('HINCRBY', KEYS[1], 'n', 1)
return 'ok'`;

// KEYS: link. ARGV: field, value, now. Sets `validUntil` or `revokedAt` on a link not revoked; 1 when done.
const CHANGE = `
local r = redis.call('HMGET', KEYS[1], 'data', 'revokedAt')
if not r[1] or r[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

export function createOutreachLinkStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const parse = (h: Record<string, string>): Link | undefined => {
    if (!h.data) return undefined;
    const r = linkSchema.safeParse(JSON.parse(h.data));
    if (!r.success) return undefined;
    return { ...r.data, validUntil: Number(h.validUntil), entries: Number(h.n ?? '0'),
      ...(h.revokedAt ? { revokedAt: Number(h.revokedAt) } : {}) };
  };
  const get = async (id: string) => parse(await redis.hgetall(keys.outreachLink(id)));
  const change = async (id: string, field: 'validUntil' | 'revokedAt', value: number, entry: AuditEntry): Promise<boolean> => {
    const m = redis.multi().eval(CHANGE, 1, keys.outreachLink(id), field, String(value));
    const done = ((await m.exec()) ?? [])[0]?.[1] === 1;
    if (done) await audit.add(entry);
    return done;
  };

  return {
    /** Stores a new link, indexed by time and by token, audited in the same MULTI. */
    async create(record: LinkRecord, validUntil: number, entry: AuditEntry): Promise<Link> {
      const r = linkSchema.parse(record);
      const m = redis.multi()
        .hset(keys.outreachLink(r.id), { data: JSON.stringify(r), validUntil: String(validUntil), n: '0', cap: String(r.cap) })
        .zadd(keys.outreachLinks(), r.createdAt, r.id)
        .hset(keys.outreachTokens(), r.token, r.id);
      audit.addTo(m, entry);
      await m.exec();
      return { ...r, validUntil, entries: 0 };
    },

    get,

    async byToken(token: string): Promise<Link | undefined> {
      const id = await redis.hget(keys.outreachTokens(), token);
      return id ? get(id) : undefined;
    },

    /** Links, newest first. */
    async list(limit = 200): Promise<Link[]> {
      const ids = await redis.zrevrange(keys.outreachLinks(), 0, limit - 1);
      if (!ids.length) return [];
      const p = redis.pipeline();
      for (const id of ids) p.hgetall(keys.outreachLink(id));
      const res = (await p.exec()) ?? [];
      return res.map(([, h]) => parse(h as Record<string, string>)).filter((x): x is Link => x !== undefined);
    },

    /** A new end of validity (a revoked link stays revoked); audited when done. */
    extend: (id: string, validUntil: number, entry: AuditEntry) => change(id, 'validUntil', validUntil, entry),
    /** Revokes a link for good; audited when done (false: unknown or revoked already). */
    revoke: (id: string, now: number, entry: AuditEntry) => change(id, 'revokedAt', now, entry),

    /** Takes one entry of the link's cap, in one script that also checks it is open. */
    async claimEntry(id: string, now: number): Promise<ClaimResult> {
      return (await redis.eval(CLAIM, 1, keys.outreachLink(id), String(now))) as ClaimResult;
    },

    /** Gives an entry back when what it was taken for could not be stored (the cap counts what was stored). */
    async releaseEntry(id: string): Promise<void> {
      await redis.hincrby(keys.outreachLink(id), 'n', -1);
    },

    /** Marks a form's CSRF nonce used; false when it was used already (a form is submitted once). */
    async useNonce(nonce: string, ttlMs: number): Promise<boolean> {
      return (await redis.set(keys.outreachNonce(nonce), '1', 'PX', ttlMs, 'NX')) === 'OK';
    },

    /**
     * Counts one use under a keyed HMAC of the client address for a whole day (`kind`: view, submit, lookup); the key
     * expires at a fixed time for the day, so it dates nothing more precisely than the day and holds no address.
     */
    async countDaily(kind: string, day: string, hmac: string, expireAtSec: number): Promise<number> {
      return countDayUse(redis, keys.webLimit(kind, day, hmac), expireAtSec);
    },
  };
}

export type OutreachLinkStore = ReturnType<typeof createOutreachLinkStore>;
