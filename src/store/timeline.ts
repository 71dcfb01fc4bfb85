import type { RedisClient as Redis } from './redis.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { NO_OVERRIDES, timelineOverridesSchema, type TimelineOverrides } from '../domain/campaign/timeline.js';

/**
 * The admins' edits over the campaign file's timeline (进度 设置): one zod-validated JSON document, written
 * with its audit entry in one MULTI. Kept for the campaign's life (it is the timeline), no TTL.
 */
export function createTimelineStore(redis: Redis, keys: Keys, audit: AuditStore) {
  return {
    async get(): Promise<TimelineOverrides> {
      const raw = await redis.get(keys.timelineOverrides());
      if (!raw) return NO_OVERRIDES;
      const parsed = timelineOverridesSchema.safeParse(JSON.parse(raw));
      // A document we cannot read is treated as no edits: the file's timeline holds, and the next save replaces it.
      return parsed.success ? parsed.data : NO_OVERRIDES;
    },
    async save(doc: TimelineOverrides, entry: AuditEntry): Promise<void> {
      const m = redis.multi().set(keys.timelineOverrides(), JSON.stringify(timelineOverridesSchema.parse(doc)));
      await audit.addTo(m, entry).exec();
    },
  };
}

export type TimelineStore = ReturnType<typeof createTimelineStore>;
