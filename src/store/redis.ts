import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../config.js';

/**
 * Connection roles (BullMQ "going to production"):
 * - `fast`: the web edge and producers. No offline queue, one retry: a Redis outage fails the
 *   command at once, so the webhook can answer 503 and Lark re-pushes.
 * - `blocking`: BullMQ workers and QueueEvents (`maxRetriesPerRequest: null`, waits for Redis).
 * - `store`: our own commands in workers; waits through short reconnects.
 */
type RedisRole = 'fast' | 'blocking' | 'store';

/**
 * One node (or the master Sentinel names) or a Redis Cluster: the same commands either way, as long as every
 * multi-key command, MULTI and script stays inside one hash slot (keys.ts hash tags; test/integration/cluster).
 */
export type RedisClient = Redis | Cluster;

/** What each role changes on a node connection. */
function roleOptions(role: RedisRole): RedisOptions {
  switch (role) {
    case 'fast': return { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000 };
    case 'blocking': return { maxRetriesPerRequest: null };
    case 'store': return { maxRetriesPerRequest: 3 };
  }
}

/** Reconnect quickly but not in a hot loop. */
const backoff = (times: number) => Math.min(times * 200, 2000);

/**
 * A connection for `role` to `target` (a REDIS_URL string, or Config.redis). A cluster client follows MOVED/ASK
 * and a failover (the slots are read again); a Sentinel client asks the sentinels for the master and follows it.
 */
export function createRedis(url: string, role: RedisRole): Redis;
export function createRedis(target: RedisTarget, role: RedisRole): RedisClient;
export function createRedis(target: string | RedisTarget, role: RedisRole): RedisClient {
  const t: RedisTarget = typeof target === 'string' ? { mode: 'single', url: target } : target;
  const common: RedisOptions = { lazyConnect: false, connectionName: `mlb-${role}`, retryStrategy: backoff, ...roleOptions(role) };
  switch (t.mode) {
    case 'single':
      return new Redis(t.url, common);
    case 'sentinel':
      return new Redis({
        ...common, sentinels: t.sentinels, name: t.name, password: t.password, sentinelPassword: t.sentinelPassword,
        sentinelRetryStrategy: backoff,
      });
    case 'cluster': {
      const options: ClusterOptions = {
        redisOptions: { ...common, password: t.password },
        clusterRetryStrategy: backoff,
        // The web edge fails fast while the cluster has no slot map (Lark re-pushes); the workers wait for one.
        enableOfflineQueue: role !== 'fast',
        // A failover moves slots: commands in flight wait for the new map instead of failing at once.
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 300,
        retryDelayOnTryAgain: 100,
        maxRedirections: 16,
        slotsRefreshTimeout: 2000,
      };
      return new Cluster(t.nodes, options);
    }
  }
}

/** True when the client can take a command now (no waiting on a reconnect). */
export function isReady(redis: RedisClient): boolean {
  return redis.status === 'ready';
}

/** Whether `redis` is a cluster client. */
export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

/** The masters a command of every node must reach (SCAN, CONFIG GET): the cluster's masters, or the one node. */
export function masterNodes(redis: RedisClient): Redis[] {
  return isCluster(redis) ? redis.nodes('master') : [redis];
}

/** Where a target is, for messages: the URL without its password, or the nodes listed. */
export function describeTarget(target: RedisTarget): string {
  switch (target.mode) {
    case 'single': return target.url.replace(/\/\/[^@]*@/, '//***@');
    case 'cluster': return `the cluster at ${target.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
    case 'sentinel': return `master ${target.name} of the sentinels ${target.sentinels.map((n) => `${n.host}:${n.port}`).join(',')}`;
  }
}

/** The environment variable that names a target, for StartError messages. */
export function targetVariable(target: RedisTarget): string {
  return target.mode === 'single' ? 'REDIS_URL' : target.mode === 'cluster' ? 'REDIS_CLUSTER_NODES' : 'REDIS_SENTINELS';
}
