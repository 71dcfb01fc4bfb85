import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics. Labels never carry identities or content: event types, Lark API method
 * names, Lark error codes and queue names only.
 */
export function createMetrics() {
  const registry = new Registry();
  const m = {
    registry,
    eventsIn: new Counter({
      name: 'mlb_events_in_total', help: 'Inbound Lark events and callbacks by type', labelNames: ['type'] as const, registers: [registry],
    }),
    duplicates: new Counter({
      name: 'mlb_event_duplicates_total', help: 'Inbound events dropped as re-pushes', labelNames: ['kind'] as const, registers: [registry],
    }),
    signatureFailures: new Counter({
      name: 'mlb_signature_failures_total', help: 'Inbound requests refused for signature, token or timestamp',
      labelNames: ['reason'] as const, registers: [registry],
    }),
    badRequests: new Counter({
      name: 'mlb_bad_requests_total', help: 'Inbound requests refused as malformed', labelNames: ['status'] as const, registers: [registry],
    }),
    outboxSent: new Counter({
      name: 'mlb_outbox_sent_total', help: 'Outbox calls that succeeded', labelNames: ['api'] as const, registers: [registry],
    }),
    outboxFailed: new Counter({
      name: 'mlb_outbox_failed_total', help: 'Outbox calls that failed for good',
      labelNames: ['api', 'code'] as const, registers: [registry],
    }),
    outboxRetried: new Counter({
      name: 'mlb_outbox_retried_total', help: 'Outbox calls retried (network, 5xx, rate limit)',
      labelNames: ['api', 'reason'] as const, registers: [registry],
    }),
    outboxPossibleDuplicates: new Counter({
      name: 'mlb_outbox_possible_duplicates_total', help: 'Sends retried after Lark\'s 1 h uuid window with an unknown first outcome',
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'mlb_queue_depth', help: 'Jobs per queue and state', labelNames: ['queue', 'state'] as const, registers: [registry],
    }),
    /** The public outreach page (`/o/…`): submits, look-ups and refused views, by a fixed set of outcomes only. */
    outreachPage: new Counter({
      name: 'mlb_outreach_page_total', help: 'Outreach page requests by outcome', labelNames: ['outcome'] as const, registers: [registry],
    }),
    ackLatency: new Histogram({
      name: 'mlb_webhook_ack_seconds', help: 'Time to answer a webhook request', labelNames: ['route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
