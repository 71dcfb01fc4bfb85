import { Worker, type Processor, type WorkerOptions } from 'bullmq';
import type { LarkApi } from '../src/lark/api.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { OutboxJob } from '../src/outbox.js';
import { QUEUE, type QueueName, type Queues } from '../src/queues.js';
import { StartError } from '../src/start-error.js';
import type { RedisClient as Redis } from '../src/store/redis.js';
import type { Stores } from '../src/store/stores.js';
import type { HandlerCtx } from '../handlers/context.js';
import { boardItemsFrom } from '../handlers/board/items.js';
import { boardPublished } from '../handlers/board/plan-gate.js';
import { knownPeople } from '../handlers/people.js';
import { recordP2pChat } from '../handlers/personal-chat.js';
import { createInboundProcessor } from './inbound.js';
import { createOutboxProcessor, type OutboxDeps, type OutboxLimits } from './outbox/processor.js';
import { createExportProcessor } from './export.js';
import { createEvaluationProcessor } from './evaluations/queue.js';
import { createLedgerProcessor, resumeLadders } from './ledger/queue.js';
import { createRulesProcessor, resumeRuleLadders } from './rules/queue.js';
import { createMaterialProcessor, resumeMaterialReminders } from './materials/queue.js';
import { createTalkProcessor, resumeTalkReminders } from './talks/queue.js';
import { createStudyProcessor, syncStudySchedule } from './study/queue.js';
import { createMeetingProcessor, resumeMeetingReminders } from './meetings/queue.js';
import { createBoardProcessor, syncBoardSchedule } from './board/queue.js';
import { campaignWindow } from '../src/domain/campaign/window.js';
import { createCampaignProcessor, syncMilestoneReminders, syncPhaseAnnouncements, syncWeeklyDigest } from './campaign/queue.js';
import { reportUnresolvedMilestonePeople } from '../handlers/campaign/steps/milestone.js';
import { effectiveCampaign } from '../handlers/campaign/timeline.js';

/** What the workers run on. */
interface WorkerDeps {
  /** The workers' ctx: its stores on the `store` connection. */
  ctx: HandlerCtx;
  /** The same connection's stores, those the ctx leaves out included (outbox records and pacing, board state). */
  stores: Stores;
  queues: Queues;
  lark: LarkApi;
  metrics: Metrics;
  log: Logger;
  bullPrefix: string;
  /** A new blocking connection: each Worker owns one. */
  blockingConnection: () => Redis;
}

export interface Workers {
  workers: Worker[];
  /** Waits for the jobs in hand (BullMQ graceful shutdown). */
  close: () => Promise<void>;
}

/**
 * The only place that creates BullMQ Workers: one per queue, each on its own blocking connection.
 * The startup tasks run first and are awaited: one that fails stops the start (StartError).
 */
