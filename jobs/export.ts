import { UnrecoverableError, type Job, type JobsOptions, type Queue } from 'bullmq';
import { QUEUE } from '../src/queues.js';
import { exportJobSchema, type ExportFormat, type ExportJob, type ExportJobs } from '../src/reports/export-job.js';
import type { ResolvedCampaign } from '../src/campaign.js';
import { dayOf } from '../src/domain/opinions/opinion.js';
import type { Logger } from '../src/log.js';
import { msg, t } from '../src/messages/index.js';
import type { Outbox, OutboxFile } from '../src/outbox.js';
import { opinionsCsv, opinionsXlsx } from '../src/reports/exports.js';
import { evaluationCsv, evaluationXlsx, loadRoundResults } from '../src/reports/evaluation-exports.js';
import type { EvaluationStore } from '../src/store/evaluations.js';
import { buildOpinionReport } from '../src/reports/opinion-report.js';
import type { OpinionStore } from '../src/store/opinions.js';
import { studyXlsx } from '../src/reports/study-exports.js';
import type { StudyStore } from '../src/store/study.js';
import { ledgerXlsx } from '../src/reports/ledger-exports.js';
import type { LedgerStore } from '../src/store/ledger.js';
import { rulesXlsx } from '../src/reports/rules-exports.js';
import type { RulesStore } from '../src/store/rules.js';
import { exportKey } from '../handlers/outbox-keys.js';
import { archiveFileKey } from '../handlers/campaign/outbox-keys.js';
import { archiveXlsx } from '../src/reports/archive.js';
import type { AuditStore } from '../src/store/audit.js';
import type { CampaignEndStore } from '../src/store/campaign-end.js';
import type { MilestoneStore } from '../src/store/milestones.js';
import type { PlanGateStore } from '../src/store/plan-gate.js';
import type { MaterialStore } from '../src/store/materials.js';
import type { MeetingStore } from '../src/store/meetings.js';
import type { TalkStore } from '../src/store/talks.js';

/**
 * Export queue: builds an opinion export (XLSX, CSV or the draft .docx), or the aggregates of a closed
 * evaluation round (XLSX, CSV), for the admin or supervisor who asked and sends it by direct message.
 * Job data carries the reader's id and the request id, never any file content (the bytes wait in the
 * outbox store).
 */
export const EXPORT_QUEUE = QUEUE.export;


const JOB_OPTS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};

/** Keeps one export per person, kind and format in flight (the opinion exports keep their historic empty part). */
const DEDUPE_PART: { [K in ExportJob['kind']]: (job: Extract<ExportJob, { kind: K }>) => string } = {
  'opinion-export': () => '',
  'evaluation-export': (j) => `ev-${j.round}-`,
  'study-export': () => 'st-',
  'ledger-export': () => 'lg-',
  'rules-export': () => 'rl-',
  archive: () => 'ar-',
};

/**
 * Producer side. The jobId makes a re-delivered click a no-op; the de-duplication id keeps one
 * export per person and format in flight, so repeated clicks do not pile up work.
 */
export async function enqueueExport(queue: Queue, job: ExportJob): Promise<void> {
  const data = exportJobSchema.parse(job);
  await queue.add(data.kind, data, {
    ...JOB_OPTS,
    jobId: `export-${data.requestId}`,
    deduplication: { id: `export-${DEDUPE_PART[data.kind](data as never)}${data.format}-${data.requester}` },
  });
}

/** HandlerCtx.exports on the export queue. */
export function createExportJobs(queue: Queue): ExportJobs {
  return { enqueue: (job) => enqueueExport(queue, job) };
}

const FILE: Record<ExportFormat, { base: typeof msg.report.fileSummary; ext: string; type: OutboxFile['fileType'] }> = {
  xlsx: { base: msg.report.fileSummary, ext: 'xlsx', type: 'xls' },
  csv: { base: msg.report.fileSummary, ext: 'csv', type: 'stream' },
  docx: { base: msg.report.fileReport, ext: 'docx', type: 'doc' },
};

/** "文件大小不得超过 30 MB" — https://open.feishu.cn/document/server-docs/im-v1/file/create */
const LARK_FILE_MAX_BYTES = 30 * 1024 * 1024;

