import { Worker } from 'bullmq';
import type { Deps } from '../src/deps.js';
import { QUEUE } from '../src/queues.js';
import { createRateLimiter } from '../src/store/rate-limit.js';
import { createInboundProcessor } from './inbound.js';
import { createOutboxProcessor, type OutboxLimits } from './outbox.js';
import { createExportProcessor } from './export.js';
import { createEvaluationProcessor } from './evaluation.js';

/**
 * The only place that creates BullMQ Workers: one per queue, each on its own blocking connection.
 * Returns close(), which waits for the jobs in hand (BullMQ graceful shutdown).
 */
export function startWorkers(deps: Deps, opts: { outboxLimits?: Partial<OutboxLimits> } = {}) {
  const { log, keys } = deps;
  const inbound = new Worker(QUEUE.inbound, createInboundProcessor(deps.ctx), {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 8,
  });
  const outboxProc = createOutboxProcessor({
    lark: deps.lark,
    store: { outbox: deps.outboxStore, rateLimit: createRateLimiter(deps.redis, keys) },
    queue: deps.queues.outbox,
    log, metrics: deps.metrics,
    admins: () => deps.roles.admins(),
    limits: opts.outboxLimits,
  });
  const outbox = new Worker(QUEUE.outbox, outboxProc.process, {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, ...outboxProc.workerOptions,
  });
  const exporter = new Worker(QUEUE.export, createExportProcessor({ opinions: deps.ctx.store.opinions, evaluations: deps.ctx.store.evaluations, campaign: deps.campaign, outbox: deps.outbox, log }), {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 1,
  });
  const evaluation = new Worker(QUEUE.evaluation, createEvaluationProcessor(deps.ctx), {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 2,
  });
  for (const w of [inbound, outbox, exporter, evaluation]) {
    w.on('error', (e) => log.warn({ queue: w.name, err: e.message }, 'worker error'));
    w.on('failed', (job, e) => log.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: e.message }, 'job failed'));
  }
  return {
    inbound, outbox, exporter, evaluation,
    async close() {
      await Promise.all([inbound.close(), outbox.close(), exporter.close(), evaluation.close()]);
    },
  };
}
