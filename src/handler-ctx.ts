import type { ResolvedCampaign } from './campaign.js';
import type { LarkApi } from './lark/api.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { createOutbox } from './outbox.js';
import type { Queues } from './queues.js';
import { createRoleService } from './roles.js';
import type { KvStore } from './store/kv.js';
import type { Stores } from './store/stores.js';
import type { HandlerCtx } from '../handlers/context.js';
import { createBoardJobs } from '../jobs/board/queue.js';
import { createEvaluationJobs } from '../jobs/evaluations/queue.js';
import { createExportJobs } from '../jobs/export.js';
import { createLedgerJobs } from '../jobs/ledger/queue.js';
import { createRuleJobs } from '../jobs/rules/queue.js';
import { createMaterialJobs } from '../jobs/materials/queue.js';
import { createTalkJobs } from '../jobs/talks/queue.js';
import { createStudyJobs } from '../jobs/study/queue.js';
import { createMeetingJobs } from '../jobs/meetings/queue.js';
import { createTimelineJobs } from '../jobs/campaign/replan.js';
import { timelineOf } from './domain/campaign/timeline.js';

/** What every HandlerCtx shares, whichever connection its stores sit on. */
export interface Services {
  campaign: ResolvedCampaign;
  lark: LarkApi;
  log: Logger;
  metrics: Metrics;
  now: () => number;
  anonSecret: string;
  limits: HandlerCtx['limits'];
  publicUrl: string;
}

/** A HandlerCtx on `stores`: the shared services, and each feature's seams to its queue. */
export function createHandlerCtx(services: Services, stores: Stores, queues: Queues): HandlerCtx {
  const { campaign, lark, log, now } = services;
  // The workers' own stores (outbox records, pacing, the board's state) stay off the handlers' ctx.
  const { outbox: _outbox, rateLimit: _rateLimit, board: _board, ...store } = stores;
  const ctx: HandlerCtx = {
    ...services,
    store,
    timeline: async () => timelineOf(campaign.campaign.phases, await stores.timeline.get(), campaign.milestonePeople),
    timelineJobs: createTimelineJobs(queues, () => ctx),
    outbox: createOutbox(queues.outbox, stores.outbox),
    roles: createRoleService(campaign, store.roles, store.kv, lark, log),
    evaluationJobs: createEvaluationJobs(queues.evaluation, now),
    studyJobs: createStudyJobs(queues.study, () => ctx),
    ledgerJobs: createLedgerJobs(queues.ledger, now),
    ruleJobs: createRuleJobs(queues.rules, now),
    materialJobs: createMaterialJobs(queues.materials, now),
    meetingJobs: createMeetingJobs(queues.meetings, now),
    talkJobs: createTalkJobs(queues.talks, now),
    // Coalesced rebuilds of the public board (jobs/board/queue.ts); its items come from handlers/board/items.ts.
    board: createBoardJobs(queues.board),
    exports: createExportJobs(queues.export),
    botOpenId: cachedBotOpenId(store.kv, lark),
  };
  return ctx;
}

/** The bot's open_id: from the kv cache, else asked of Lark once (a failed ask is not kept). */
function cachedBotOpenId(kv: KvStore, lark: Pick<LarkApi, 'botInfo'>): () => Promise<string> {
  let botOpenId: Promise<string> | undefined;
  return () => {
    botOpenId ??= (async () => {
      const cached = await kv.botInfo();
      if (cached) return cached.openId;
      const info = await lark.botInfo();
      await kv.cacheBotInfo(info);
      return info.openId;
    })().catch((e) => { botOpenId = undefined; throw e; });
    return botOpenId;
  };
}
