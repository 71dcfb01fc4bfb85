import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';
import { fileIntentSchema, type FileIntent, type ReceivedFile } from '../domain/files/files.js';

/** Redis keeps a record a day past its expiry, so a file sent late is told "expired" rather than "nobody waits". */
const KEEP_PAST_EXPIRY_SECONDS = 24 * 3600;

// Marks the record taken only if it is still the one the caller read (no other file and no new 提交新版本 meanwhile).
const TAKE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1`;

// Drops the record only if it is still the one the caller read.
const DROP = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Who the bot waits for a file from, and for what (one pending intent per person). */
export function createFileIntentStore(redis: Redis, keys: Keys) {
  return {
    /** Replaces the person's pending intent. `ttlSeconds`: how long it is valid (campaign time is in `intent`). */
    async put(openId: string, intent: FileIntent, ttlSeconds: number): Promise<void> {
      const value = JSON.stringify(fileIntentSchema.parse(intent));
      await redis.set(keys.fileIntent(openId), value, 'EX', ttlSeconds + KEEP_PAST_EXPIRY_SECONDS);
    },
    /** The record and its raw text (what `take` and `drop` compare against); undefined when none or unreadable. */
    async get(openId: string): Promise<{ intent: FileIntent; raw: string } | undefined> {
      const raw = await redis.get(keys.fileIntent(openId));
      if (raw === null) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return undefined;
      }
      const r = fileIntentSchema.safeParse(json);
      return r.success ? { intent: r.data, raw } : undefined;
    },
    /** Marks the intent read as `raw` taken by `eventId` with `file`; false when it changed meanwhile. */
    async take(openId: string, raw: string, eventId: string, file: ReceivedFile): Promise<boolean> {
      const intent = fileIntentSchema.parse({ ...(JSON.parse(raw) as FileIntent), taken: { eventId, file } });
      return (await redis.eval(TAKE, 1, keys.fileIntent(openId), raw, JSON.stringify(intent))) === 1;
    },
    /** Forgets the intent read as `raw` (told the person it expired), unless it changed meanwhile. */
    async drop(openId: string, raw: string): Promise<void> {
      await redis.eval(DROP, 1, keys.fileIntent(openId), raw);
    },
  };
}

export type FileIntentStore = ReturnType<typeof createFileIntentStore>;
