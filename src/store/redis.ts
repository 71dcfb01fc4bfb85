import { Redis } from 'ioredis';

/**
 * Connection roles (BullMQ "going to production"):
 * - `fast`: the web edge and producers. No offline queue, one retry: a Redis outage fails the
 *   command at once, so the webhook can answer 503 and Lark re-pushes.
 * - `blocking`: BullMQ workers and QueueEvents (`maxRetriesPerRequest: null`, waits for Redis).
 * - `store`: our own commands in workers; waits through short reconnects.
 */
type RedisRole = 'fast' | 'blocking' | 'store';

export type RedisClient = Redis;

export function createRedis(url: string, role: RedisRole): Redis {
  const common = {
    lazyConnect: false,
    connectionName: `mlb-${role}`,
    // Reconnect quickly but not in a hot loop.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
  switch (role) {
    case 'fast':
      return new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000 });
    case 'blocking':
      return new Redis(url, { ...common, maxRetriesPerRequest: null });
    case 'store':
      return new Redis(url, { ...common, maxRetriesPerRequest: 3 });
  }
}

/** True when the client can take a command now (no waiting on a reconnect). */
export function isReady(redis: Redis): boolean {
  return redis.status === 'ready';
}
