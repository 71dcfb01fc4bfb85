import type { Queue } from 'bullmq';
import type { RedisClient as Redis } from './redis.js';
import { INBOUND_KEEP_SECONDS } from '../queues.js';
import type { BotEvent } from '../lark/schema.js';
import { isReady } from './redis.js';
import { withDeadline } from '../deadline.js';

/** Raised when Redis cannot take the event now: the webhook answers 503 and Lark re-pushes. */
class InboundUnavailable extends Error {
  override name = 'InboundUnavailable';
}

export interface InboundSink {
  /** Stores the event for processing; a second call with the same event_id stores nothing. */
  enqueue(event: BotEvent): Promise<void>;
}

interface Pending {
  event: BotEvent;
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * De-duplication and enqueue in one step: the BullMQ jobId is the event_id, and finished jobs are
 * kept 8 h 15 min (Lark re-pushes for ~7.1 h), so a re-push finds its job and adds nothing. The
 * event is only "seen" once the add succeeded, so a failed add never loses it to the dedupe.
 * Adds arriving in the same tick go out as one `addBulk` (one Redis round trip for many events).
 */
export function createInboundSink(queue: Queue, connection: Redis, opts: { timeoutMs?: number } = {}): InboundSink {
  // A Redis that hangs (paused, or a dead peer whose socket stays open) must still get Lark its 503 within a second.
  const timeoutMs = opts.timeoutMs ?? 800;
  let batch: Pending[] = [];
  let scheduled = false;

  const flush = async () => {
    const items = batch;
    batch = [];
    scheduled = false;
    // A duplicate inside one batch (Lark pushing twice at once) is added once.
    const seen = new Set<string>();
    const jobs = [];
    for (const p of items) {
      if (seen.has(p.event.eventId)) continue;
      seen.add(p.event.eventId);
      jobs.push({
        name: p.event.type,
        data: p.event,
        opts: {
          jobId: p.event.eventId,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: INBOUND_KEEP_SECONDS },
          removeOnFail: { age: INBOUND_KEEP_SECONDS },
        },
      });
    }
    try {
      await withDeadline(queue.addBulk(jobs), timeoutMs, () => new InboundUnavailable('Redis did not answer in time'));
      for (const p of items) p.resolve();
    } catch (e) {
      const err = e instanceof InboundUnavailable ? e : new InboundUnavailable(`enqueue failed: ${(e as Error).message}`);
      for (const p of items) p.reject(err);
    }
  };

  return {
    enqueue(event) {
      // No waiting on reconnects: Lark re-pushes what we refuse.
      if (!isReady(connection)) return Promise.reject(new InboundUnavailable(`Redis is ${connection.status}`));
      return new Promise<void>((resolve, reject) => {
        batch.push({ event, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}
