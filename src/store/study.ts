import { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import {
  attendanceSchema, reflectionCardsSchema, reflectionSchema, sessionSchema, type Attendance, type Reflection, type ReflectionCards,
  type StudySession,
} from '../domain/study/session.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';

const recordCardSchema = z.strictObject({ key: z.string().min(1).max(200), at: z.number().int() });
export type RecordCardRef = z.infer<typeof recordCardSchema>;

/**
 * Study sessions in Redis (DESIGN §2.5), all under the `{st}` hash tag. Named data: attendance and
 * reflections carry open_ids (unlike opinions and ballots). No TTL: the records are the campaign's
 * (the digest trend, the member's record, the exports and the end-of-campaign archive read them).
 */

// KEYS: session, index. ARGV: id, start, fields JSON. Creates the session once (1), else leaves it (0).
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local f = cjson.decode(ARGV[3])
for k, v in pairs(f) do redis.call('HSET', KEYS[1], k, v) end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1`;

// KEYS: attendees. ARGV: open_id/name pairs. The snapshot is taken once ('' marks an empty list).
const SNAPSHOT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], '', '')
if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return 1`;

// KEYS: reflection cards. ARGV: gen, then open_id/key pairs. Per member: an older generation is
// ignored, the same one gains the key, a newer one replaces the list. Returns how many changed.
const TRACK = `
local gen = tonumber(ARGV[1])
local n = 0
for i = 2, #ARGV, 2 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  local c = cur and cjson.decode(cur) or nil
  if c == nil or c.gen < gen then
    redis.call('HSET', KEYS[1], ARGV[i], cjson.encode({gen = gen, keys = {ARGV[i + 1]}}))
    n = n + 1
  elseif c.gen == gen then
    local found = false
    for _, k in ipairs(c.keys) do if k == ARGV[i + 1] then found = true end end
    if not found then
      table.insert(c.keys, ARGV[i + 1])
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(c))
      n = n + 1
    end
  end
end
return n`;

const json = (v: unknown) => JSON.stringify(v);
function parseJson(s: string | undefined): unknown {
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

export function createStudyStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const fieldsOf = (s: StudySession): Record<string, string> => ({
    meta: json({ id: s.id, start: s.start, end: s.end, source: s.source, createdAt: s.createdAt }),
    topic: s.topic, place: s.place, materials: json(s.materials), status: s.status,
  });
  const parse = (h: Record<string, string>): StudySession | undefined => {
    if (!h.meta) return undefined;
    const r = sessionSchema.safeParse({
      ...(parseJson(h.meta) as object), topic: h.topic, place: h.place, materials: parseJson(h.materials), status: h.status,
    });
    return r.success ? r.data : undefined;
  };
  const getSession = async (id: string) => parse(await redis.hgetall(keys.stSession(id)));
  const parseMap = <T>(
    h: Record<string, string>, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  ): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [u, v] of Object.entries(h)) {
      const r = schema.safeParse(parseJson(v));
      if (r.success) out[u] = r.data;
    }
    return out;
  };

  async function sessions(ids: readonly string[]): Promise<StudySession[]> {
    if (!ids.length) return [];
    const p = redis.pipeline();
    for (const id of ids) p.hgetall(keys.stSession(id));
    const res = (await p.exec()) ?? [];
    return res.map(([, h]) => parse(h as Record<string, string>)).filter((x): x is StudySession => x !== undefined);
  }

  return {
    /** Creates the session unless it exists (a re-planned occurrence keeps its admin-set topic). True when created. */
    async ensureSession(s: StudySession): Promise<boolean> {
      const v = sessionSchema.parse(s);
      return (await redis.eval(CREATE, 2, keys.stSession(v.id), keys.stSessions(), v.id, String(v.start), json(fieldsOf(v)))) === 1;
    },

    getSession,

    /** Topic, place and materials of a session (学习 设置); audited in the same MULTI. */
    async updateSession(
      id: string, patch: Pick<StudySession, 'topic' | 'place' | 'materials'> & Partial<Pick<StudySession, 'source' | 'status'>>,
      entry: AuditEntry,
    ): Promise<boolean> {
      const cur = await getSession(id);
      if (!cur) return false;
      const next = sessionSchema.parse({ ...cur, ...patch });
      const m = redis.multi().hset(keys.stSession(id), {
        topic: next.topic, place: next.place, materials: json(next.materials), status: next.status, source: next.source,
      });
      audit.addTo(m, entry);
      await m.exec();
      return true;
    },

    async cancelSession(id: string): Promise<void> {
      if (await redis.exists(keys.stSession(id))) await redis.hset(keys.stSession(id), 'status', 'cancelled');
    },

    /** A cancelled session that is wanted again (its date un-skipped, the pattern switched back). */
    async restoreSession(id: string): Promise<void> {
      if (await redis.exists(keys.stSession(id))) await redis.hset(keys.stSession(id), 'status', 'planned');
    },

    /** Sessions starting in [from, to], oldest first. */
    async sessionsBetween(from: number, to: number, limit = 100): Promise<StudySession[]> {
      const ids = await redis.zrangebyscore(keys.stSessions(), from, to, 'LIMIT', 0, limit);
      return sessions(ids);
    },

    /** The latest `n` sessions starting at or before `before`, oldest first. */
    async sessionsBefore(before: number, n: number): Promise<StudySession[]> {
      const ids = await redis.zrevrangebyscore(keys.stSessions(), before, '-inf', 'LIMIT', 0, n);
      return sessions(ids.reverse());
    },

    sessions,

    /** Takes the attendee snapshot once; later calls keep the first. */
    async snapshotAttendees(id: string, people: Readonly<Record<string, string>>): Promise<void> {
      await redis.eval(SNAPSHOT, 1, keys.stAttendees(id), ...Object.entries(people).flat());
    },

    /** open_id → name of the session's attendees, or undefined before the snapshot. */
    async attendees(id: string): Promise<Record<string, string> | undefined> {
      const h = await redis.hgetall(keys.stAttendees(id));
      if (!('' in h)) return undefined;
      delete h[''];
      return h;
    },

    /** Records that a step ran; true the first time. */
    async markStep(id: string, step: string): Promise<boolean> {
      return (await redis.sadd(keys.stSteps(id), step)) === 1;
    },

    async steps(id: string): Promise<string[]> {
      return redis.smembers(keys.stSteps(id));
    },

    /** Writes a check-in or a leave once: 'ok', or the record already there (nothing changes). */
    async record(id: string, openId: string, rec: Attendance): Promise<'ok' | Attendance> {
      const v = attendanceSchema.parse(rec);
      const [[, set], [, cur]] = (await redis.multi()
        .hsetnx(keys.stRecords(id), openId, json(v))
        .hget(keys.stRecords(id), openId)
        .exec()) as [[null, number], [null, string | null]];
      if (set === 1) return 'ok';
      const r = attendanceSchema.safeParse(parseJson(cur ?? undefined));
      return r.success ? r.data : v;
    },

    async recordOf(id: string, openId: string): Promise<Attendance | undefined> {
      const r = attendanceSchema.safeParse(parseJson((await redis.hget(keys.stRecords(id), openId)) ?? undefined));
      return r.success ? r.data : undefined;
    },

    async records(id: string): Promise<Record<string, Attendance>> {
      return parseMap(await redis.hgetall(keys.stRecords(id)), attendanceSchema);
    },

    async putReflection(id: string, openId: string, r: Reflection): Promise<void> {
      await redis.hset(keys.stReflections(id), openId, json(reflectionSchema.parse(r)));
    },

    async reflection(id: string, openId: string): Promise<Reflection | undefined> {
      const r = reflectionSchema.safeParse(parseJson((await redis.hget(keys.stReflections(id), openId)) ?? undefined));
      return r.success ? r.data : undefined;
    },

    async reflections(id: string): Promise<Record<string, Reflection>> {
      return parseMap(await redis.hgetall(keys.stReflections(id)), reflectionSchema);
    },

    /**
     * Records the reflection cards sent to members in generation `gen` (a re-send starts a new one and
     * leaves the older cards to be pointed to it; a step run again after a later one changes nothing).
     */
    async trackReflectionCards(id: string, gen: number, sent: readonly { openId: string; key: string }[]): Promise<number> {
      if (!sent.length) return 0;
      return (await redis.eval(TRACK, 1, keys.stReflectionCards(id), String(gen), ...sent.flatMap((x) => [x.openId, x.key]))) as number;
    },

    /** open_id → the member's live reflection cards. */
    async reflectionCards(id: string): Promise<Record<string, ReflectionCards>> {
      return parseMap(await redis.hgetall(keys.stReflectionCards(id)), reflectionCardsSchema);
    },

    /** Remembers the outbox key of a person's latest 学习 record card (the one an admin's change patches). */
    async trackRecordCard(openId: string, key: string, at: number): Promise<void> {
      await redis.hset(keys.stRecordCards(), openId, json(recordCardSchema.parse({ key, at })));
    },

    /** open_id → their latest 学习 record card. */
    async recordCards(): Promise<Record<string, RecordCardRef>> {
      return parseMap(await redis.hgetall(keys.stRecordCards()), recordCardSchema);
    },

    async reflectionCardsOf(id: string, openId: string): Promise<ReflectionCards | undefined> {
      const r = reflectionCardsSchema.safeParse(parseJson((await redis.hget(keys.stReflectionCards(id), openId)) ?? undefined));
      return r.success ? r.data : undefined;
    },
  };
}

export type StudyStore = ReturnType<typeof createStudyStore>;
