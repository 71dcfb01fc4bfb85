import type { TestProject } from 'vitest/node';
import { childProcessEnv } from '../../src/config.js';
import { redisAnswers, startLocalRedis } from '../../src/local/redis-server.js';
import { startRedisCluster } from './redis-cluster.js';

/**
 * Uses Redis at REDIS_URL (default 127.0.0.1:6379); where none answers, starts a private redis-server.
 * REDIS_TEST_SLOTS=1 (`npm run test:slots`): a private one-node Redis Cluster instead, holding every slot, so any
 * MULTI, script or multi-key command whose keys span two slots fails with CROSSSLOT as it would on a real cluster.
 */
export default async function setup(project: TestProject) {
  if (process.env.REDIS_TEST_SLOTS === '1') {
    const one = await startRedisCluster({ masters: 1 });
    const url = `redis://${one.nodesEnv}`;
    process.env.REDIS_URL = url;
    project.provide('redisUrl', url);
    return () => one.stop();
  }
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (await redisAnswers(url.hostname, Number(url.port || 6379))) {
    project.provide('redisUrl', url.toString());
    return;
  }
  const local = await startLocalRedis(childProcessEnv(process.env)).catch((e: unknown) => {
    throw new Error(`no Redis answers at ${url.toString()}, and no private one: ${(e as Error).message}`);
  });
  process.env.REDIS_URL = local.url;
  project.provide('redisUrl', local.url);
  return () => local.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
