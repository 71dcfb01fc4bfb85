import type { RedisClient as Redis } from './redis.js';
import { meetingSchema, type Meeting } from '../domain/meetings/meeting.js';
import { logReminder, type Change } from '../domain/meetings/transitions.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';

/**
 * 专题民主生活会 and 组织生活会 (DESIGN §2.10) in Redis. One hash per meeting under the `{mg}` tag: `data` (the meeting as
 * JSON) and `rev` (a counter for compare-and-set). Every change is a pure transition (src/domain/meetings/transitions.ts)
 * applied to the meeting as read, then written with its audit entry in one script only if nobody changed it meanwhile.
 */

// KEYS: meeting, all, audit. ARGV: id, data, start, then the audit entry's fields.
const CREATE = `
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', '1')
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 4))
return 1`;

// KEYS: meeting, all, audit. ARGV: expected rev, data, id, start, then the audit entry's fields (none: no entry).
const CAS = `
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', tostring(tonumber(ARGV[1]) + 1))
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
if #ARGV > 4 then redis.call('XADD', KEYS[3], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 5)) end
return 1`;

export type MeetingUpdate = Change | { ok: false; reason: 'notFound' | 'conflict' };

const ATTEMPTS = 25;

export function createMeetingStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const serialize = (m: Meeting) => JSON.stringify(meetingSchema.parse(m));
  const parse = (h: Record<string, string>): { meeting: Meeting; rev: string } | undefined => {
    if (!h.data || !h.rev) return undefined;
    try {
      const r = meetingSchema.safeParse(JSON.parse(h.data));
      return r.success ? { meeting: r.data, rev: h.rev } : undefined;
    } catch {
      return undefined;
    }
  };
  const read = async (id: string) => parse(await redis.hgetall(keys.meeting(id)));

  /** Applies `change` to the meeting as stored and writes it with `entry` if it did not change meanwhile (else again). */
  async function update(id: string, change: (m: Meeting) => Change, entry: AuditEntry | null): Promise<MeetingUpdate> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const cur = await read(id);
      if (!cur) return { ok: false, reason: 'notFound' };
      const r = change(cur.meeting);
      if (!r.ok) return r;
      const written = await redis.eval(CAS, 3, keys.meeting(id), keys.meetingsAll(), keys.audit(),
        cur.rev, serialize(r.meeting), id, String(r.meeting.start), ...(entry ? audit.fields(entry) : []));
      if (written === 1) return r;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (i + 1)));
    }
    return { ok: false, reason: 'conflict' };
  }

  return {
    async create(m: Meeting, entry: AuditEntry): Promise<Meeting> {
      await redis.eval(CREATE, 3, keys.meeting(m.id), keys.meetingsAll(), keys.audit(),
        m.id, serialize(m), String(m.start), ...audit.fields({ ...entry, detail: { id: m.id, ...entry.detail } }));
      return m;
    },

    async get(id: string): Promise<Meeting | undefined> {
      return (await read(id))?.meeting;
    },

    /** Every meeting, by start. */
    async list(): Promise<Meeting[]> {
      const ids = await redis.zrange(keys.meetingsAll(), '0', '-1');
      if (!ids.length) return [];
      const p = redis.pipeline();
      for (const id of ids) p.hgetall(keys.meeting(id));
      const res = (await p.exec()) ?? [];
      return res.map(([, h]) => parse(h as Record<string, string>)?.meeting).filter((x): x is Meeting => x !== undefined);
    },

    update,

    /** Logs a reminder once per key: 'logged', or 'duplicate' when a run of the same job logged it already. */
    async logReminder(id: string, key: string, note: string, now: number): Promise<'logged' | 'duplicate' | 'notFound'> {
      let dup = false;
      const r = await update(id, (m) => {
        const changed = logReminder(m, key, note, now);
        if (!changed) {
          dup = true;
          return { ok: false, reason: 'stale' };
        }
        return { ok: true, meeting: changed };
      }, { at: now, actor: 'system', action: 'meeting.remind', detail: { id, key } });
      if (dup) return 'duplicate';
      return r.ok ? 'logged' : 'notFound';
    },
  };
}

export type MeetingStore = ReturnType<typeof createMeetingStore>;
