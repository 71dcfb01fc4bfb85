import { Worker } from 'bullmq';
import type { Deps } from '../src/deps.js';
import { QUEUE } from '../src/queues.js';
import { createRateLimiter } from '../src/store/rate-limit.js';
import { createInboundProcessor } from './inbound.js';
import { createOutboxProcessor, type OutboxLimits } from './outbox/processor.js';
import { createExportProcessor } from './export.js';
import { createEvaluationProcessor } from './evaluations/queue.js';
import { createLedgerProcessor, resumeLadders } from './ledger/queue.js';
import { knownPeople } from '../handlers/people.js';
import { createStudyProcessor, syncStudySchedule } from './study/queue.js';
import { createBoardProcessor, syncBoardSchedule } from './board/queue.js';
import { boardItemsFrom } from '../handlers/board/items.js';
import { createBoardStore } from '../src/store/board.js';

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
  const exporter = new Worker(QUEUE.export, createExportProcessor({ opinions: deps.ctx.store.opinions, evaluations: deps.ctx.store.evaluations, study: deps.ctx.store.study, ledger: { store: deps.ctx.store.ledger, nameOf: async () => (await knownPeople(deps.ctx)).nameOf }, campaign: deps.campaign, outbox: deps.outbox, log }), {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 1,
  });
  const evaluation = new Worker(QUEUE.evaluation, createEvaluationProcessor(deps.ctx), {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 2,
  });
  const study = new Worker(QUEUE.study, createStudyProcessor(deps.ctx, deps.queues.study), {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 1,
  });
  // Upsert the weekly scheduler (stable id: a restart never adds a second one) and plan once now.
  void syncStudySchedule(deps.queues.study, deps.campaign, log).catch((e: Error) => log.error({ err: e.message }, 'study: could not set up the schedule'));
  const c = deps.campaign.campaign;
  const board = new Worker(QUEUE.board, createBoardProcessor({
    board: { name: c.name, announceChatId: c.announceChatId, timezone: c.timezone, locale: c.locale === 'en-US' ? 'en' : 'zh' },
    outbox: deps.outbox, store: createBoardStore(deps.redis, keys, deps.ctx.store.audit), queue: deps.queues.board,
    items: boardItemsFrom(deps.ctx), log, now: deps.ctx.now,
  }).process, { connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 1 });
  void syncBoardSchedule(deps.queues.board, c.timezone, Boolean(c.announceChatId)).catch((e: Error) => log.error({ err: e.message }, 'board: could not set up the daily refresh'));
  const ledger = new Worker(QUEUE.ledger, createLedgerProcessor(deps.ctx), {
    connection: deps.blockingConnection(), prefix: keys.bullPrefix, concurrency: 2,
  });
  void resumeLadders(deps.ctx).catch((e: Error) => log.error({ err: e.message }, 'ledger: could not resume the deadline ladders'));
  for (const w of [inbound, outbox, exporter, evaluation, board, study, ledger]) {
    w.on('error', (e) => log.warn({ queue: w.name, err: e.message }, 'worker error'));
    w.on('failed', (job, e) => log.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: e.message }, 'job failed'));
  }
  return {
    inbound, outbox, exporter, evaluation, board, study, ledger,
    async close() {
      await Promise.all([inbound.close(), outbox.close(), exporter.close(), evaluation.close(), board.close(), study.close(), ledger.close()]);
    },
  };
}
