import type { RedisClient as Redis } from './redis.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { milestoneDoneSchema, type MilestoneDone } from '../domain/campaign/milestones.js';

/**
 * Which milestones of the campaign are done (DESIGN §2.7): one hash, milestone id → the admin's record.
 * Kept for the campaign's life (it is part of the archive), no TTL.
 */
export function createMilestoneStore(redis: Redis, keys: Keys, audit: AuditStore) {
  return {
    async doneMap(): Promise<Map<string, MilestoneDone>> {
      const raw = await redis.hgetall(keys.milestonesDone());
      const out = new Map<string, MilestoneDone>();
      for (const [id, v] of Object.entries(raw)) {
        const parsed = milestoneDoneSchema.safeParse(JSON.parse(v));
        if (parsed.success) out.set(id, parsed.data);
      }
      return out;
    },
    async get(id: string): Promise<MilestoneDone | undefined> {
      const v = await redis.hget(keys.milestonesDone(), id);
      const parsed = v ? milestoneDoneSchema.safeParse(JSON.parse(v)) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },
    /** Marks it done once, with its audit entry in the same step; false when it was done already. */
    async markDone(id: string, done: MilestoneDone, entry: AuditEntry): Promise<boolean> {
      const value = JSON.stringify(milestoneDoneSchema.parse(done));
      if ((await redis.hsetnx(keys.milestonesDone(), id, value)) === 0) return false;
      await audit.add(entry);
      return true;
    },
  };
}

export type MilestoneStore = ReturnType<typeof createMilestoneStore>;
