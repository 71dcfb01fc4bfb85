import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';

const EIGHT_HOURS_15 = 8 * 3600 + 15 * 60;

// Writes only a change, so the (frequent) confirmation of a known p2p chat adds nothing to the append-only file.
const SET_IF_CHANGED = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 0 end
return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])`;

/** Small records: card-callback de-duplication, welcome-once, caches of Lark reads. */
export function createKvStore(redis: Redis, keys: Keys) {
  return {
    /** Marks a card callback's event_id as being handled; false when it was already (a Lark re-push). */
    async claimCardEvent(eventId: string): Promise<boolean> {
      return (await redis.set(keys.cardSeen(eventId), '1', 'EX', EIGHT_HOURS_15, 'NX')) === 'OK';
    },
    /** Marks an inline-answered message's event_id (a typed 查询) as handled; false on a re-push. */
    async claimInline(eventId: string): Promise<boolean> {
      return (await redis.set(keys.inlineSeen(eventId), '1', 'EX', EIGHT_HOURS_15, 'NX')) === 'OK';
    },
    async releaseInline(eventId: string): Promise<void> {
      await redis.del(keys.inlineSeen(eventId));
    },
    /**
     * A short lock against double clicks on actions that create something (two clicks are two
     * distinct callbacks): true for the first caller within `seconds`.
     */
    async claimOnce(name: string, seconds: number): Promise<boolean> {
      return (await redis.set(keys.once(name), '1', 'EX', seconds, 'NX')) === 'OK';
    },
    async releaseOnce(name: string): Promise<void> {
      await redis.del(keys.once(name));
    },
    /** Undo a claim when handling failed, so Lark's re-push can try again. */
    async releaseCardEvent(eventId: string): Promise<void> {
      await redis.del(keys.cardSeen(eventId));
    },
    /** True the first time for this person (the welcome card goes out once). */
    async firstWelcome(openId: string): Promise<boolean> {
      return (await redis.sadd(keys.welcomed(), openId)) === 1;
    },
    async forgetWelcome(openId: string): Promise<void> {
      await redis.srem(keys.welcomed(), openId);
    },
    /** The token of a person's p2p chat with the bot, by the person's token (both keyed HMACs); undefined when unknown. */
    async p2pChat(personToken: string): Promise<string | undefined> {
      return (await redis.hget(keys.p2pChats(), personToken)) ?? undefined;
    },
    async recordP2pChat(personToken: string, chatToken: string): Promise<void> {
      await redis.eval(SET_IF_CHANGED, 1, keys.p2pChats(), personToken, chatToken);
    },
    async cachedChatMembers(chatId: string): Promise<string[] | undefined> {
      const [[, exists], [, members]] = await redis.multi()
        .exists(keys.chatMembers(chatId))
        .smembers(keys.chatMembers(chatId))
        .exec() as [[null, number], [null, string[]]];
      return exists ? members.filter((m) => m !== '') : undefined;
    },
    async cacheChatMembers(chatId: string, openIds: string[], ttlSeconds = 600): Promise<void> {
      const k = keys.chatMembers(chatId);
      // '' marks an empty chat so an empty list is cached too.
      await redis.multi().del(k).sadd(k, '', ...openIds).expire(k, ttlSeconds).exec();
    },
    async botInfo(): Promise<{ openId: string; name: string } | undefined> {
      const v = await redis.get(keys.botInfo());
      return v ? (JSON.parse(v) as { openId: string; name: string }) : undefined;
    },
    async cacheBotInfo(info: { openId: string; name: string }): Promise<void> {
      await redis.set(keys.botInfo(), JSON.stringify(info), 'EX', 24 * 3600);
    },
    async ping(): Promise<boolean> {
      return (await redis.ping()) === 'PONG';
    },
  };
}

export type KvStore = ReturnType<typeof createKvStore>;
