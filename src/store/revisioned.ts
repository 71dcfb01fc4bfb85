import type { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import type { AuditEntry, AuditStore } from './audit.js';

/**
 * Campaign records kept as one Redis hash each (the ledger, the rules register, the materials, the meetings, the
 * talks): `data` (the record as
 * JSON, checked by its zod schema both ways), `rev` (a counter for compare-and-set) and, for numbered records, `seq`
 * (序号, from an INCR, kept outside the JSON). Every change is a pure transition applied to the record as read, then
 * written in one script with its audit entry only if nobody changed the record meanwhile (else read again and retry).
 * All keys of one kind of record share a hash tag, so one script may touch several. No TTL: campaign records.
 */

// KEYS: record, audit[, mark hash][, all (last)]. ARGV: expected rev, data, mark field, mark value ('' for none), id,
// score in all ('' for none), then the audit entry's fields (none: no entry). 1 when written.
const CAS = `
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', tostring(tonumber(ARGV[1]) + 1))
if ARGV[4] ~= '' then redis.call('HSETNX', KEYS[3], ARGV[3], ARGV[4]) end
if ARGV[6] ~= '' then redis.call('ZADD', KEYS[#KEYS], ARGV[6], ARGV[5]) end
if #ARGV > 6 then redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 7)) end
return 1`;

// KEYS: record, all, audit. ARGV: id, data, score, then the audit entry's fields.
const CREATE = `
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', '1')
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 4))
return 1`;

// KEYS: seq, record, all, audit. ARGV: id, data, then the audit entry's fields. Returns the 序号.
const CREATE_NUMBERED = `
local seq = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], 'data', ARGV[2], 'rev', '1', 'seq', tostring(seq))
redis.call('ZADD', KEYS[3], seq, ARGV[1])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 3))
return seq`;

/** Compare-and-set attempts before giving up ('conflict'); a lost race waits a few random milliseconds. */
const ATTEMPTS = 25;

/** A transition's result: the changed record under its own name (`{ ok: true, item }`), or a refusal. */
export type Written<K extends string, T> = { ok: true } & { [P in K]: T };
export type Refused = { ok: false; reason: string };
export type Unwritten = { ok: false; reason: 'notFound' | 'conflict' };
/** What logging something once per key did: 'duplicate' when an earlier write (a run of the same job) logged it. */
export type Logged = 'logged' | 'duplicate' | 'notFound';

export interface RecordsOptions<T extends { id: string }, K extends string> {
  redis: Redis;
  audit: AuditStore;
  schema: z.ZodType<T>;
  /** The name of the record in a transition's success: `item`, `rule`, `material`. */
  field: K;
  /** The record's hash. */
  keyOf: (id: string) => string;
  /** Every id, scored (by 序号 or creation time): list() reads them in that order. */
  allKey: string;
  /**
   * A field set once (HSETNX) in another hash of the same tag by the write that returns a value for it, e.g. the
   * first acceptance of a material's kind. Empty value: nothing set.
   */
  mark?: { key: string; of: (before: T, after: T) => { field: string; value: string } | undefined };
  /** A `data` that is not JSON reads as no record (else the read throws). */
  skipBadJson?: boolean;
  /** The record's score in `allKey`, set again by every write (a meeting moved to another day moves in the list). */
  rescore?: (rec: T) => number;
}

/** The reading, listing and compare-and-set update shared by every revisioned record. */
function records<T extends { id: string }, K extends string>(o: RecordsOptions<T, K>, numbered: boolean) {
  const { redis, schema } = o;
  const serialize = (rec: T): string => {
    const parsed = schema.parse(rec);
    if (!numbered) return JSON.stringify(parsed);
    const { seq: _seq, ...rest } = parsed as T & { seq?: unknown };
    return JSON.stringify(rest);
  };
  const decode = (h: Record<string, string>): T | undefined => {
    const json = JSON.parse(h.data) as object;
    const r = schema.safeParse(numbered ? { ...json, seq: Number(h.seq) } : json);
    return r.success ? r.data : undefined;
  };
  const decodeOrSkip = (h: Record<string, string>): T | undefined => {
    try {
      return decode(h);
    } catch {
      return undefined;
    }
  };
  const parse = (h: Record<string, string>): { rec: T; rev: string } | undefined => {
    if (!h.data || !h.rev) return undefined;
    const rec = o.skipBadJson ? decodeOrSkip(h) : decode(h);
    return rec ? { rec, rev: h.rev } : undefined;
  };
  const read = async (id: string) => parse(await redis.hgetall(o.keyOf(id)));

  async function getMany(ids: readonly string[]): Promise<T[]> {
    if (!ids.length) return [];
    const p = redis.pipeline();
    for (const id of ids) p.hgetall(o.keyOf(id));
    const res = (await p.exec()) ?? [];
    return res.map(([, h]) => parse(h as Record<string, string>)?.rec).filter((x): x is T => x !== undefined);
  }

  /**
   * Applies `change` to the record as stored and writes the result with `entry` in one script, if the record did not
   * change meanwhile (else re-reads and re-applies). A refusal writes nothing.
   */
  async function update<R extends Written<K, T> | Refused>(
    id: string, change: (rec: T) => R, entry: AuditEntry | null,
  ): Promise<R | Unwritten> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const cur = await read(id);
      if (!cur) return { ok: false, reason: 'notFound' };
      const r = change(cur.rec);
      if (!r.ok) return r;
      const next = (r as Written<K, T>)[o.field];
      const mark = o.mark?.of(cur.rec, next);
      const keys = [o.keyOf(id), await o.audit.streamNear(o.keyOf(id)), ...(o.mark ? [o.mark.key] : []), ...(o.rescore ? [o.allKey] : [])];
      const written = await redis.eval(CAS, keys.length, ...keys, cur.rev, serialize(next), mark?.field ?? '', mark?.value ?? '',
        id, o.rescore ? String(o.rescore(next)) : '', ...(entry ? o.audit.fields(entry) : []));
      if (written === 1) return r;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (i + 1)));
    }
    return { ok: false, reason: 'conflict' };
  }

  /**
   * Logs something on the record once (a reminder per key): `change` gives the record with it logged, or undefined
   * when it is there already ('duplicate', nothing written). Written with `entry` like any update.
   */
  async function logOnce(id: string, change: (rec: T) => T | undefined, entry: AuditEntry | null): Promise<Logged> {
    let dup = false;
    const r = await update(id, (rec): Written<K, T> | Refused => {
      const changed = change(rec);
      if (!changed) {
        dup = true;
        return { ok: false, reason: 'stale' };
      }
      return { ok: true, [o.field]: changed } as Written<K, T>;
    }, entry);
    if (dup) return 'duplicate';
    return r.ok ? 'logged' : 'notFound';
  }

  return {
    serialize,
    async get(id: string): Promise<T | undefined> {
      return (await read(id))?.rec;
    },
    getMany,
    async list(): Promise<T[]> {
      return getMany(await redis.zrange(o.allKey, '0', '-1'));
    },
    update,
    logOnce,
  };
}

