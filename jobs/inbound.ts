import { UnrecoverableError, type Job } from 'bullmq';
import { botEventSchema } from '../src/lark/schema.js';
import type { HandlerCtx } from '../handlers/context.js';
import { dispatchEvent } from '../handlers/index.js';

/** What a handled event's job data is replaced with (below). */
const isScrubbed = (data: unknown): boolean => {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return d.done === true && typeof d.type === 'string' && typeof d.eventId === 'string' && Object.keys(d).length === 3;
};

/**
 * Inbound queue: one job per Lark event (jobId = event_id). Handlers are idempotent through
 * outbox keys derived from the event_id. A finished job stays 8 h as the de-duplication record,
 * its data scrubbed down to the type: nothing of the message stays behind.
 */
export function createInboundProcessor(ctx: HandlerCtx) {
  return async function processInbound(job: Job): Promise<void> {
    // Handled and scrubbed, then the worker died before BullMQ marked it completed: nothing left to do.
    if (isScrubbed(job.data)) return;
    const parsed = botEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`inbound job ${job.id}: data does not match the event schema`);
    await dispatchEvent(parsed.data, ctx);
    await job.updateData({ type: parsed.data.type, eventId: parsed.data.eventId, done: true });
  };
}
