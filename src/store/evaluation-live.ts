import type { RedisClient as Redis } from './redis.js';
import { z } from 'zod';
import type { Keys } from './keys.js';

/**
 * The admins' round-list cards kept live (issue #14): outbox key of each list card sent → when it was sent and
 * whether the message still shows the list (a click may have replaced it with a form or results). Only outbox
 * keys and times: turnout is read from the round when a card is patched, and nothing here is about a voter.
 * A 2.0 card takes patches for 14 days, so older entries are dropped; only the newest few are kept.
 */

const CARD_DAYS_MS = 14 * 86_400_000;
const MAX_CARDS = 20;
const entrySchema = z.object({ at: z.number().int(), on: z.boolean() });
export interface LiveCard { key: string; at: number; on: boolean }

export function createEvaluationLiveStore(redis: Redis, keys: Keys) {
  const read = async (now: number): Promise<LiveCard[]> => {
    const h = await redis.hgetall(keys.evLive());
    const out: LiveCard[] = [];
    for (const [key, v] of Object.entries(h)) {
      const e = entrySchema.safeParse(JSON.parse(v));
      if (e.success && e.data.at > now - CARD_DAYS_MS) out.push({ key, ...e.data });
    }
    return out.sort((a, b) => b.at - a.at);
  };
  return {
    /** A list card just sent under `key`; the oldest beyond the newest few, and any past 14 days, are forgotten. */
    async track(key: string, now: number): Promise<void> {
      await redis.multi().hset(keys.evLive(), key, JSON.stringify({ at: now, on: true }))
        .pexpire(keys.evLive(), CARD_DAYS_MS).exec();
      const all = await redis.hgetall(keys.evLive());
      const keep = new Set((await read(now)).slice(0, MAX_CARDS).map((c) => c.key));
      const drop = Object.keys(all).filter((k) => !keep.has(k));
      if (drop.length) await redis.hdel(keys.evLive(), ...drop);
    },

    /** The tracked cards, newest first. */
    cards: read,

    /** Whether the message sent under `key` shows the list now. */
    async setShown(key: string, on: boolean): Promise<void> {
      const v = await redis.hget(keys.evLive(), key);
      const e = v ? entrySchema.safeParse(JSON.parse(v)) : undefined;
      if (e?.success && e.data.on !== on) await redis.hset(keys.evLive(), key, JSON.stringify({ ...e.data, on }));
    },
  };
}
