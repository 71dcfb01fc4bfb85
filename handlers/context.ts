import type { ResolvedCampaign } from '../src/campaign.js';
import type { LarkApi } from '../src/lark/api.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { Outbox } from '../src/outbox.js';
import type { RoleService } from '../src/roles.js';
import type { AuditStore } from '../src/store/audit.js';
import type { KvStore } from '../src/store/kv.js';
import type { RolesStore } from '../src/store/roles.js';
import type { OpinionStore } from '../src/store/opinions.js';
import type { EvaluationStore } from '../src/store/evaluations.js';
import type { LedgerStore } from '../src/store/ledger.js';
import type { LookbackStore } from '../src/store/ledger-lookback.js';
import type { RulesStore } from '../src/store/rules.js';
import type { ExportJobs } from '../src/reports/export-job.js';
import type { StudyStore } from '../src/store/study.js';
import type { BoardJobs } from './board/jobs.js';
import type { EvaluationJobs } from './evaluations/jobs.js';
import type { LedgerJobs } from './ledger/jobs.js';
import type { RuleJobs } from './rules/jobs.js';
import type { StudyJobs } from './study/jobs.js';
import type { MilestoneStore } from '../src/store/milestones.js';
import type { CampaignEndStore } from '../src/store/campaign-end.js';
import type { TimelineStore } from '../src/store/timeline.js';
import type { PlanGateStore } from '../src/store/plan-gate.js';
import type { MaterialStore } from '../src/store/materials.js';
import type { MaterialKindsStore } from '../src/store/material-kinds.js';
import type { MaterialJobs } from './materials/jobs.js';
import type { FileIntentStore } from '../src/store/file-intents.js';
import type { TalkStore } from '../src/store/talks.js';
import type { OutreachLinkStore } from '../src/store/outreach-links.js';
import type { TalkJobs } from './talks/jobs.js';
import type { Timeline } from '../src/domain/campaign/timeline.js';
import type { TimelineJobs } from './campaign/jobs.js';
import type { MeetingStore } from '../src/store/meetings.js';
import type { MeetingJobs } from './meetings/jobs.js';

/** The stores handlers use; src/store/stores.ts builds them on one connection. */
interface HandlerStores {
  kv: KvStore;
  roles: RolesStore;
  audit: AuditStore;
  opinions: OpinionStore;
  evaluations: EvaluationStore;
  ledger: LedgerStore;
  lookbacks: LookbackStore;
  rules: RulesStore;
  study: StudyStore;
  milestones: MilestoneStore;
  campaignEnd: CampaignEndStore;
  timeline: TimelineStore;
  /** The public board's gate: whether the 整改方案 is accepted. */
  planGate: PlanGateStore;
  materials: MaterialStore;
  /** 材料 设置: the admins' edits of the kinds over the file's (read through handlers/materials/common.ts effectiveMaterialsConfig). */
  materialKinds: MaterialKindsStore;
  /** Who the bot waits for a file from (handlers/files/intake.ts). */
  fileIntents: FileIntentStore;
  /** 专题民主生活会 and 组织生活会. */
  meetings: MeetingStore;
  /** 谈心谈话 (a private note only through handlers/talks/note.ts, for its writer). */
  talks: TalkStore;
  /** 走访 links (issue #17): the record, its token, its entries. */
  outreachLinks: OutreachLinkStore;
}

/**
 * What every handler gets: clients passed in, never imported. Handlers decide through
 * src/domain and cards/, and talk to Lark only through the outbox (reads excepted). Shared services
 * sit at the top level; a feature's own seams to its queue are defined in its handlers/<feature>/ folder.
 */
export interface HandlerCtx {
  campaign: ResolvedCampaign;
  /**
   * The effective timeline: the file's phases and milestones with the admins' edits (进度 设置) over them. Whatever
   * reads phases, milestones or the campaign window reads them here (handlers/campaign/timeline.ts `effectiveCampaign`).
   */
  timeline: () => Promise<Timeline>;
  /** Re-plans what the timeline drives, after an edit. */
  timelineJobs: TimelineJobs;
  outbox: Outbox;
  /**
   * Read-only Lark calls (contacts, chat members, bot identity, a chat's mode: cached per chat), and `send` for the
   * one answer that must not be queued: the late answer of an anonymous action (handlers/late-answer.ts). Every
   * other message goes through the outbox. Files: the size of a file a person sent (`fileSize`), and `uploadFile` for
   * a file the bot makes and then sends through the outbox as a `file` body (handlers/files/).
   */
  lark: Pick<LarkApi, 'chatMembers' | 'getUser' | 'botInfo' | 'chatMode' | 'send' | 'fileSize' | 'uploadFile'>;
  roles: RoleService;
  store: HandlerStores;
  /** Evaluation rounds: the close at each round's close time and the re-send of ballots. */
  evaluationJobs: EvaluationJobs;
  /** Study sessions: each session's reminders, check-in window, nudge and digest. */
  studyJobs: StudyJobs;
  /** The deadline ladder of ledger items (delayed jobs per item, generation and step). */
  ledgerJobs: LedgerJobs;
  /** The reminder ladder of rules (建章立制; delayed jobs per rule, generation and step). */
  ruleJobs: RuleJobs;
  /** The reminders of materials under review (delayed jobs per material, generation or version, and step). */
  materialJobs: MaterialJobs;
  /** The reminders of unconfirmed meeting records (delayed jobs per meeting and step). */
  meetingJobs: MeetingJobs;
  /** The reminders of talks (delayed jobs per talk, generation and step). */
  talkJobs: TalkJobs;
  /** The public board (公示) in the announce chat. */
  board: BoardJobs;
  /** The export queue (exports are built and sent by direct message in jobs/export.ts). */
  exports: ExportJobs;
  /** Per-person daily allowances (anti-spam, receipt look-ups). */
  limits: { opinionsPerDay: number; lookupsPerDay: number };
  /** Where the outreach page is reached from outside (`<publicUrl>/o/<token>`), without a trailing slash. */
  publicUrl: string;
  log: Logger;
  /** Counters only; labels never carry people or content. */
  metrics: Metrics;
  now: () => number;
  /** Key of the HMACs that keep anonymous flows apart from identities (DESIGN §3). Never logged. */
  anonSecret: string;
  /** The bot's own open_id (to recognise @bot in groups); cached. */
  botOpenId: () => Promise<string>;
}