export async function startWorkers(deps: WorkerDeps, opts: { outboxLimits?: Partial<OutboxLimits> } = {}): Promise<Workers> {
  await runStartupTasks(deps);
  const { ctx, queues, log } = deps;
  const on = () => ({ connection: deps.blockingConnection(), prefix: deps.bullPrefix });
  const worker = (name: QueueName, processor: Processor, concurrency: number) =>
    watched(new Worker(name, processor, { ...on(), concurrency }), log);
  const workers: Worker[] = [
    worker(QUEUE.inbound, createInboundProcessor(ctx), 8),
    createOutboxWorker(outboxDeps(deps, opts.outboxLimits), on()),
    worker(QUEUE.export, exportProcessor(deps), 1),
    worker(QUEUE.evaluation, createEvaluationProcessor(ctx), 2),
    worker(QUEUE.study, createStudyProcessor(ctx, queues.study), 1),
    worker(QUEUE.board, boardProcessor(deps), 1),
    worker(QUEUE.ledger, createLedgerProcessor(ctx), 2),
    worker(QUEUE.rules, createRulesProcessor(ctx), 1),
    worker(QUEUE.campaign, createCampaignProcessor(ctx), 1),
    worker(QUEUE.materials, createMaterialProcessor(ctx), 2),
    worker(QUEUE.meetings, createMeetingProcessor(ctx), 1),
    worker(QUEUE.talks, createTalkProcessor(ctx), 1),
  ];
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** The outbox Worker; `tuning` overrides its options (the outbox tests and the fan-out bench run it too). */
export function createOutboxWorker(deps: OutboxDeps, on: { connection: Redis; prefix: string }, tuning: Partial<WorkerOptions> = {}) {
  const { process, workerOptions } = createOutboxProcessor(deps);
  return watched(new Worker<OutboxJob, string>(QUEUE.outbox, process, { ...on, ...workerOptions, ...tuning }), deps.log);
}

/**
 * Awaited at start, side by side: the weekly study scheduler and the board's daily refresh (stable ids:
 * a restart never adds a second one; the study plans once now), the ledger's ladders resumed, the
 * phase announcements and milestone reminders planned, and milestone people Lark does not know reported.
 */
async function runStartupTasks(deps: WorkerDeps): Promise<void> {
  const { ctx, queues, log } = deps;
  // The effective timeline (the file's, with the admins' edits from 进度 设置), read once for the tasks below.
  const effective = effectiveCampaign(ctx);
  effective.catch(() => undefined); // each task below reports it, labelled
  const tasks: [what: string, run: () => Promise<unknown>][] = [
    ['study: could not set up the weekly schedule', async () => syncStudySchedule(queues.study, await effective, log, ctx.now)],
    ['board: could not set up the daily refresh', async () => {
      const c = (await effective).campaign;
      await syncBoardSchedule(queues.board, c.timezone, Boolean(c.announceChatId), campaignWindow(c), ctx.now);
    }],
    ['ledger: could not resume the deadline ladders', () => resumeLadders(ctx)],
    ['rules: could not resume the reminder ladders', () => resumeRuleLadders(ctx)],
    ['materials: could not resume the reminders', () => resumeMaterialReminders(ctx)],
    ['meetings: could not resume the reminders', () => resumeMeetingReminders(ctx)],
    ['talks: could not resume the reminders', () => resumeTalkReminders(ctx)],
    ['campaign: could not plan the phase announcements', () => syncPhaseAnnouncements(queues.campaign, ctx)],
    ['campaign: could not set up the weekly digest', () => syncWeeklyDigest(queues.campaign, ctx)],
    ['opinions: could not count the handled opinions by source group', () => ctx.store.opinions.backfillHandledBySource()],
    ['campaign: could not plan the milestone reminders', () => syncMilestoneReminders(queues.campaign, ctx)],
    ['campaign: could not report the milestone people Lark does not know', () => reportUnresolvedMilestonePeople(ctx)],
  ];
  const results = await Promise.allSettled(tasks.map(([, run]) => run()));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${tasks[i][0]} (${reasonOf(r.reason)})`] : []));
  if (failed.length) throw new StartError(failed.join('; '));
}

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** Worker errors and failed jobs are logged here, once. */
function watched<W extends Worker>(w: W, log: Logger): W {
  w.on('error', (e) => log.warn({ queue: w.name, err: e.message }, 'worker error'));
  w.on('failed', (job, e) => log.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: e.message }, 'job failed'));
  return w;
}

function outboxDeps(deps: WorkerDeps, limits: Partial<OutboxLimits> | undefined): OutboxDeps {
  const { stores, ctx } = deps;
  return {
    lark: deps.lark,
    store: { outbox: stores.outbox, rateLimit: stores.rateLimit },
    queue: deps.queues.outbox,
    log: deps.log,
    metrics: deps.metrics,
    admins: () => ctx.roles.admins(),
    limits,
    onP2pChat: (openId, chatId) => recordP2pChat(ctx, openId, chatId),
  };
}

function exportProcessor(deps: WorkerDeps) {
  const { ctx } = deps;
  return createExportProcessor({
    opinions: ctx.store.opinions,
    evaluations: ctx.store.evaluations,
    study: ctx.store.study,
    ledger: { store: ctx.store.ledger, nameOf: async () => (await knownPeople(ctx)).nameOf },
    rules: ctx.store.rules,
    meetings: ctx.store.meetings,
    archive: {
      audit: ctx.store.audit, milestones: ctx.store.milestones, campaignEnd: ctx.store.campaignEnd, admins: () => ctx.roles.admins(),
      planGate: ctx.store.planGate, materials: ctx.store.materials, talks: ctx.store.talks,
      campaign: () => effectiveCampaign(ctx),
    },
    campaign: ctx.campaign,
    outbox: ctx.outbox,
    log: deps.log,
  });
}

function boardProcessor(deps: WorkerDeps) {
  const { ctx } = deps;
  const c = ctx.campaign.campaign;
  return createBoardProcessor({
    board: { name: c.name, announceChatId: c.announceChatId, timezone: c.timezone, locale: c.locale === 'en-US' ? 'en' : 'zh' },
    outbox: ctx.outbox,
    store: deps.stores.board,
    queue: deps.queues.board,
    items: boardItemsFrom(ctx),
    published: boardPublished(ctx),
    log: deps.log,
    now: ctx.now,
  }).process;
}
