import type { RedisClient as Redis } from './redis.js';
import { logReminder, talkSchema, type Talk, type TalkChange, pairKey } from '../domain/talks/talk.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { createRevisionedRecords, type Logged } from './revisioned.js';

/**
 * 谈心谈话 in Redis under the `{tk}` tag: one hash per talk (`data`, `rev`, kept by the shared revisioned records of
 * ./revisioned.ts), the index of ids, the pair index that keeps a pair to one talk, each planner's draft, and each
 * party's private note under its own key. A note is never part of a talk's JSON, never in an audit entry and never
 * logged: `note`/`setNote` read and write it for its writer only.
 */

// KEYS: talk, all, pairs. ARGV: id, pair key, data, createdAt. 1 when created, 0 when the pair has a talk already.
const CREATE = `
if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[3], 'rev', '1')
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return 1`;

export type TalkUpdate = TalkChange | { ok: false; reason: 'notFound' | 'conflict' };

const DRAFT_TTL_SECONDS = 86_400;

export function createTalkStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const records = createRevisionedRecords({
    redis, audit, schema: talkSchema, field: 'talk',
    keyOf: keys.talk, allKey: keys.talksAll(), skipBadJson: true,
  });

  /** Applies `change` to the talk as stored and writes it with `entry` if it did not change meanwhile (else again). */
  const update = (id: string, change: (t: Talk) => TalkChange, entry: AuditEntry | null): Promise<TalkUpdate> =>
    records.update(id, change, entry);

  return {
    /** Stores the talks whose pair has none yet, then one audit entry for the plan. The talks created come back. */
    async createMany(talks: readonly Talk[], entry: AuditEntry): Promise<Talk[]> {
      const made: Talk[] = [];
      for (const t of talks) {
        const r = await redis.eval(CREATE, 3, keys.talk(t.id), keys.talksAll(), keys.talkPairs(),
          t.id, pairKey(t.a, t.b), records.serialize(t), String(t.createdAt));
        if (r === 1) made.push(t);
      }
      await audit.add({ ...entry, detail: { ...entry.detail, created: made.length, ids: made.map((t) => t.id) } });
      return made;
    },

    get: records.get,

    /** Every talk, oldest first. */
    list: records.list,

    /** Pair keys of every talk planned. */
    async pairs(): Promise<Set<string>> {
      return new Set(await redis.hkeys(keys.talkPairs()));
    },

    update,

    /** Logs a reminder once: 'duplicate' when a run of the same job logged it already. */
    logReminder: (id: string, key: string, now: number): Promise<Logged> =>
      records.logOnce(id, (t) => logReminder(t, key, now), null),

    /** `writer`'s private note on the talk ('' for none). Only the note's writer may be passed here (handlers/talks/note.ts). */
    async note(id: string, writer: string): Promise<{ text: string; at: number } | undefined> {
      const raw = await redis.get(keys.talkNote(id, writer));
      if (!raw) return undefined;
      try {
        const v = JSON.parse(raw) as { text?: unknown; at?: unknown };
        return typeof v.text === 'string' && typeof v.at === 'number' ? { text: v.text, at: v.at } : undefined;
      } catch {
        return undefined;
      }
    },

    /** Writes (or, with '', deletes) `writer`'s private note: its own key, no audit entry, nothing logged. */
    async setNote(id: string, writer: string, text: string, now: number): Promise<void> {
      if (text === '') await redis.del(keys.talkNote(id, writer));
      else await redis.set(keys.talkNote(id, writer), JSON.stringify({ text, at: now }));
    },

    /** A planner's draft plan (JSON the handler parses), kept a day. */
    async draft(openId: string): Promise<string | undefined> {
      return (await redis.get(keys.talkDraft(openId))) ?? undefined;
    },
    async setDraft(openId: string, json: string | undefined): Promise<void> {
      if (json === undefined) await redis.del(keys.talkDraft(openId));
      else await redis.set(keys.talkDraft(openId), json, 'EX', DRAFT_TTL_SECONDS);
    },
  };
}

export type TalkStore = ReturnType<typeof createTalkStore>;
