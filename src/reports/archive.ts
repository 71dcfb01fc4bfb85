import type ExcelJSModule from 'exceljs';
import { loadExcel } from './excel.js';
import type { ResolvedCampaign } from '../campaign.js';
import { localParts } from '../domain/calendar.js';
import type { CampaignEnd } from '../domain/campaign/end.js';
import { milestonesOf, milestoneState, type MilestoneDone } from '../domain/campaign/milestones.js';
import type { LedgerItem } from '../domain/ledger/item.js';
import type { Rule } from '../domain/rules/rule.js';
import { materialsConfig } from '../domain/materials/kinds.js';
import type { Material } from '../domain/materials/material.js';
import { msg } from '../messages/index.js';
import type { AuditEntry } from '../store/audit.js';
import type { EvaluationStore } from '../store/evaluations.js';
import type { OpinionStore } from '../store/opinions.js';
import type { PlanAccepted } from '../store/plan-gate.js';
import type { StudyStore } from '../store/study.js';
import { evaluationXlsx, loadRoundResults } from './evaluation-exports.js';
import { opinionsXlsx, xmlSafe } from './exports.js';
import { ledgerXlsx } from './ledger-exports.js';
import { rulesXlsx } from './rules-exports.js';
import { MATERIAL_COLUMNS, MATERIAL_HISTORY_COLUMNS, archiveMaterialHistory, archiveMaterialRows } from './archive-materials.js';
import { studyXlsx } from './study-exports.js';
import type { Talk } from '../domain/talks/talk.js';
import type { Meeting } from '../domain/meetings/meeting.js';
import { MEETING_COLUMNS, MEETING_RECORD_COLUMNS, TALK_COLUMNS, archiveMeetingRecordRows, archiveMeetingRows, archiveTalkRows }
  from './archive-meetings.js';

/**
 * The campaign's archive (DESIGN §2.8): one workbook of everything, built from the exports the office already
 * uses, so it carries what they carry and nothing more — opinions without their writers, evaluation aggregates
 * with k applied (never a voter), the named study and ledger records — plus the phases and milestones, each
 * ledger item's history, the materials for review and their review history (each version as its link, file name
 * or text, never a file), the 建章立制 register, when the 整改方案 was accepted, the 谈心谈话 (never a private note, not even
 * whether one exists) and the 生活会 with each attendee's record, and the audit log of admin actions.
 */

interface ArchiveInput {
  campaign: ResolvedCampaign;
  opinions: OpinionStore;
  evaluations: EvaluationStore;
  study: StudyStore;
  ledger: readonly LedgerItem[];
  /** Materials for review, 对照检查材料 included (the archive goes to the office only); their versions as recorded, no file. */
  materials: readonly Material[];
  /** The 建章立制 register, drafts included. */
  rules: readonly Rule[];
  /** 谈心谈话: the talks only (a private note is never part of a talk). */
  talks: readonly Talk[];
  /** 专题民主生活会 and 组织生活会. */
  meetings: readonly Meeting[];
  /** When the 整改方案 was accepted and by whom (the board's gate), if it was. */
  planAccepted?: PlanAccepted;
  milestonesDone: ReadonlyMap<string, MilestoneDone>;
  /** Oldest first. */
  audit: readonly AuditEntry[];
  end?: CampaignEnd;
  nameOf: (openId: string) => string;
  now: number;
}

type Workbook = ExcelJSModule.Workbook;
type Cell = string | number;
/** Excel holds at most 32,767 characters in a cell. */
const cell = (v: Cell) => (typeof v === 'string' ? xmlSafe(v).slice(0, 32_000) : v);

/** Copies every sheet of an exported workbook into the archive (values and column widths), named by `name`. */
async function copySheets(ExcelJS: typeof ExcelJSModule, wb: Workbook, file: Buffer, name: (sheet: string) => string): Promise<void> {
  const src = new ExcelJS.Workbook();
  await src.xlsx.load(file as unknown as ArrayBuffer);
  src.eachSheet((ws) => {
    const out = wb.addWorksheet(name(ws.name));
    ws.eachRow({ includeEmpty: true }, (row, n) => { out.getRow(n).values = row.values; });
    out.columns = (ws.columns ?? []).map((c) => ({ width: c.width ?? 14 }));
  });
}

function addTable(wb: Workbook, name: string, header: string[], rows: Cell[][], widths: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = widths.map((width) => ({ width }));
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(cell)).alignment = { wrapText: true, vertical: 'top' };
}

const when = (ms: number, tz: string) => {
  const p = localParts(ms, tz);
  return `${p.day} ${p.time}`;
};

function phaseRows(i: ArchiveInput, tz: string): Cell[][] {
  const c = i.campaign.campaign;
  const today = localParts(i.now, tz).day;
  const rows: Cell[][] = [];
  for (const p of c.phases) rows.push([p.name, p.start, p.end, '', '', '', '', '', '', '', '']);
  for (const m of milestonesOf(c)) {
    const done = i.milestonesDone.get(m.id);
    rows.push([m.phaseName, '', '', m.name, m.date, m.owner?.name ?? '', m.deliverable ?? '',
      msg.campaign.milestone.state[milestoneState(m, done, today)].zh, done ? i.nameOf(done.by) : '', done ? when(done.at, tz) : '',
      [done?.note, done?.link].filter(Boolean).join('\n')]);
  }
  return rows;
}

