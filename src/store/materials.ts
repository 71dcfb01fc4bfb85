import type { RedisClient as Redis } from './redis.js';
import { materialSchema, type Material } from '../domain/materials/material.js';
import { logReminder, type Change } from '../domain/materials/transitions.js';
import type { KindKey } from '../domain/materials/kinds.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { createRevisionedRecords, type Logged } from './revisioned.js';

/**
 * Materials for review (材料报审, DESIGN §2.9) in Redis, kept by the shared revisioned records (./revisioned.ts). One
 * hash per material under the `{mt}` tag: `data` (the material as JSON) and `rev` (a counter for compare-and-set).
 * Every change is a pure transition (src/domain/materials/transitions.ts) applied to the material as read, then
 * written in one script with its audit entry only if nobody changed it meanwhile: two reviewers clicking at once
 * cannot both act. No TTL.
 */

// KEYS: material, all, selfcheck, audit. ARGV: id, data, createdAt, leader ('' for none), then the audit entry's fields.
// Returns the id stored: the existing one when the leader's 对照检查材料 exists already.
const CREATE = `
if ARGV[4] ~= '' then
  local existing = redis.call('HGET', KEYS[3], ARGV[4])
  if existing then return existing end
  redis.call('HSET', KEYS[3], ARGV[4], ARGV[1])
end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', '1')
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 5))
return ARGV[1]`;

export type MaterialUpdate = Change | { ok: false; reason: 'notFound' | 'conflict' };

export function createMaterialStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const materials = createRevisionedRecords({
    redis, audit, schema: materialSchema, field: 'material',
    keyOf: keys.material, allKey: keys.materialsAll(), skipBadJson: true,
    // A material that becomes accepted records the first acceptance of its kind.
    mark: {
      key: keys.materialsAccepted(),
      of: (before, after) => after.state === 'accepted' && before.state !== 'accepted'
        ? { field: after.kind, value: String(after.acceptedAt ?? '') } : undefined,
    },
  });

  /**
   * Applies `change` to the material as stored and writes the result with `entry` in one script, if it did not change
   * meanwhile (else re-reads and re-applies). A refusal writes nothing. A material that becomes accepted records the
   * first acceptance of its kind.
   */
  const update = (id: string, change: (m: Material) => Change, entry: AuditEntry | null): Promise<MaterialUpdate> =>
    materials.update(id, change, entry);

  return {
    /**
     * Stores a new material with its audit entry in one script. With `leader` (a 对照检查材料), at most one per
     * leader: when theirs exists, nothing is written and the existing one comes back (`created: false`).
     */
    async create(m: Material, entry: AuditEntry, leader?: string): Promise<{ material: Material; created: boolean }> {
      const stream = await audit.streamNear(keys.material(m.id));
      const id = await redis.eval(CREATE, 4, keys.material(m.id), keys.materialsAll(), keys.materialsSelfCheck(), stream,
        m.id, materials.serialize(m), String(m.createdAt), leader ?? '',
        ...audit.fields({ ...entry, detail: { id: m.id, ...entry.detail } }));
      if (id === m.id) return { material: m, created: true };
      const existing = await materials.get(String(id));
      if (!existing) throw new Error(`material ${String(id)} named by the 对照检查材料 index is missing`);
      return { material: existing, created: false };
    },

    get: materials.get,

    getMany: materials.getMany,

    /** Every material, oldest first. */
    list: materials.list,

    update,

    /** When the first material of `kind` was accepted (the board gate and 进度 read it). */
    async acceptedAt(kind: KindKey): Promise<number | undefined> {
      const v = await redis.hget(keys.materialsAccepted(), kind);
      return v ? Number(v) : undefined;
    },

    /** Whether version `n`'s file was sent to `openId` (forwarded as its reviewer, or 获取文件). */
    async fileSent(id: string, n: number, openId: string): Promise<boolean> {
      return (await redis.sismember(keys.materialFilesSent(id), `${n}:${openId}`)) === 1;
    },

    /** Records that version `n`'s file was sent to each of `openIds` (no TTL, like the material). */
    async markFileSent(id: string, n: number, openIds: readonly string[]): Promise<void> {
      if (openIds.length) await redis.sadd(keys.materialFilesSent(id), ...openIds.map((u) => `${n}:${u}`));
    },

    /**
     * Logs a reminder on the material once per key: 'logged', or 'duplicate' when a run of the same job logged it already.
     */
    logReminder: (id: string, key: string, note: string, now: number): Promise<Logged> =>
      materials.logOnce(id, (m) => logReminder(m, key, note, now),
        { at: now, actor: 'system', action: 'material.remind', detail: { id, key } }),
  };
}

export type MaterialStore = ReturnType<typeof createMaterialStore>;
