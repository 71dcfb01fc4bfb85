import { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';
import type { AuditStore } from './audit.js';

const REMOVE_AND_AUDIT = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 2))
  return 1
end
return 0`;

type RuntimeRole = 'admin' | 'leader' | 'supervisor';

const runtimeRoleEntrySchema = z.object({
  name: z.string().default(''),
  title: z.string().optional(),
  addedBy: z.string(),
  at: z.number(),
});
type RuntimeRoleEntry = z.infer<typeof runtimeRoleEntrySchema>;

export interface RuntimeRoles {
  admins: Map<string, RuntimeRoleEntry>;
  leaders: Map<string, RuntimeRoleEntry>;
  supervisors: Map<string, RuntimeRoleEntry>;
}

/** Roles added at run time by admins (`设置 …`); they add to the file's. Each change is audited in the same MULTI. */
export function createRolesStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const keyOf = (role: RuntimeRole) =>
    (role === 'admin' ? keys.roleAdmins() : role === 'leader' ? keys.roleLeaders() : keys.roleSupervisors());
  const parseHash = (h: Record<string, string>) => {
    const m = new Map<string, RuntimeRoleEntry>();
    for (const [openId, json] of Object.entries(h)) {
      const r = runtimeRoleEntrySchema.safeParse(JSON.parse(json));
      if (r.success) m.set(openId, r.data);
    }
    return m;
  };
  return {
    async all(): Promise<RuntimeRoles> {
      // Three reads, not a MULTI: the three hashes sit in different slots on a cluster.
      const [a, l, s] = await Promise.all([keys.roleAdmins(), keys.roleLeaders(), keys.roleSupervisors()].map((k) => redis.hgetall(k)));
      return { admins: parseHash(a), leaders: parseHash(l), supervisors: parseHash(s) };
    },
    async add(role: RuntimeRole, openId: string, entry: RuntimeRoleEntry): Promise<void> {
      const multi = redis.multi().hset(keyOf(role), openId, JSON.stringify(runtimeRoleEntrySchema.parse(entry)));
      audit.addTo(multi, {
        at: entry.at, actor: entry.addedBy, action: `role.add.${role}`,
        detail: { openId, name: entry.name, ...(entry.title ? { title: entry.title } : {}) },
      });
      await multi.exec();
    },
    /** Returns false when there was nothing to remove (nothing is audited then). */
    async remove(role: RuntimeRole, openId: string, actor: string, at: number): Promise<boolean> {
      // One script: the audit entry is written only when the HDEL removed something.
      const removed = await redis.eval(REMOVE_AND_AUDIT, 2, keyOf(role), await audit.streamNear(keyOf(role)), openId,
        ...audit.fields({ at, actor, action: `role.remove.${role}`, detail: { openId } }));
      return removed === 1;
    },
  };
}

export type RolesStore = ReturnType<typeof createRolesStore>;
