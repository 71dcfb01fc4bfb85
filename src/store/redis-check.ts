import type { Redis } from 'ioredis';

interface RedisCheck {
  ok: boolean;
  problems: string[];
}

/**
 * DESIGN §3: production Redis must run with AOF and `maxmemory-policy noeviction`
 * (BullMQ job locks are TTL keys an eviction policy may drop; without AOF a restart loses jobs).
 */
export async function checkRedisDurability(redis: Redis): Promise<RedisCheck> {
  let aof: string | undefined;
  let policy: string | undefined;
  try {
    const a = (await redis.config('GET', 'appendonly')) as string[];
    const p = (await redis.config('GET', 'maxmemory-policy')) as string[];
    aof = a[1];
    policy = p[1];
  } catch (e) {
    return {
      ok: false,
      problems: [
        `CONFIG GET is not allowed (${(e as Error).message}); ` +
          'for managed Redis that hides CONFIG, confirm AOF and noeviction with your provider and set REDIS_SKIP_CONFIG_CHECK=1',
      ],
    };
  }
  const problems: string[] = [];
  if (aof !== 'yes') problems.push(`appendonly is "${aof}" (needs "yes": redis-server --appendonly yes)`);
  if (policy !== 'noeviction') problems.push(`maxmemory-policy is "${policy}" (needs "noeviction")`);
  return { ok: problems.length === 0, problems };
}
