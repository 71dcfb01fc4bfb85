import type { Context } from 'koa';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { readInbound } from '../lark/inbound.js';
import type { InboundSecrets } from '../lark/open-envelope.js';
import { dispatchInbound, type PipelineDeps } from '../pipeline.js';
import { BodyTooLarge, readRawBody } from './raw-body.js';

export interface WebhookDeps extends PipelineDeps {
  secrets: InboundSecrets;
  metrics: Metrics;
  log: Logger;
  now: () => number;
}

function header(koaCtx: Context, name: string): string | undefined {
  const v = koaCtx.get(name);
  return v === '' ? undefined : v;
}

/**
 * POST /webhook/event and POST /webhook/card (each accepts the other kind):
 * raw body → signature → decrypt → envelope → token → (card: answer inline | event: dedupe+enqueue) → 200.
 */
export function larkWebhook(deps: WebhookDeps, route: 'event' | 'card') {
  // The route's histogram child, bound once (not a label look-up per push).
  const ackLatency = deps.metrics.ackLatency.labels({ route });
  return async function larkWebhookRoute(koaCtx: Context): Promise<void> {
    const end = ackLatency.startTimer();
    try {
      let raw: Buffer;
      try {
        raw = await readRawBody(koaCtx.req);
      } catch (e) {
        if (e instanceof BodyTooLarge) {
          deps.metrics.badRequests.inc({ status: '413' });
          koaCtx.status = 413;
          koaCtx.body = { error: 'body too large' };
          return;
        }
        throw e;
      }
      const result = readInbound(raw, {
        timestamp: header(koaCtx, 'x-lark-request-timestamp'),
        nonce: header(koaCtx, 'x-lark-request-nonce'),
        signature: header(koaCtx, 'x-lark-signature'),
      }, deps.secrets, deps.now());

      if (result.kind === 'reject') {
        if (result.status === 401) deps.metrics.signatureFailures.inc({ reason: result.code });
        else deps.metrics.badRequests.inc({ status: String(result.status) });
        deps.log.warn({ route, status: result.status, reason: result.reason }, result.status === 401
          ? 'refused an inbound request: check LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN against the Lark console'
          : 'refused a malformed inbound request');
        koaCtx.status = result.status;
        koaCtx.body = { error: result.reason };
        return;
      }
      if (result.kind === 'challenge') {
        koaCtx.body = { challenge: result.challenge };
        return;
      }

      const answer = await dispatchInbound(result.event, deps);
      koaCtx.status = answer.status;
      koaCtx.body = answer.body;
    } finally {
      end();
    }
  };
}
