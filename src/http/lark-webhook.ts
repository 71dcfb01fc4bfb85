import type { Context } from 'koa';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { readInbound, type InboundSecrets } from '../lark/inbound.js';
import type { BotEvent } from '../lark/schema.js';
import { InboundUnavailable, type InboundSink } from '../store/inbound.js';
import { BodyTooLarge, readRawBody } from './raw-body.js';

export type CardEvent = Extract<BotEvent, { type: 'card_action' }>;
export type MessageEvent = Extract<BotEvent, { type: 'message' }>;

/** The callback answer: `{}`, a toast, and/or a replacement card (LARK.md §2.1). */
export type CardAnswer = Record<string, unknown>;

export interface WebhookDeps {
  secrets: InboundSecrets;
  inbound: InboundSink;
  /** Answers a card callback inline (< 3 s). */
  onCard: (event: CardEvent) => Promise<CardAnswer>;
  /** Messages answered inline, never queued (a typed `查询 <回执码>`); returns true when it handled the event. */
  onInlineMessage?: (event: MessageEvent) => Promise<boolean>;
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
  return async function larkWebhookRoute(koaCtx: Context): Promise<void> {
    const end = deps.metrics.ackLatency.startTimer({ route });
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
        if (result.status === 401) deps.metrics.signatureFailures.inc({ reason: result.reason.split(' ')[0] + (result.reason.includes('token') ? '_token' : '') });
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

      const event = result.event;
      deps.metrics.eventsIn.inc({ type: event.type === 'ignored' ? `ignored:${event.eventType}` : event.type });
      if (event.type === 'card_action') {
        koaCtx.body = await deps.onCard(event);
        return;
      }
      if (event.type === 'message' && deps.onInlineMessage && (await deps.onInlineMessage(event))) {
        koaCtx.body = {};
        return;
      }
      if (event.type === 'ignored') {
        koaCtx.body = {};
        return;
      }
      try {
        await deps.inbound.enqueue(event);
      } catch (e) {
        if (e instanceof InboundUnavailable) {
          deps.log.error({ route, eventId: event.eventId, err: e.message }, 'Redis unavailable: answered 503 so Lark re-pushes');
          koaCtx.status = 503;
          koaCtx.body = { error: 'temporarily unavailable' };
          return;
        }
        throw e;
      }
      koaCtx.body = {};
    } finally {
      end();
    }
  };
}