/**
 * Records without a 序号 (materials, meetings, talks): `create` stores one scored in `allKey` with its audit entry; a
 * store with more to check on creation writes new ones with its own script (`serialize` gives the data).
 */
export function createRevisionedRecords<T extends { id: string }, K extends string>(o: RecordsOptions<T, K>) {
  const base = records(o, false);
  return {
    ...base,
    /** Stores a new record, `score` its place in `allKey`, with its audit entry in one script. */
    async create(rec: T, score: number, entry: AuditEntry): Promise<T> {
      await o.redis.eval(CREATE, 3, o.keyOf(rec.id), o.allKey, await o.audit.streamNear(o.keyOf(rec.id)),
        rec.id, base.serialize(rec), String(score), ...o.audit.fields({ ...entry, detail: { id: rec.id, ...entry.detail } }));
      return rec;
    },
  };
}

/** Records numbered 1, 2, 3 … by a counter (the ledger, the rules): `seq` lives in the hash, outside the JSON. */
export function createNumberedRecords<T extends { id: string; seq: number }, K extends string>(
  o: RecordsOptions<T, K> & { counterKey: string },
) {
  const base = records(o, true);
  return {
    ...base,
    /** Stores a new record (its 序号 from the counter) with its audit entry in one script; returns it with its 序号. */
    async create(rec: T, entry: AuditEntry): Promise<T> {
      const seq = await o.redis.eval(CREATE_NUMBERED, 4, o.counterKey, o.keyOf(rec.id), o.allKey, await o.audit.streamNear(o.keyOf(rec.id)),
        rec.id, base.serialize(rec), ...o.audit.fields({ ...entry, detail: { id: rec.id, ...entry.detail } }));
      return { ...rec, seq: Number(seq) };
    },
  };
}
