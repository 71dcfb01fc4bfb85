import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';
import { createAuditStore } from './audit.js';
import { createBoardStore } from './board.js';
import { createPlanGateStore } from './plan-gate.js';
import { createEvaluationStore } from './evaluations.js';
import { createKvStore } from './kv.js';
import { createLookbackStore } from './ledger-lookback.js';
import { createLedgerStore } from './ledger.js';
import { createRulesStore } from './rules.js';
import { createMaterialStore } from './materials.js';
import { createMaterialKindsStore } from './material-kinds.js';
import { createOpinionStore } from './opinions.js';
import { createOutboxStore } from './outbox.js';
import { createRateLimiter } from './rate-limit.js';
import { createRolesStore } from './roles.js';
import { createStudyStore } from './study.js';
import { createMilestoneStore } from './milestones.js';
import { createCampaignEndStore } from './campaign-end.js';
import { createTimelineStore } from './timeline.js';
import { createFileIntentStore } from './file-intents.js';
import { createMeetingStore } from './meetings.js';
import { createTalkStore } from './talks.js';
import { createOutreachLinkStore } from './outreach-links.js';

/**
 * Every store of ours on one connection: the web edge's (`fast`) or the workers' (`store`), so each
 * side's commands behave the way its connection role says (src/store/redis.ts).
 */
export function createStores(redis: Redis, keys: Keys) {
  const audit = createAuditStore(redis, keys);
  return {
    audit,
    kv: createKvStore(redis, keys),
    roles: createRolesStore(redis, keys, audit),
    opinions: createOpinionStore(redis, keys, audit),
    evaluations: createEvaluationStore(redis, keys, audit),
    ledger: createLedgerStore(redis, keys, audit),
    lookbacks: createLookbackStore(redis, keys, audit),
    rules: createRulesStore(redis, keys, audit),
    study: createStudyStore(redis, keys, audit),
    milestones: createMilestoneStore(redis, keys, audit),
    campaignEnd: createCampaignEndStore(redis, keys, audit),
    timeline: createTimelineStore(redis, keys, audit),
    /** Whether the 整改方案 is accepted, so the public board may show its items. */
    planGate: createPlanGateStore(redis, keys, audit),
    materials: createMaterialStore(redis, keys, audit),
    /** 材料 设置: the admins' edits of the kinds over the campaign file's. */
    materialKinds: createMaterialKindsStore(redis, keys, audit),
    fileIntents: createFileIntentStore(redis, keys),
    /** 专题民主生活会 and 组织生活会. */
    meetings: createMeetingStore(redis, keys, audit),
    /** 谈心谈话: the talks, their pairs, planners' drafts and each party's private note. */
    talks: createTalkStore(redis, keys, audit),
    /** 走进职工 links for people outside the tenant (the `/o/<token>` page). */
    outreachLinks: createOutreachLinkStore(redis, keys, audit),
    /** The outbox's records, patches and files (the producer and the outbox worker). */
    outbox: createOutboxStore(redis, keys),
    /** The outbox worker's pacing. */
    rateLimit: createRateLimiter(redis, keys),
    /** The public board's state (the board worker). */
    board: createBoardStore(redis, keys, audit),
  };
}

export type Stores = ReturnType<typeof createStores>;
