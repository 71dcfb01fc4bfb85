import { z } from 'zod';
import type { Redis, ChainableCommander } from 'ioredis';
import type { Keys } from './keys.js';

/** An admin action: who, what, when. Never anything anonymous (no opinion text, no ballot). */
const auditEntrySchema = z.object({
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The audit log is a capped Redis stream (the newest ~100,000 actions). */
const MAX_ENTRIES = 100_000;

export function createAuditStore(redis: Redis, keys: Keys) {
  const fields = (e: AuditEntry) => ['at', String(e.at), 'actor', e.actor, 'action', e.action, 'detail', JSON.stringify(e.detail)];
  return {
    fields,
    /** Adds the entry to a MULTI so it lands with the change it records. */
    addTo(multi: ChainableCommander, e: AuditEntry): ChainableCommander {
      return multi.xadd(keys.audit(), 'MAXLEN', '~', String(MAX_ENTRIES), '*', ...fields(e));
    },
    async add(e: AuditEntry): Promise<void> {
      await redis.xadd(keys.audit(), 'MAXLEN', '~', String(MAX_ENTRIES), '*', ...fields(e));
    },
    async recent(count = 50): Promise<AuditEntry[]> {
      const rows = await redis.xrevrange(keys.audit(), '+', '-', 'COUNT', count);
      return rows.map(([, kv]) => {
        const o: Record<string, string> = {};
        for (let i = 0; i < kv.length; i += 2) o[kv[i]] = kv[i + 1];
        return auditEntrySchema.parse({ at: Number(o.at), actor: o.actor, action: o.action, detail: JSON.parse(o.detail ?? '{}') });
      });
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
