import { lookbackSchema, outcomeSchema, type Lookback, type Outcome } from '../domain/ledger/lookback.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import type { RedisClient as Redis } from './redis.js';

/**
 * 回头看 records (DESIGN §2.6). A look-back and its audit entry are written in one MULTI; each item's
 * outcome is set once (HSETNX), so two leaders' or two clicks' checks of one item cannot both count.
 * Kept with the ledger (no TTL): it is part of the campaign record.
 */

// KEYS: outcomes, audit. ARGV: item id, outcome JSON, then the audit fields (none: no entry). 1 when recorded, 0 when already checked.
const RECORD = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
if #ARGV > 2 then redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 3)) end
return 1`;

// KEYS: gen. ARGV: the next generation. 1 when moved from the one before it.
const ADVANCE = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if cur + 1 ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;

export function createLookbackStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const parseOutcomes = (h: Record<string, string>) => {
    const out = new Map<string, Outcome>();
    for (const [id, json] of Object.entries(h)) {
      const r = outcomeSchema.safeParse(JSON.parse(json));
      if (r.success) out.set(id, r.data);
    }
    return out;
  };
  return {
    async create(lb: Lookback, entry: AuditEntry): Promise<void> {
      const data = JSON.stringify(lookbackSchema.parse(lb));
      const m = redis.multi();
      m.set(keys.lookback(lb.id), data);
      m.zadd(keys.lookbacks(), lb.startedAt, lb.id);
      audit.addTo(m, entry);
      await m.exec();
    },

    async get(id: string): Promise<Lookback | undefined> {
      const raw = await redis.get(keys.lookback(id));
      if (!raw) return undefined;
      const r = lookbackSchema.safeParse(JSON.parse(raw));
      return r.success ? r.data : undefined;
    },

    /** The latest look-back's id, if any. */
    async latestId(): Promise<string | undefined> {
      const [id] = await redis.zrange(keys.lookbacks(), '-1', '-1');
      return id;
    },

    async outcomes(id: string): Promise<Map<string, Outcome>> {
      return parseOutcomes(await redis.hgetall(keys.lookbackOutcomes(id)));
    },

    /**
     * Records an item's outcome once, with its audit entry when given: 'recorded', or 'already' when it
     * was checked before. (A reopen claims the outcome first and is audited once the reopen went through.)
     */
    async record(id: string, itemId: string, outcome: Outcome, entry?: AuditEntry): Promise<'recorded' | 'already'> {
      const stream = await audit.streamNear(keys.lookbackOutcomes(id));
      const r = await redis.eval(RECORD, 2, keys.lookbackOutcomes(id), stream, itemId, JSON.stringify(outcomeSchema.parse(outcome)),
        ...(entry ? audit.fields(entry) : []));
      return r === 1 ? 'recorded' : 'already';
    },

    /** The generation of the check cards now in use (0: the cards of the start). */
    async gen(id: string): Promise<number> {
      return Number((await redis.get(keys.lookbackGen(id))) ?? 0);
    },

    /** Moves to generation `to` if the cards are at `to - 1`: true once, for the one run that re-sends. */
    async advanceGen(id: string, to: number): Promise<boolean> {
      return (await redis.eval(ADVANCE, 1, keys.lookbackGen(id), String(to))) === 1;
    },

    /** Takes back an outcome whose follow-up (reopening the item) was refused, so the item can be checked again. */
    async unrecord(id: string, itemId: string): Promise<void> {
      await redis.hdel(keys.lookbackOutcomes(id), itemId);
    },
  };
}

export type LookbackStore = ReturnType<typeof createLookbackStore>;
