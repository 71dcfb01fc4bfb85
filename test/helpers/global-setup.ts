import type { TestProject } from 'vitest/node';
import { childProcessEnv } from '../../src/config.js';
import { redisAnswers, startLocalRedis } from '../../src/local/redis-server.js';

/** Uses Redis at REDIS_URL (default 127.0.0.1:6379); where none answers, starts a private redis-server. */
export default async function setup(project: TestProject) {
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