function historyRows(i: ArchiveInput, tz: string): Cell[][] {
  const S = msg.ledger.statuses;
  return [...i.ledger].sort((a, b) => a.seq - b.seq).flatMap((item) => item.history.map((h): Cell[] => [
    item.seq, item.problem, when(h.at, tz), h.by === 'system' ? '系统' : i.nameOf(h.by), msg.ledger.history[h.what].zh,
    h.from && h.to ? `${S[h.from].zh}→${S[h.to].zh}` : '', h.note ?? '',
  ]));
}

/** Audit actions by their feature, in the office's words (the action code stays beside it for the record). */
const AUDIT_AREAS: Record<string, string> = {
  opinion: '意见建议', evaluation: '民主测评', ledger: '整改台账', study: '集中学习', campaign: '活动进度', role: '角色设置', board: '公示',
  rules: '建章立制', material: '材料报审', talk: '谈心谈话', meeting: '生活会',
};

function auditRows(i: ArchiveInput, tz: string): Cell[][] {
  return i.audit.map((e) => [when(e.at, tz), i.nameOf(e.actor), AUDIT_AREAS[e.action.split('.')[0] ?? ''] ?? '其他', e.action,
    Object.keys(e.detail).length ? JSON.stringify(e.detail) : '']);
}

/** The archive workbook. */
export async function archiveXlsx(i: ArchiveInput): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const tz = i.campaign.campaign.timezone;
  const wb = new ExcelJS.Workbook();
  wb.creator = xmlSafe(i.campaign.campaign.name);
  const end = i.end;
  addTable(wb, '活动概况', ['项目', '内容'], [
    ['活动名称', i.campaign.campaign.name], ['归档时间', when(i.now, tz)],
    ...(end ? [['结束时间', when(end.at, tz)], ['结束操作人', i.nameOf(end.by)]] : []),
    ...(end?.override ? [['未满足结束条件时的结束理由', end.override]] : []),
    ['整改方案审定时间', i.planAccepted ? when(i.planAccepted.at, tz) : '未审定'],
    ...(i.planAccepted ? [['整改方案审定人', i.nameOf(i.planAccepted.by)]] : []),
  ], [28, 80]);
  addTable(wb, '阶段与时间节点', ['阶段', '开始日期', '结束日期', '时间节点', '计划日期', '责任人', '成果要求', '状态', '标记完成人', '标记时间',
    '完成情况'], phaseRows(i, tz), [24, 12, 12, 30, 12, 14, 30, 12, 14, 18, 40]);
  await copySheets(ExcelJS, wb, await opinionsXlsx(i.opinions, i.campaign), (s) => `意见建议${s}`);
  const allRounds = await i.evaluations.list(1000);
  const rounds = allRounds.filter((r) => r.status === 'closed').reverse();
  for (const [n, r] of rounds.entries()) {
    await copySheets(ExcelJS, wb, await evaluationXlsx(await loadRoundResults(i.evaluations, r)), () => `测评结果${n + 1}`);
  }
  await copySheets(ExcelJS, wb, await studyXlsx(i.study, tz), (s) => `集中学习${s}`);
  await copySheets(ExcelJS, wb, await ledgerXlsx(i.ledger, {
    title: `${i.campaign.campaign.name} 整改台账`, nameOf: i.nameOf, timeZone: tz, now: i.now,
    roundTitle: (id) => allRounds.find((r) => r.id === id)?.title, meetingTitle: (id) => i.meetings.find((m) => m.id === id)?.title,
  }), () => '整改台账');
  addTable(wb, '整改事项记录', ['序号', '问题', '时间', '操作人', '操作', '状态变化', '说明'], historyRows(i, tz), [8, 36, 18, 14, 12, 16, 50]);
  const kinds = new Map(materialsConfig(i.campaign.campaign.materials).kinds.map((k) => [k.key, k.name]));
  const mo = { kindName: (key: Material['kind']) => kinds.get(key) ?? key, nameOf: i.nameOf, timeZone: tz };
  addTable(wb, '材料报审', MATERIAL_COLUMNS, archiveMaterialRows(i.materials, mo), [16, 36, 20, 30, 12, 10, 18, 8]);
  addTable(wb, '材料审阅记录', MATERIAL_HISTORY_COLUMNS, archiveMaterialHistory(i.materials, mo), [16, 36, 18, 14, 14, 8, 60]);
  const items = new Map(i.ledger.map((x) => [x.id, { seq: x.seq, problem: x.problem }]));
  addTable(wb, '谈心谈话', TALK_COLUMNS, archiveTalkRows(i.talks, mo), [14, 14, 20, 12, 8, 12, 24]);
  const reports = new Map(i.materials.map((x) => [x.id, x.title]));
  const mt = { ...mo, itemSeq: (id: string) => items.get(id)?.seq, reportTitle: (id: string) => reports.get(id) };
  addTable(wb, '生活会', MEETING_COLUMNS, archiveMeetingRows(i.meetings, mt), [16, 30, 18, 20, 30, 20, 12, 50, 40, 20, 18, 30]);
  addTable(wb, '生活会记录', MEETING_RECORD_COLUMNS, archiveMeetingRecordRows(i.meetings, mt), [30, 14, 50, 50, 50, 16, 18]);
  await copySheets(ExcelJS, wb, await rulesXlsx(i.rules, {
    title: `${i.campaign.campaign.name} ${msg.rules.list.title.zh}`, nameOf: i.nameOf, item: (id) => items.get(id),
  }), () => '建章立制');
  addTable(wb, '操作记录', ['时间', '操作人', '类别', '操作代码', '详情'], auditRows(i, tz), [18, 14, 12, 28, 80]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
