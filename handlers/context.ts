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
import type { ExportJob } from '../src/reports/export-job.js';
import type { LedgerJobs } from './ledger/jobs.js';
import type { StudyStore } from '../src/store/study.js';

/**
 * What every handler gets: clients passed in, never imported. Handlers decide through
 * src/domain and cards/, and talk to Lark only through the outbox (reads excepted).
 */
export interface HandlerCtx {
  campaign: ResolvedCampaign;
  outbox: Outbox;
  /** Read-only Lark calls (contacts, chat members, bot identity). */
  lark: Pick<LarkApi, 'chatMembers' | 'getUser' | 'botInfo'>;
  roles: RoleService;
  store: { kv: KvStore; roles: RolesStore; audit: AuditStore; opinions: OpinionStore; evaluations: EvaluationStore; ledger: LedgerStore; lookbacks: LookbackStore; study: StudyStore };
  /** Closes an evaluation round at its close time (a delayed job; one per round). */
  scheduleRoundClose: (roundId: string, at: number) => Promise<void>;
  /** Re-sends unanswered ballots before Lark's 14-day card limit, when the round stays open that long. */
  scheduleBallotResend: (roundId: string, gen: number, sentAt: number, closesAt: number) => Promise<boolean>;
  /** Schedules a study session's reminders, check-in window, nudge and digest (delayed jobs with stable ids). */
  scheduleStudySession: (sessionId: string, opts?: { refreshCards?: boolean }) => Promise<void>;
  /** The deadline ladder of ledger items (delayed jobs per item, generation and step). */
  ledgerJobs: LedgerJobs;
  /** Puts an export job on the export queue (built and sent by direct message in jobs/export.ts). */
  enqueueExport(job: ExportJob): Promise<void>;
  /** Per-person daily allowances (anti-spam, receipt look-ups). */
  limits: { opinionsPerDay: number; lookupsPerDay: number };
  log: Logger;
  /** Counters only; labels never carry people or content. */
  metrics: Metrics;
  now: () => number;
  /** Key of the HMACs that keep anonymous flows apart from identities (DESIGN §3). Never logged. */
  anonSecret: string;
  /**
   * The public board (公示) in the announce chat. `refresh()` asks for the board to be brought up to
   * date; bursts of changes are coalesced (at most one patch a second per board card).
   */
  board: { refresh(): Promise<void> };
  /** The bot's own open_id (to recognise @bot in groups); cached. */
  botOpenId: () => Promise<string>;
}
