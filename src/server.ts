import type { Server } from 'node:http';
import type Router from '@koa/router';
import { clockFrom } from './clock.js';
import type { Config, LarkCredentials, RedisTarget } from './config.js';
import { loadCampaignFile, resolveCampaign } from './campaign.js';
import { createDeps, type Deps } from './deps.js';
import { createHandlerCtx } from './handler-ctx.js';
import { createLarkApi } from './lark/client.js';
import type { LarkApi } from './lark/api.js';
import type { Logger } from './log.js';
import { StartError } from './start-error.js';
import { createRedis, describeTarget, isReady, targetVariable, type RedisClient as Redis } from './store/redis.js';
import { checkRedisDurability } from './store/redis-check.js';
import { createStores } from './store/stores.js';
import { startWeb, type Web } from './web.js';
import { startWorkers, type Workers } from '../jobs/index.js';

export { StartError };

export type ProcessRole = 'all' | 'web' | 'worker';

export interface Service {
  deps: Deps;
  /** The HTTP server (web role), listening. */
  server: Server | undefined;
  port: number | undefined;
  close: () => Promise<void>;
}

export interface StartOptions {
  config: Config;
  lark: LarkCredentials;
  role: ProcessRole;
  log: Logger;
  /** Campaign file path (local mode passes campaign.example.json). */
  campaignPath: string;
  /** Development HMAC key when ANON_SECRET is unset (local mode). */
  anonSecret: string;
  /** A LarkApi to use instead of the SDK one (tests). */
  larkApi?: LarkApi;
  /** Extra HTTP routes (the local playground). */
  extendRoutes?: (router: Router, deps: Deps) => void;
  /** Local mode: the queue dashboard is served on loopback without METRICS_TOKEN. */
  openDashboardOnLoopback?: boolean;
  /** Limits for the outbox (tests and benchmarks scale them). */
  outboxLimits?: Record<string, number>;
  /** The clock handlers and jobs read (tests move it; BullMQ's own delays still run on real time). */
  now?: () => number;
}

/**
 * Starts the web and/or worker role; the caller owns signals and process exit. Config → Redis → Lark →
 * stores and features (createDeps) → web → workers; a step that fails closes what the earlier ones started.
 */
export async function startService(opts: StartOptions): Promise<Service> {
  const { config, log } = opts;
  const redis = await connectRedis(config.redis, log);
  let deps: Deps | undefined;
  let web: Web | undefined;
  try {
    await checkRedis(redis, config, log);
    const lark = opts.larkApi ?? createLarkApi({ appId: opts.lark.appId, appSecret: opts.lark.appSecret, domain: opts.lark.domain });
    const campaign = await resolveCampaign(await loadCampaignFile(opts.campaignPath), lark);
    deps = createDeps({ config, log, lark, campaign, redis, anonSecret: opts.anonSecret, now: clockOf(opts) });
    web = opts.role === 'worker' ? undefined : await startWeb(deps, opts);
    const workers = opts.role === 'web' ? undefined : await startWorkerRole(deps, opts.outboxLimits);
    return serviceOf(deps, web, workers);
  } catch (e) {
    await web?.close();
    if (deps) await deps.close();
    else redis.disconnect();
    throw e;
  }
}

/** The `fast` connection, answering within 5 s, or a StartError naming REDIS_URL (REDIS_CLUSTER_NODES, REDIS_SENTINELS). */
async function connectRedis(target: RedisTarget, log: Logger): Promise<Redis> {
  const redis = createRedis(target, 'fast');
  redis.on('error', (e) => log.debug({ err: e.message }, 'redis connection error'));
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(isReady(redis)), 5000)),
  ]);
  if (!ready) {
    redis.disconnect();
    throw new StartError(`${targetVariable(target)}: no Redis answers at ${describeTarget(target)}`
      + (target.mode === 'single' ? ' (install one: apt-get install -y redis-server)' : ''));
  }
  return redis;
}

/** AOF and noeviction: required in production, a warning elsewhere (REDIS_SKIP_CONFIG_CHECK skips it). */
async function checkRedis(redis: Redis, config: Config, log: Logger): Promise<void> {
  if (config.redisSkipConfigCheck) return;
  const check = await checkRedisDurability(redis);
  if (check.ok) return;
  const line = `Redis is not safe for production: ${check.problems.join('; ')}`;
  if (config.production) throw new StartError(`${targetVariable(config.redis)}: ${line}`);
  log.warn(line);
}

/** Tests pin the clock; CLOCK_START starts it at a given date; otherwise the real one. */
function clockOf(opts: StartOptions): (() => number) | undefined {
  return opts.now ?? (opts.config.clockStart !== undefined ? clockFrom(opts.config.clockStart) : undefined);
}

/**
 * The worker role: a ctx of its own whose stores sit on a `store` connection (our commands in job
 * processors wait through short reconnects, where the web edge's fail fast), and the workers on it.
 */
function startWorkerRole(deps: Deps, outboxLimits: StartOptions['outboxLimits']): Promise<Workers> {
  const stores = createStores(deps.connect('store'), deps.keys);
  return startWorkers({
    ctx: createHandlerCtx(deps.services, stores, deps.queues),
    stores,
    queues: deps.queues,
    lark: deps.lark,
    metrics: deps.metrics,
    log: deps.log,
    bullPrefix: deps.keys.bullPrefix,
    blockingConnection: () => deps.connect('blocking'),
  }, { outboxLimits });
}

function serviceOf(deps: Deps, web: Web | undefined, workers: Workers | undefined): Service {
  return {
    deps,
    server: web?.server,
    port: web?.port,
    async close() {
      // Stop taking HTTP first, then let workers finish what they hold, then Redis.
      await web?.close();
      await workers?.close();
      await deps.close();
    },
  };
}