interface ExportDeps {
  opinions: OpinionStore;
  /** Needed for evaluation exports only. */
  evaluations?: EvaluationStore;
  /** Needed for study exports only. */
  study?: StudyStore;
  /** Needed for ledger exports only: the items and the names of owners and leaders. */
  ledger?: { store: LedgerStore; nameOf: () => Promise<(openId: string) => string> };
  /** Needed for the rules register's export only (with `ledger`, for the linked items). */
  rules?: RulesStore;
  /** The 生活会, for the titles of the meetings ledger items come from (and the archive). */
  meetings?: Pick<MeetingStore, 'list'>;
  /** Needed for the archive only: the stores it reads besides the ones above, and who receives it. */
  archive?: {
    audit: AuditStore; milestones: MilestoneStore; campaignEnd: CampaignEndStore; admins: () => Promise<string[]>;
    /** When the 整改方案 was accepted (the board's gate). */
    planGate: Pick<PlanGateStore, 'accepted'>;
    /** Materials for review. */
    materials: Pick<MaterialStore, 'list'>;
    /** 谈心谈话: `list` only (the talks, never a private note). */
    talks: Pick<TalkStore, 'list'>;
    /** The campaign with the effective timeline (the admins' edits, 进度 设置); the file's without it. */
    campaign?: () => Promise<ResolvedCampaign>;
  };
  campaign: ResolvedCampaign;
  outbox: Outbox;
  log: Logger;
  now?: () => number;
  /** Largest file sent (default Lark's limit); bigger exports get a message instead. */
  maxFileBytes?: number;
}

/** The aggregates of a closed round (nothing for a round that is missing or not closed). */
async function buildEvaluationExport(
  format: 'xlsx' | 'csv', roundId: string, evaluations: EvaluationStore | undefined,
): Promise<Buffer | undefined> {
  const round = evaluations ? await evaluations.getMeta(roundId) : undefined;
  if (!evaluations || !round || round.status !== 'closed') return undefined;
  const d = await loadRoundResults(evaluations, round);
  return format === 'xlsx' ? evaluationXlsx(d) : evaluationCsv(d);
}

/** Builds one export for a job. Exposed for tests and the bench. */
async function buildExport(format: ExportFormat, deps: Pick<ExportDeps, 'opinions' | 'campaign'>): Promise<Buffer> {
  if (format === 'xlsx') return opinionsXlsx(deps.opinions, deps.campaign);
  if (format === 'csv') return opinionsCsv(deps.opinions, deps.campaign);
  const { opinionReportDocx } = await import('../src/reports/opinion-docx.js');
  return opinionReportDocx(await buildOpinionReport(deps.opinions, deps.campaign), deps.campaign);
}

type Built = { data: Buffer; base: string; to?: string[] } | undefined;

/** Audit entries read into the archive (the stream keeps about 100,000). */
const ARCHIVE_AUDIT_MAX = 100_000;

/** The archive, for every admin (undefined when the stores are not wired). */
async function buildArchive(deps: ExportDeps, now: number): Promise<Built> {
  const { archive, evaluations, study, ledger } = deps;
  if (!archive || !evaluations || !study || !ledger) return undefined;
  const [items, nameOf, milestonesDone, audit, end, admins, rules, planAccepted, materials, talks, meetings] = await Promise.all([
    ledger.store.list(), ledger.nameOf(), archive.milestones.doneMap(), archive.audit.recent(ARCHIVE_AUDIT_MAX),
    archive.campaignEnd.get(), archive.admins(), deps.rules?.list() ?? [], archive.planGate.accepted(), archive.materials.list(),
    archive.talks.list(), deps.meetings?.list() ?? [],
  ]);
  const data = await archiveXlsx({
    campaign: archive.campaign ? await archive.campaign() : deps.campaign,
    opinions: deps.opinions, evaluations, study, ledger: items, materials, rules, ...(planAccepted ? { planAccepted } : {}), milestonesDone,
    talks, meetings,
    audit: audit.reverse(), ...(end ? { end } : {}), nameOf, now,
  });
  return { data, base: msg.campaign.end.archiveFile.zh, to: admins };
}

