import { createServer, type Server } from 'node:http';
import type Router from '@koa/router';
import type Koa from 'koa';
import { buildApp } from './app.js';
import type { Config, LarkCredentials } from './config.js';
import type { Deps } from './deps.js';
import type { OpsDeps } from './http/ops.js';
import { createQueueDashboard } from './http/dashboard/dashboard.js';
import { createWsInvoker, startWsClient } from './lark/ws.js';
import { dispatchInbound, type PipelineDeps } from './pipeline.js';
import { QUEUE } from './queues.js';
import { StartError } from './start-error.js';
import { createInboundSink } from './store/inbound.js';
import { answerCard } from '../handlers/index.js';
import { createInlineLookup } from '../handlers/opinions/lookup.js';

interface WebOptions {
  lark: LarkCredentials;
  /** Extra HTTP routes (the local playground). */
  extendRoutes?: (router: Router, deps: Deps) => void;
  /** Local mode: the queue dashboard is served on loopback without METRICS_TOKEN. */
  openDashboardOnLoopback?: boolean;
}

export interface Web {
  server: Server;
  port: number;
  /** Stops taking HTTP first, then the event stream and the long connection. */
  close: () => Promise<void>;
}

/** The web role: the inbound pipeline (webhook routes or Lark's long connection), the ops routes, listening. */
export async function startWeb(deps: Deps, opts: WebOptions): Promise<Web> {
  const creds = opts.lark;
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => { for (const c of closers) await c(); };
  try {
    const pipeline = createPipeline(deps);
    if (creds.mode === 'ws') {
      const ws = startWsClient(creds, createWsInvoker(creds, (e) => dispatchInbound(e, pipeline), deps.log));
      closers.push(() => ws.close());
    }
    const webhook = creds.mode === 'webhook'
      ? { ...pipeline, secrets: { encryptKey: creds.encryptKey, verificationToken: creds.verificationToken }, now: Date.now }
      : undefined;
    const extend = opts.extendRoutes ? (router: Router) => opts.extendRoutes!(router, deps) : undefined;
    const dashboard = createQueueDashboard({
      queues: (Object.keys(QUEUE) as (keyof typeof QUEUE)[]).map((k) => deps.queues[k]),
      token: deps.config.metricsToken, now: deps.services.now, openOnLoopback: opts.openDashboardOnLoopback,
    });
    const server = await listen(buildApp({
      log: deps.log, webhook, ops: opsOf(deps), extend, dashboard,
      outreach: { ctx: deps.ctx, trustProxy: deps.config.trustProxy },
    }), deps.config);
    // HTTP stops first.
    closers.unshift(() => stopServer(server));
    return { server, port: (server.address() as { port: number }).port, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The web edge's pipeline: events enqueued on the `fast` connection, card callbacks answered inline. */
function createPipeline(deps: Deps): PipelineDeps {
  return {
    inbound: createInboundSink(deps.queues.inbound, deps.redis),
    onCard: (event) => answerCard(event, deps.ctx),
    onInlineMessage: createInlineLookup(deps.ctx, deps.lark),
    metrics: deps.metrics,
    log: deps.log,
  };
}

function opsOf(deps: Deps): OpsDeps {
  const { queues, metrics } = deps;
  return {
    metrics,
    metricsToken: deps.config.metricsToken,
    health: async () => {
      const ok = await deps.redis.ping().then((r) => r === 'PONG', () => false);
      const reachable = ok && (await queues.inbound.getJobCounts('waiting').then(() => true, () => false));
      return { redis: ok, queues: reachable };
    },
    collectQueueDepths: async () => {
      for (const q of [queues.inbound, queues.outbox]) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
        for (const [state, n] of Object.entries(counts)) metrics.queueDepth.set({ queue: q.name, state }, n);
      }
    },
  };
}

async function listen(app: Koa, config: Pick<Config, 'host' | 'port'>): Promise<Server> {
  const server = createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(new StartError(`PORT: cannot listen on ${config.host}:${config.port} (${e.code ?? e.message})`));
    });
    server.listen(config.port, config.host, resolve);
  });
  return server;
}

function stopServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
