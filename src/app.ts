import Koa, { type Middleware } from 'koa';
import Router from '@koa/router';
import type { Logger } from './log.js';
import { errorMiddleware } from './http/error-middleware.js';
import { larkWebhook, type WebhookDeps } from './http/lark-webhook.js';
import { healthRoute, metricsRoute, type OpsDeps } from './http/ops.js';
import { outreachRoutes, type OutreachDeps } from './http/outreach/routes.js';

interface AppDeps {
  log: Logger;
  /** Undefined in the worker-only role and in WS mode (no webhook routes then). */
  webhook: WebhookDeps | undefined;
  ops: OpsDeps;
  /** The public outreach page (`/o/…`), in the web role whatever the Lark mode. */
  outreach?: OutreachDeps;
  /** Extra routes (the local playground mounts itself here). */
  extend?: (router: Router) => void;
  /** The queue dashboard under /admin/queues (src/http/dashboard/), which guards itself. */
  dashboard?: Middleware;
}

/** The Koa app, without listen(): tests drive `app.callback()`. */
export function buildApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  const router = new Router();
  if (deps.webhook) {
    router.post('/webhook/event', larkWebhook(deps.webhook, 'event'));
    router.post('/webhook/card', larkWebhook(deps.webhook, 'card'));
  }
  router.get('/healthz', healthRoute(deps.ops));
  router.get('/metrics', metricsRoute(deps.ops));
  deps.extend?.(router);
  app.use(errorMiddleware(deps.log));
  if (deps.dashboard) app.use(deps.dashboard);
  if (deps.outreach) app.use(outreachRoutes(deps.outreach));
  app.use(router.routes());
  app.use(router.allowedMethods());
  // Koa logs unhandled errors itself; ours are handled by errorMiddleware, so keep the console quiet.
  app.silent = true;
  return app;
}
