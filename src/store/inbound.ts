import { Job, type JobsOptions, type Queue, type RedisQueueBackend } from 'bullmq';
import type { RedisClient as Redis } from './redis.js';
import { INBOUND_KEEP_SECONDS } from '../queues.js';
import type { BotEvent } from '../lark/schema.js';
import { isReady } from './redis.js';
import { withDeadline } from '../deadline.js';

/** Raised when Redis cannot take the event now: the webhook answers 503 and Lark re-pushes. */
class InboundUnavailable extends Error {
  override name = 'InboundUnavailable';
}

/** `duplicate`: the event_id already had its job (a re-push, from any process): nothing was stored. */
export type EnqueueOutcome = 'added' | 'duplicate';

export interface InboundSink {
  /** Stores the event for processing; a second call with the same event_id stores nothing and says `duplicate`. */
  enqueue(event: BotEvent): Promise<EnqueueOutcome>;
}

interface Pending {
  event: BotEvent;
  resolve: (outcome: EnqueueOutcome) => void;
  reject: (e: Error) => void;
}

const JOB_OPTS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: INBOUND_KEEP_SECONDS },
  removeOnFail: { age: INBOUND_KEEP_SECONDS },
};

/**
 * De-duplication and enqueue in one step: the BullMQ jobId is the event_id, and finished jobs are
 * kept 8 h 15 min (Lark re-pushes for ~7.1 h), so a re-push finds its job and adds nothing. The
 * event is only "seen" once the add succeeded, so a failed add never loses it to the dedupe.
 * Adds arriving in the same tick go out as one `addBulk` (one Redis round trip for many events); while one is in
 * flight the next batch gathers until it is back (group commit: under load the batches grow, and BullMQ's per-add
 * cost falls several times), never longer than `gatherMs`, so a Redis that hangs still gets its 503 out in time.
 */
export function createInboundSink(
  queue: Queue, connection: Redis,
  opts: { timeoutMs?: number; gatherMs?: number; add?: (queue: Queue, events: BotEvent[]) => Promise<boolean[]> } = {},
): InboundSink {
  // A Redis that hangs (paused, or a dead peer whose socket stays open) must still get Lark its 503 within a second:
  // at most `gatherMs` behind the add in flight, then `timeoutMs` for its own.
  const timeoutMs = opts.timeoutMs ?? 800;
  const gatherMs = opts.gatherMs ?? 100;
  // The add itself: addCounting, or a test's wrapper round it (to see the batches and hold one back).
  const add = opts.add ?? addCounting;
  let batch: Pending[] = [];
  let scheduled = false;
  let inFlight = 0;
  let gatherTimer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (inFlight === 0) setImmediate(() => void flush());
    else gatherTimer = setTimeout(() => void flush(), gatherMs);
  };

  const flush = async () => {
    if (!scheduled) return;
    clearTimeout(gatherTimer);
    gatherTimer = undefined;
    const items = batch;
    batch = [];
    scheduled = false;
    inFlight++;
    // A duplicate inside one batch (Lark pushing twice at once) is added once, and is a duplicate like any other.
    const first = new Map<string, Pending>();
    for (const p of items) if (!first.has(p.event.eventId)) first.set(p.event.eventId, p);
    try {
      const existed = await withDeadline(add(queue, [...first.values()].map((p) => p.event)), timeoutMs,
        () => new InboundUnavailable('Redis did not answer in time'));
      const added = new Set([...first.values()].filter((_, i) => !existed[i]));
      for (const p of items) p.resolve(added.has(p) ? 'added' : 'duplicate');
    } catch (e) {
      const err = e instanceof InboundUnavailable ? e : new InboundUnavailable(`enqueue failed: ${(e as Error).message}`);
      for (const p of items) p.reject(err);
    } finally {
      inFlight--;
      // What gathered meanwhile goes now (the gather timer, if it fired first, already sent it).
      if (scheduled) void flush();
    }
  };

  return {
    enqueue(event) {
      // No waiting on reconnects: Lark re-pushes what we refuse.
      if (!isReady(connection)) return Promise.reject(new InboundUnavailable(`Redis is ${connection.status}`));
      return new Promise<EnqueueOutcome>((resolve, reject) => {
        batch.push({ event, resolve, reject });
        schedule();
      });
    },
  };
}

/**
 * BullMQ's add of an existing jobId stores nothing, but answers as for a new job. So each add goes into
 * one MULTI behind an EXISTS of its job key: the answer says whether this very add was refused, atomically,
 * whichever process got there first (the count of duplicates is then right when summed over processes).
 * `addJobToTransaction` is the backend's seam for adding jobs to a caller's transaction (BullMQ's flows use it).
 * Returns, per event, whether its job already existed.
 */
export async function addCounting(queue: Queue, events: BotEvent[]): Promise<boolean[]> {
  const backend = queue.backend as RedisQueueBackend;
  const multi = (await backend.client).multi();
  for (const event of events) {
    const jobOpts = { ...JOB_OPTS, jobId: event.eventId };
    multi.runCommand('exists', [queue.toKey(event.eventId)]);
    // Queues its script on the MULTI (a transaction is not a promise: this resolves at once); the outcome comes with exec().
    await backend.addJobToTransaction(multi, new Job(queue, event.type, event, jobOpts, event.eventId).asJSON(), event.eventId);
  }
  const results = await multi.exec();
  if (!results) throw new Error('the transaction was aborted');
  return events.map((_, i) => {
    const [existsErr, exists] = results[2 * i];
    const [addErr, added] = results[2 * i + 1];
    if (existsErr || addErr) throw existsErr ?? addErr;
    if (typeof added === 'number' && added < 0) throw new Error(`add refused (code ${added})`);
    return exists === 1;
  });
}
