import type { Card } from '../cards/types.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { BotEvent } from './lark/schema.js';
import type { InboundSink } from './store/inbound.js';

export type CardEvent = Extract<BotEvent, { type: 'card_action' }>;
export type MessageEvent = Extract<BotEvent, { type: 'message' }>;

/** A toast on the clicker's client (LARK.md §2.1). */
export type CardToast = {
  type: 'info' | 'success' | 'warning' | 'error';
  content: string;
  i18n?: { zh_cn?: string; en_us?: string };
};

/** The callback answer: `{}`, a toast, and/or a replacement card (LARK.md §2.1; we only answer with raw cards). */
export type CardAnswer = { toast?: CardToast; card?: { type: 'raw'; data: Card } };

export interface PipelineDeps {
  inbound: InboundSink;
  /** Answers a card callback inline (< 3 s). */
  onCard: (event: CardEvent) => Promise<CardAnswer>;
  /** Messages answered inline, never queued (a typed `查询 <回执码>`); returns true when it handled the event. */
  onInlineMessage?: (event: MessageEvent) => Promise<boolean>;
  metrics: Metrics;
  log: Logger;
}

/**
 * What happens to a verified event, whichever way it came (webhook or long connection):
 * card callbacks are answered inline, everything else is de-duplicated and queued.
 * Returns the HTTP status and body to answer Lark with.
 */
export async function dispatchInbound(event: BotEvent, deps: PipelineDeps): Promise<{ status: number; body: unknown }> {
  deps.metrics.eventsIn.inc({ type: event.type === 'ignored' ? `ignored:${event.eventType}` : event.type });
  if (event.type === 'card_action') return { status: 200, body: await deps.onCard(event) };
  if (event.type === 'ignored') return { status: 200, body: {} };
  try {
    if (event.type === 'message' && deps.onInlineMessage && (await deps.onInlineMessage(event))) return { status: 200, body: {} };
    // Counted here, where the re-push was refused: summed over web processes, each duplicate counts once.
    if ((await deps.inbound.enqueue(event)) === 'duplicate') deps.metrics.duplicates.inc({ kind: 'event' });
  } catch (e) {
    // Redis (or the inline answer) failed: refuse, and Lark re-pushes the event later.
    deps.log.error({ eventId: event.eventId, err: (e as Error).message }, 'event refused with 503 so Lark re-pushes it');
    return { status: 503, body: { error: 'temporarily unavailable' } };
  }
  return { status: 200, body: {} };
}
