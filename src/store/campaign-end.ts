import { isCluster, masterNodes, type RedisClient as Redis } from './redis.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { campaignEndSchema, type CampaignEnd } from '../domain/campaign/end.js';

/**
 * The end of the campaign (DESIGN §2.8) and the purge of its data. The end record has no TTL: it is what
 * tells a later 结束活动 that the campaign is over, and it stays after the purge, with the purge's audit entry.
 */

/** Keys deleted per UNLINK. */
const BATCH = 500;

/** A prefix as a literal in a SCAN pattern (`*`, `?`, `[`, `]` and `\` escaped). */
const globLiteral = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

export function createCampaignEndStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const read = async (): Promise<CampaignEnd | undefined> => {
    const v = await redis.get(keys.campaignEnd());
    const parsed = v ? campaignEndSchema.safeParse(JSON.parse(v)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  };
  return {
    get: read,
    /** Records the end once, then its audit entry; false when it had ended already (nothing written). */
    async end(end: CampaignEnd, entry: AuditEntry): Promise<boolean> {
      const value = JSON.stringify(campaignEndSchema.parse(end));
      if ((await redis.set(keys.campaignEnd(), value, 'NX')) !== 'OK') return false;
      await audit.add(entry);
      return true;
    },
    /**
     * Deletes every key of this service's prefix except the BullMQ queues (`<prefix>:{bull}:…`, which the
     * running workers own; their jobs carry ids only and expire by their retention) and the end record;
     * the audit stream goes too (the archive holds it) and then starts again with the purge's own entry.
     * Returns the number of keys deleted. Keys of any other prefix are never matched.
     */
    async purge(by: string, at: number, entry: (deleted: number) => AuditEntry): Promise<number> {
      // The list of audit streams stays: every process names a stream there once, before its first entry.
      const keep = new Set([keys.campaignEnd(), keys.auditStreams()]);
      const bull = `${keys.bullPrefix}:`;
      let deleted = 0;
      // Each master is scanned, and keys are unlinked one per command (one UNLINK may not span slots): a pipeline on
      // one node, separate commands on a cluster (a pipeline may not span nodes).
      const unlink = async (doomed: string[]) => {
        const counts = isCluster(redis)
          ? await Promise.all(doomed.map((k) => redis.unlink(k)))
          : ((await doomed.reduce((p, k) => p.unlink(k), redis.pipeline()).exec()) ?? []).map(([, n]) => Number(n));
        return counts.reduce((a, b) => a + b, 0);
      };
      for (const node of masterNodes(redis)) {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', `${globLiteral(keys.prefix)}:*`, 'COUNT', 1000);
          cursor = next;
          const doomed = found.filter((k) => k.startsWith(`${keys.prefix}:`) && !k.startsWith(bull) && !keep.has(k));
          for (let i = 0; i < doomed.length; i += BATCH) deleted += await unlink(doomed.slice(i, i + BATCH));
        } while (cursor !== '0');
      }
      const end = await read();
      const record = JSON.stringify(campaignEndSchema.parse({ ...(end ?? { at, by }), purgedAt: at, purgedBy: by }));
      await audit.addTo(redis.multi().set(keys.campaignEnd(), record), entry(deleted)).exec();
      return deleted;
    },
  };
}

export type CampaignEndStore = ReturnType<typeof createCampaignEndStore>;
