import type { Redis } from 'ioredis';
import { isCluster, type RedisClient } from './redis.js';

interface RedisCheck {
  ok: boolean;
  problems: string[];
}

/**
 * DESIGN §3: production Redis must run with AOF and `maxmemory-policy noeviction`
 * (BullMQ job locks are TTL keys an eviction policy may drop; without AOF a restart loses jobs).
 * On a cluster every node is checked, replicas too (a failover makes one the master); each problem names its node.
 * Through Sentinel, the master the sentinels name is checked.
 */
export async function checkRedisDurability(redis: RedisClient): Promise<RedisCheck> {
  if (!isCluster(redis)) return checkNode(redis, '');
  const nodes = redis.nodes('all');
  if (nodes.length === 0) return { ok: false, problems: ['the cluster client knows no node yet (CLUSTER SLOTS not read)'] };
  const checks = await Promise.all(nodes.map((n) => checkNode(n, `${n.options.host}:${n.options.port}: `)));
  const problems = checks.flatMap((c) => c.problems);
  return { ok: problems.length === 0, problems };
}

async function checkNode(node: Redis, label: string): Promise<RedisCheck> {
  let aof: string | undefined;
  let policy: string | undefined;
  try {
    const a = (await node.config('GET', 'appendonly')) as string[];
    const p = (await node.config('GET', 'maxmemory-policy')) as string[];
    aof = a[1];
    policy = p[1];
  } catch (e) {
    return {
      ok: false,
      problems: [
        `${label}CONFIG GET is not allowed (${(e as Error).message}); ` +
          'for managed Redis that hides CONFIG, confirm AOF and noeviction with your provider and set REDIS_SKIP_CONFIG_CHECK=1',
      ],
    };
  }
  const problems: string[] = [];
  if (aof !== 'yes') problems.push(`${label}appendonly is "${aof}" (needs "yes": redis-server --appendonly yes)`);
  if (policy !== 'noeviction') problems.push(`${label}maxmemory-policy is "${policy}" (needs "noeviction")`);
  return { ok: problems.length === 0, problems };
}
