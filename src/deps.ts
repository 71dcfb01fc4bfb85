import { type RedisClient as Redis, createRedis } from './store/redis.js';
import type { Config } from './config.js';
import type { ResolvedCampaign } from './campaign.js';
import type { LarkApi } from './lark/api.js';
import type { Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createOutbox, type Outbox } from './outbox.js';
import { createQueues, QUEUE, type Queues } from './queues.js';
import { createRoleService, type RoleService } from './roles.js';
import { createAuditStore } from './store/audit.js';
import { createKeys, type Keys } from './store/keys.js';
import { createKvStore } from './store/kv.js';
import { createOutboxStore } from './store/outbox.js';
import { createRolesStore } from './store/roles.js';
import { createOpinionStore } from './store/opinions.js';
import { createEvaluationStore } from './store/evaluations.js';
import { createLedgerStore } from './store/ledger.js';
import { createLookbackStore } from './store/ledger-lookback.js';
import { createLedgerJobs } from '../jobs/ledger/queue.js';
import { createStudyStore } from './store/study.js';
import { createEvaluationJobs } from '../jobs/evaluations/queue.js';
import { createStudyJobs } from '../jobs/study/queue.js';
import { createBoardJobs } from '../jobs/board/queue.js';
import type { HandlerCtx } from '../handlers/context.js';
import { createExportJobs } from '../jobs/export.js';

export interface Deps {
  config: Config;
  log: Logger;
  metrics: Metrics;
  keys: Keys;
  /** Fail-fast connection: producers and our own commands. */
  redis: Redis;
  queues: Queues;
  lark: LarkApi;
  outbox: Outbox;
  outboxStore: ReturnType<typeof createOutboxStore>;
  roles: RoleService;
  campaign: ResolvedCampaign;
  ctx: HandlerCtx;
  /** A new blocking connection for a BullMQ Worker (each worker owns its own). */
  blockingConnection: () => Redis;
  close: () => Promise<void>;
}

/** The composition root: every client is built here, nothing at import time. */
export function createDeps(input: {
  config: Config; log: Logger; lark: LarkApi; campaign: ResolvedCampaign; redis: Redis; anonSecret: string; now?: () => number;
}): Deps {
  const { config, log, lark, campaign, redis } = input;
  const now = input.now ?? Date.now;
  const keys = createKeys(config.redisPrefix);
  const metrics = createMetrics();
  const queues = createQueues(redis, keys.bullPrefix);
  const audit = createAuditStore(redis, keys);
  const kv = createKvStore(redis, keys);
  const rolesStore = createRolesStore(redis, keys, audit);
  const outboxStore = createOutboxStore(redis, keys);
  const outbox = createOutbox(queues.outbox, outboxStore);
  const roles = createRoleService(campaign, rolesStore, kv, lark, log);
  const blocking: Redis[] = [];

  let botOpenId: Promise<string> | undefined;
  const ctx: HandlerCtx = {
    campaign, outbox, lark, roles, log, metrics, now, anonSecret: input.anonSecret,
    store: { kv, roles: rolesStore, audit, opinions: createOpinionStore(redis, keys, audit), evaluations: createEvaluationStore(redis, keys, audit), ledger: createLedgerStore(redis, keys, audit), lookbacks: createLookbackStore(redis, keys, audit), study: createStudyStore(redis, keys, audit) },
    evaluationJobs: createEvaluationJobs(queues.evaluation, now),
    studyJobs: createStudyJobs(queues.study, () => ctx),
    ledgerJobs: createLedgerJobs(queues.ledger, now),
    limits: { opinionsPerDay: config.opinionsPerDay, lookupsPerDay: config.lookupsPerDay },
    exports: createExportJobs(queues.export),
    // Coalesced rebuilds of the public board (jobs/board/queue.ts); its items come from handlers/board/items.ts.
    board: createBoardJobs(queues.board),
    botOpenId: () => {
      botOpenId ??= (async () => {
        const cached = await kv.botInfo();
        if (cached) return cached.openId;
        const info = await lark.botInfo();
        await kv.cacheBotInfo(info);
        return info.openId;
      })().catch((e) => { botOpenId = undefined; throw e; });
      return botOpenId;
    },
  };

  return {
    config, log, metrics, keys, redis, queues, lark, outbox, outboxStore, roles, campaign, ctx,
    blockingConnection: () => {
      const c = createRedis(config.redisUrl, 'blocking');
      c.on('error', (e) => log.debug({ err: e.message }, 'redis (worker) connection error'));
      blocking.push(c);
      return c;
    },
    async close() {
      await queues.close().catch(() => undefined);
      for (const c of blocking) c.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export { QUEUE };
