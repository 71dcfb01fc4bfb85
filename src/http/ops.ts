import type { Context } from 'koa';
import type { Metrics } from '../metrics.js';
import { safeEqual } from '../lark/verify.js';

export interface OpsDeps {
  metrics: Metrics;
  /** Required in production (the start refuses without it); open in development when unset. */
  metricsToken: string | undefined;
  /** Redis ping and queue reachability. */
  health: () => Promise<{ redis: boolean; queues: boolean }>;
  /** Refreshes the queue-depth gauge before a scrape. */
  collectQueueDepths: () => Promise<void>;
}

/** Bearer-token check for /metrics and the queue dashboard. */
function isAuthorized(koaCtx: Context, token: string | undefined): boolean {
  if (!token) return true;
  const m = /^Bearer (.+)$/.exec(koaCtx.get('authorization'));
  return Boolean(m && safeEqual(m[1], token));
}

export function healthRoute(deps: OpsDeps) {
  return async function healthz(koaCtx: Context): Promise<void> {
    const h = await deps.health().catch(() => ({ redis: false, queues: false }));
    const ok = h.redis && h.queues;
    koaCtx.status = ok ? 200 : 503;
    koaCtx.body = { ok, redis: h.redis ? 'ok' : 'down', queues: h.queues ? 'ok' : 'down' };
  };
}

export function metricsRoute(deps: OpsDeps) {
  return async function metrics(koaCtx: Context): Promise<void> {
    if (!isAuthorized(koaCtx, deps.metricsToken)) {
      koaCtx.status = 401;
      koaCtx.set('WWW-Authenticate', 'Bearer');
      koaCtx.body = { error: 'bearer token required' };
      return;
    }
    await deps.collectQueueDepths().catch(() => undefined);
    koaCtx.type = deps.metrics.registry.contentType;
    koaCtx.body = await deps.metrics.registry.metrics();
  };
}
