import { createServer, type Server } from 'node:http';
import { QueueEvents } from 'bullmq';
import type Router from '@koa/router';
import { buildApp } from './app.js';
import { clockFrom } from './clock.js';
import type { Config, LarkCredentials } from './config.js';
import { loadCampaignFile, resolveCampaign } from './campaign.js';
import { createDeps, type Deps } from './deps.js';
import { QUEUE } from './queues.js';
import { createLarkApi } from './lark/client.js';
import type { LarkApi } from './lark/api.js';
import { createWsInvoker, startWsClient } from './lark/ws.js';
import type { Logger } from './log.js';
import { dispatchInbound, type PipelineDeps } from './pipeline.js';
import { createInboundSink } from './store/inbound.js';
import { createRedis, isReady } from './store/redis.js';
import { checkRedisDurability } from './store/redis-check.js';
import { startWorkers } from '../jobs/index.js';
import { answerCard } from '../handlers/index.js';
import { createInlineLookup } from '../handlers/opinions/lookup.js';

export type ProcessRole = 'all' | 'web' | 'worker';

export class StartError extends Error {
  override name = 'StartError';
}

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
  /** Limits for the outbox (tests and benchmarks scale them). */
  outboxLimits?: Record<string, number>;
  /** The clock handlers and jobs read (tests move it; BullMQ's own delays still run on real time). */
  now?: () => number;
}

async function connectRedis(url: string, log: Logger) {
  const redis = createRedis(url, 'fast');
  redis.on('error', (e) => log.debug({ err: e.message }, 'redis connection error'));
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(isReady(redis)), 5000)),
  ]);
  if (!ready) {
    redis.disconnect();
    throw new StartError(`REDIS_URL: no Redis answers at ${url.replace(/\/\/[^@]*@/, '//***@')} (install one: apt-get install -y redis-server)`);
  }
  return redis;
}

/** Starts the web and/or worker role; the caller owns signals and process exit. */
export async function startService(opts: StartOptions): Promise<Service> {
  const { config, log, lark: creds } = opts;
  const redis = await connectRedis(config.redisUrl, log);
  try {
    if (!config.redisSkipConfigCheck) {
      const check = await checkRedisDurability(redis);
      if (!check.ok) {
        const line = `Redis is not safe for production: ${check.problems.join('; ')}`;
        if (config.production) throw new StartError(`REDIS_URL: ${line}`);
        log.warn(line);
      }
    }
    const lark = opts.larkApi ?? createLarkApi({ appId: creds.appId, appSecret: creds.appSecret, domain: creds.domain });
    const campaign = await resolveCampaign(await loadCampaignFile(opts.campaignPath), lark);
    const now = opts.now ?? (config.clockStart !== undefined ? clockFrom(config.clockStart) : undefined);
    const deps = createDeps({ config, log, lark, campaign, redis, anonSecret: opts.anonSecret, now });

    const closers: (() => Promise<void> | void)[] = [];
    let server: Server | undefined;
    let port: number | undefined;

    if (opts.role !== 'worker') {
      const pipeline: PipelineDeps = {
        inbound: createInboundSink(deps.queues.inbound, redis),
        onCard: (event) => answerCard(event, deps.ctx),
        onInlineMessage: createInlineLookup(deps.ctx, deps.lark),
        metrics: deps.metrics,
        log,
      };
      // Re-pushed events are dropped inside BullMQ's add (jobId = event_id); its event stream says so.
      const inboundEvents = new QueueEvents(QUEUE.inbound, { connection: deps.blockingConnection(), prefix: deps.keys.bullPrefix });
      inboundEvents.on('duplicated', () => deps.metrics.duplicates.inc({ kind: 'event' }));
      inboundEvents.on('error', () => undefined);
      closers.push(() => inboundEvents.close());
      const webhook = creds.mode === 'webhook'
        ? { ...pipeline, secrets: { encryptKey: creds.encryptKey, verificationToken: creds.verificationToken }, now: Date.now }
        : undefined;
      if (creds.mode === 'ws') {
        const ws = startWsClient(creds, createWsInvoker(creds, (e) => dispatchInbound(e, pipeline), log));
        closers.push(() => ws.close());
      }
      const app = buildApp({
        log,
        webhook,
        ops: {
          metrics: deps.metrics,
          metricsToken: config.metricsToken,
          health: async () => {
            const ok = await redis.ping().then((r) => r === 'PONG', () => false);
            const queues = ok && (await deps.queues.inbound.getJobCounts('waiting').then(() => true, () => false));
            return { redis: ok, queues };
          },
          collectQueueDepths: async () => {
            for (const q of [deps.queues.inbound, deps.queues.outbox]) {
              const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
              for (const [state, n] of Object.entries(counts)) deps.metrics.queueDepth.set({ queue: q.name, state }, n);
            }
          },
        },
        extend: opts.extendRoutes ? (router) => opts.extendRoutes!(router, deps) : undefined,
      });
      server = createServer(app.callback());
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', (e: NodeJS.ErrnoException) => reject(new StartError(`PORT: cannot listen on ${config.host}:${config.port} (${e.code ?? e.message})`)));
        server!.listen(config.port, config.host, resolve);
      });
      port = (server.address() as { port: number }).port;
      // HTTP stops first.
      closers.unshift(() => new Promise<void>((resolve) => { server!.close(() => resolve()); server!.closeIdleConnections(); }));
    }

    if (opts.role !== 'web') {
      const workers = startWorkers(deps, { outboxLimits: opts.outboxLimits });
      closers.push(() => workers.close());
    }

    return {
      deps, server, port,
      async close() {
        // Stop taking HTTP first, then let workers finish what they hold, then Redis.
        for (const c of closers) await c();
        await deps.close();
      },
    };
  } catch (e) {
    redis.disconnect();
    throw e;
  }
}
