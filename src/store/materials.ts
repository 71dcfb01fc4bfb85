import type { RedisClient as Redis } from './redis.js';
import { materialSchema, type Material } from '../domain/materials/material.js';
import { logReminder, type Change } from '../domain/materials/transitions.js';
import type { KindKey } from '../domain/materials/kinds.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';

/**
 * Materials for review (材料报审, DESIGN §2.9) in Redis. One hash per material under the `{mt}` tag: `data` (the
 * material as JSON) and `rev` (a counter for compare-and-set). Every change is a pure transition
 * (src/domain/materials/transitions.ts) applied to the material as read, then written in one script with its
 * audit entry only if nobody changed it meanwhile: two reviewers clicking at once cannot both act. No TTL.
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

// KEYS: material, accepted, audit. ARGV: expected rev, data, kind, accepted at ('' when not accepted), then the audit
// entry's fields (none: no entry). 1 when written.
const CAS = `
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', tostring(tonumber(ARGV[1]) + 1))
if ARGV[4] ~= '' then redis.call('HSETNX', KEYS[2], ARGV[3], ARGV[4]) end
if #ARGV > 4 then redis.call('XADD', KEYS[3], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 5)) end
return 1`;

export type MaterialUpdate = Change | { ok: false; reason: 'notFound' | 'conflict' };

const ATTEMPTS = 25;

export function createMaterialStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const serialize = (m: Material) => JSON.stringify(materialSchema.parse(m));
  const parse = (h: Record<string, string>): { material: Material; rev: string } | undefined => {
    if (!h.data || !h.rev) return undefined;
    try {
      const r = materialSchema.safeParse(JSON.parse(h.data));
      return r.success ? { material: r.data, rev: h.rev } : undefined;
    } catch {
      return undefined;
    }
  };
  const read = async (id: string) => parse(await redis.hgetall(keys.material(id)));

  async function getMany(ids: readonly string[]): Promise<Material[]> {
    if (!ids.length) return [];
    const p = redis.pipeline();
    for (const id of ids) p.hgetall(keys.material(id));
    const res = (await p.exec()) ?? [];
    return res.map(([, h]) => parse(h as Record<string, string>)?.material).filter((x): x is Material => x !== undefined);
  }

  /**
   * Applies `change` to the material as stored and writes the result with `entry` in one script, if it did not change
   * meanwhile (else re-reads and re-applies). A refusal writes nothing. A material that becomes accepted records the
   * first acceptance of its kind.
   */
  async function update(id: string, change: (m: Material) => Change, entry: AuditEntry | null): Promise<MaterialUpdate> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const cur = await read(id);
      if (!cur) return { ok: false, reason: 'notFound' };
      const r = change(cur.material);
      if (!r.ok) return r;
      const accepted = r.material.state === 'accepted' && cur.material.state !== 'accepted' ? String(r.material.acceptedAt ?? '') : '';
      const written = await redis.eval(CAS, 3, keys.material(id), keys.materialsAccepted(), keys.audit(),
        cur.rev, serialize(r.material), r.material.kind, accepted, ...(entry ? audit.fields(entry) : []));
      if (written === 1) return r;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (i + 1)));
    }
    return { ok: false, reason: 'conflict' };
  }

  return {
    /**
     * Stores a new material with its audit entry in one script. With `leader` (a 对照检查材料), at most one per
     * leader: when theirs exists, nothing is written and the existing one comes back (`created: false`).
     */
    async create(m: Material, entry: AuditEntry, leader?: string): Promise<{ material: Material; created: boolean }> {
      const id = await redis.eval(CREATE, 4, keys.material(m.id), keys.materialsAll(), keys.materialsSelfCheck(), keys.audit(),
        m.id, serialize(m), String(m.createdAt), leader ?? '', ...audit.fields({ ...entry, detail: { id: m.id, ...entry.detail } }));
      if (id === m.id) return { material: m, created: true };
      const existing = (await read(String(id)))?.material;
      if (!existing) throw new Error(`material ${String(id)} named by the 对照检查材料 index is missing`);
      return { material: existing, created: false };
    },

    async get(id: string): Promise<Material | undefined> {
      return (await read(id))?.material;
    },

    getMany,

    /** Every material, oldest first. */
    async list(): Promise<Material[]> {
      return getMany(await redis.zrange(keys.materialsAll(), '0', '-1'));
    },

    update,

    /** When the first material of `kind` was accepted (the board gate and 进度 read it). */
    async acceptedAt(kind: KindKey): Promise<number | undefined> {
      const v = await redis.hget(keys.materialsAccepted(), kind);
      return v ? Number(v) : undefined;
    },

    /**
     * Logs a reminder on the material once per key: 'logged', or 'duplicate' when a run of the same job logged it already.
     */
    async logReminder(id: string, key: string, note: string, now: number): Promise<'logged' | 'duplicate' | 'notFound'> {
      let dup = false;
      const r = await update(id, (m) => {
        const changed = logReminder(m, key, note, now);
        if (!changed) {
          dup = true;
          return { ok: false, reason: 'stale' };
        }
        return { ok: true, material: changed };
      }, { at: now, actor: 'system', action: 'material.remind', detail: { id, key } });
      if (dup) return 'duplicate';
      return r.ok ? 'logged' : 'notFound';
    },
  };
}

export type MaterialStore = ReturnType<typeof createMaterialStore>;
