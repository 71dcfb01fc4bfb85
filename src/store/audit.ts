import { z } from 'zod';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';

/** An admin action: who, what, when. Never anything anonymous (no opinion text, no ballot). */
const auditEntrySchema = z.object({
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Each audit stream is capped (its newest ~100,000 actions). */
const MAX_ENTRIES = 100_000;

/** The keys of the commands queued in a MULTI so far (ioredis keeps them in `_queue`; the first is MULTI itself). */
function queuedKeys(multi: ChainableCommander): string[] {
  const queue = (multi as unknown as { _queue?: { getKeys?: () => (string | Buffer)[] }[] })._queue ?? [];
  return queue.flatMap((c) => (c.getKeys?.() ?? []).map(String));
}

/** Stream ids (`<ms>-<seq>`) in write order. */
function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
}

/**
 * The audit log. An entry written with a change lands in the same MULTI or script, so it goes to the audit stream of
 * that change's hash slot (keys.auditNear): on Redis Cluster a MULTI may not span slots. An entry written on its own
 * goes to the default stream (keys.audit()). Each stream is named in keys.auditStreams() before its first entry, and
 * `recent` merges them all by the time Redis wrote each entry.
 */
export function createAuditStore(redis: Redis, keys: Keys) {
  const fields = (e: AuditEntry) => ['at', String(e.at), 'actor', e.actor, 'action', e.action, 'detail', JSON.stringify(e.detail)];
  const registered = new Set<string>();
  const register = async (stream: string) => {
    if (registered.has(stream)) return;
    await redis.sadd(keys.auditStreams(), stream);
    registered.add(stream);
  };
  const parse = (kv: string[]) => {
    const o: Record<string, string> = {};
    for (let i = 0; i < kv.length; i += 2) o[kv[i]] = kv[i + 1];
    return auditEntrySchema.parse({ at: Number(o.at), actor: o.actor, action: o.action, detail: JSON.parse(o.detail ?? '{}') });
  };
  return {
    fields,
    /**
     * The audit stream in `key`'s slot, named for the reader: a script that writes `key` and its audit entry takes
     * it among its KEYS (with `fields(entry)` in ARGV).
     */
    async streamNear(key: string): Promise<string> {
      const stream = keys.auditNear(key);
      await register(stream);
      return stream;
    },
    /**
     * Adds the entry to a MULTI so it lands with the change it records, in the audit stream of `near`'s slot: by
     * default the first key queued in the MULTI (so add the change first), or the default stream for a MULTI with no
     * key yet. The MULTI's `exec` names the stream for the reader first (once per stream and process).
     */
    addTo(multi: ChainableCommander, e: AuditEntry, near?: string): ChainableCommander {
      const first = near ?? queuedKeys(multi)[0];
      const stream = first === undefined ? keys.audit() : keys.auditNear(first);
      multi.xadd(stream, 'MAXLEN', '~', String(MAX_ENTRIES), '*', ...fields(e));
      if (stream !== keys.audit()) {
        const exec = multi.exec.bind(multi);
        multi.exec = (async (...args: Parameters<typeof exec>) => {
          await register(stream);
          return exec(...args);
        }) as typeof multi.exec;
      }
      return multi;
    },
    /** An entry on its own (an export, a reminder sent): the default stream. */
    async add(e: AuditEntry): Promise<void> {
      await redis.xadd(keys.audit(), 'MAXLEN', '~', String(MAX_ENTRIES), '*', ...fields(e));
    },
    /** The newest `count` entries of every stream, newest first. */
    async recent(count = 50): Promise<AuditEntry[]> {
      const streams = [keys.audit(), ...(await redis.smembers(keys.auditStreams()))];
      // One command per stream: on a cluster they live on different nodes (a pipeline may not span nodes).
      const rows = (await Promise.all(streams.map((s) => redis.xrevrange(s, '+', '-', 'COUNT', count)))).flat();
      rows.sort(([a], [b]) => compareIds(b, a));
      return rows.slice(0, count).map(([, kv]) => parse(kv));
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