/** One builder per kind: the file's bytes and its base name (undefined: nothing to export, e.g. a round not closed). */
type Builders = { [K in ExportJob['kind']]: (job: Extract<ExportJob, { kind: K }>) => Promise<Built> };

function builders(deps: ExportDeps, now: () => number): Builders {
  const tz = deps.campaign.campaign.timezone;
  return {
    'opinion-export': async (j) => ({ data: await buildExport(j.format, deps), base: FILE[j.format].base.zh }),
    'evaluation-export': async (j) => {
      const data = await buildEvaluationExport(j.format, j.round, deps.evaluations);
      return data && { data, base: msg.report.fileEvaluation.zh };
    },
    'study-export': async () => (deps.study ? { data: await studyXlsx(deps.study, tz), base: msg.study.export.file.zh } : undefined),
    'ledger-export': async () => {
      if (!deps.ledger) return undefined;
      const [items, nameOf, rounds, meetings] = await Promise.all([deps.ledger.store.list(), deps.ledger.nameOf(),
        deps.evaluations?.list() ?? [], deps.meetings?.list() ?? []]);
      const titles = new Map(rounds.map((r) => [r.id, r.title]));
      const meetingTitles = new Map(meetings.map((m) => [m.id, m.title]));
      const data = await ledgerXlsx(items, {
        title: `${deps.campaign.campaign.name} ${msg.ledger.list.title.zh}`, nameOf, timeZone: tz, now: now(),
        roundTitle: (id) => titles.get(id), meetingTitle: (id) => meetingTitles.get(id),
      });
      return { data, base: msg.ledger.list.title.zh };
    },
    'rules-export': async () => {
      if (!deps.rules || !deps.ledger) return undefined;
      const [rules, items, nameOf] = await Promise.all([deps.rules.list(), deps.ledger.store.list(), deps.ledger.nameOf()]);
      const byId = new Map(items.map((i) => [i.id, { seq: i.seq, problem: i.problem }]));
      const data = await rulesXlsx(rules, {
        title: `${deps.campaign.campaign.name} ${msg.rules.list.title.zh}`, nameOf, item: (id) => byId.get(id),
      });
      return { data, base: msg.rules.export.file.zh };
    },
    archive: async () => buildArchive(deps, now()),
  };
}

/** The processor of the export queue (one Worker in jobs/index.ts). Throws to retry; bad data fails for good. */
export function createExportProcessor(deps: ExportDeps) {
  const { now = Date.now, maxFileBytes = LARK_FILE_MAX_BYTES } = deps;
  const build = builders(deps, now);
  return async function processExport(job: Job): Promise<{ bytes: number }> {
    const parsed = exportJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`export job ${job.id}: data does not match the export schema`);
    const req = parsed.data;
    const { format, requester, requestId } = req;
    const started = Date.now();
    const built = await (build[req.kind] as (j: ExportJob) => Promise<Built>)(req);
    if (!built) {
      throw new UnrecoverableError(`export job ${job.id}: nothing to export (round missing or not closed, or the store is not wired)`);
    }
    const { data, base, to } = built;
    if (data.length > maxFileBytes) {
      deps.log.warn({ jobId: job.id, kind: req.kind, format, bytes: data.length }, 'export over the Lark file limit; requester told');
      const text = t(msg.report.tooLarge);
      await deps.outbox.send({ key: exportKey(requestId), to: { openId: requester }, body: { type: 'text', text } });
      return { bytes: data.length };
    }
    const f = FILE[format];
    const day = dayOf(now(), deps.campaign.campaign.timezone);
    const file = { fileName: `${base}-${day}.${f.ext}`, fileType: f.type, data };
    if (to) {
      for (const openId of to) await deps.outbox.sendFile({ key: archiveFileKey(requestId, openId), to: { openId }, ...file });
    } else {
      await deps.outbox.sendFile({ key: exportKey(requestId), to: { openId: requester }, ...file });
    }
    deps.log.info({ jobId: job.id, kind: req.kind, format, bytes: data.length, ms: Date.now() - started }, 'export queued for sending');
    return { bytes: data.length };
  };
}
