import type { RedisClient as Redis } from './redis.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { kindEditsSchema, NO_KIND_EDITS, type KindEdits } from '../domain/materials/kind-edits.js';

/**
 * The admins' edits of the materials kinds over the campaign file's `materials` block (材料 设置): one zod-validated
 * JSON document, written with its audit entry in one MULTI. Kept for the campaign's life, no TTL.
 */
export function createMaterialKindsStore(redis: Redis, keys: Keys, audit: AuditStore) {
  return {
    async get(): Promise<KindEdits> {
      const raw = await redis.get(keys.materialKindEdits());
      if (!raw) return NO_KIND_EDITS;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return NO_KIND_EDITS;
      }
      const parsed = kindEditsSchema.safeParse(json);
      // A document we cannot read is treated as no edits: the file's kinds hold, and the next save replaces it.
      return parsed.success ? parsed.data : NO_KIND_EDITS;
    },
    async save(doc: KindEdits, entry: AuditEntry): Promise<void> {
      const m = redis.multi().set(keys.materialKindEdits(), JSON.stringify(kindEditsSchema.parse(doc)));
      await audit.addTo(m, entry).exec();
    },
  };
}

export type MaterialKindsStore = ReturnType<typeof createMaterialKindsStore>;
