import { type RedisClient as Redis, createRedis } from './store/redis.js';
import type { Config } from './config.js';
import type { ResolvedCampaign } from './campaign.js';
import type { LarkApi } from './lark/api.js';
import { withChatModeCache } from './lark/chat-mode-cache.js';
import type { Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createQueues, type Queues } from './queues.js';
import { createKeys, type Keys } from './store/keys.js';
import { createStores } from './store/stores.js';
import { createHandlerCtx, type Services } from './handler-ctx.js';
import type { HandlerCtx } from '../handlers/context.js';

export interface Deps {
  config: Config;
  log: Logger;
  metrics: Metrics;
  keys: Keys;
  lark: LarkApi;
  campaign: ResolvedCampaign;
  /** The `fast` connection: the web edge (webhook, card callbacks answered inline) and every producer. */
  redis: Redis;
  /** Producer-side queues, on `redis`. */
  queues: Queues;
  /** What every HandlerCtx shares (the workers build theirs from it on their own connection). */
  services: Services;
  /** The web edge's HandlerCtx: its stores on `redis`. */
  ctx: HandlerCtx;
  /**
   * A new connection, closed with the service: `store` for the stores of the workers' ctx, `blocking`
   * for each BullMQ Worker and QueueEvents (each owns its own).
   */
  connect: (role: 'store' | 'blocking') => Redis;
  close: () => Promise<void>;
}

/** The composition root: every client is built here, nothing at import time. */
export function createDeps(input: {
  config: Config; log: Logger; lark: LarkApi; campaign: ResolvedCampaign; redis: Redis; anonSecret: string; now?: () => number;
}): Deps {
  const { config, log, lark, campaign, redis } = input;
  const keys = createKeys(config.redisPrefix);
  const queues = createQueues(redis, keys.bullPrefix);
  const services: Services = {
    // Handlers ask a chat's mode on personal-card clicks from a chat not known yet: once per chat and process.
    campaign, lark: withChatModeCache(lark), log, metrics: createMetrics(), now: input.now ?? Date.now, anonSecret: input.anonSecret,
    limits: { opinionsPerDay: config.opinionsPerDay, lookupsPerDay: config.lookupsPerDay }, publicUrl: config.publicUrl,
  };
  const ctx = createHandlerCtx(services, createStores(redis, keys), queues);
  const connections: Redis[] = [];

  return {
    config, log, metrics: services.metrics, keys, lark, campaign, redis, queues, services, ctx,
    connect(role) {
      const c = createRedis(config.redis, role);
      c.on('error', (e) => log.debug({ err: e.message, role }, 'redis (worker) connection error'));
      connections.push(c);
      return c;
    },
    async close() {
      await queues.close().catch(() => undefined);
      // Workers and QueueEvents are closed by now: nothing is waiting on these connections.
      for (const c of connections) c.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
