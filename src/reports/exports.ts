import { Writable } from 'node:stream';
import {
  AlignmentType, Document, HeadingLevel, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { ResolvedCampaign } from '../campaign.js';
import { CATEGORIES, label, SOURCES, STATUSES, targetOptions } from '../domain/opinions.js';
import { msg } from '../messages.js';
import type { Opinion, OpinionStore } from '../store/opinions.js';
import { buildOpinionReport, type Matrix, type OpinionReport } from './opinion-report.js';

/**
 * Opinion exports for admins and supervisors. They never carry who wrote an opinion, not even for
 * named ones: the detail columns are picked one by one below (no submitter, no forwarded-to ids).
 * Opinions are read a page at a time, so memory stays flat however many there are.
 */

export const EXPORT_PAGE = 500;
const X = msg.report.xlsx;
const DETAIL_COLUMNS = [
  { h: X.colId, width: 14 }, { h: X.colDay, width: 12 }, { h: X.colCategory, width: 10 }, { h: X.colSource, width: 16 },
  { h: X.colTarget, width: 18 }, { h: X.colText, width: 60 }, { h: X.colStatus, width: 10 }, { h: X.colTags, width: 16 },
  { h: X.colMergedInto, width: 14 }, { h: X.colReply, width: 40 }, { h: X.colQuickNote, width: 30 },
] as const;

/** Characters XML 1.0 cannot hold (and so no xlsx/docx either), plus bidi overrides. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xmlSafe = (s: string): string => s.replace(NOT_XML, '');

/** Every opinion, newest day first, `EXPORT_PAGE` at a time. */
export async function* opinionPages(store: OpinionStore): AsyncGenerator<Opinion[]> {
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const ids = await store.allPage(offset, EXPORT_PAGE);
    if (ids.length === 0) return;
    yield await store.getMany(ids);
    if (ids.length < EXPORT_PAGE) return;
  }
}

/** One detail row. Fields are chosen explicitly: nothing identifying leaves through here. */
export function detailRow(o: Opinion, targets: ReadonlyMap<string, string>): string[] {
  return [
    o.id, o.day, label(CATEGORIES, o.category), label(SOURCES, o.source), targets.get(o.target) ?? o.target, o.text,
    label(STATUSES, o.status), o.tags.join('、'), o.mergedInto ?? '', o.reply ?? '', o.quickNote ?? '',
  ].map((s) => xmlSafe(s).slice(0, 32_000)); // Excel holds at most 32,767 characters in a cell
}

const targetLabels = (campaign: ResolvedCampaign) => new Map(targetOptions(campaign.leaders).map((t) => [t.key, t.zh]));

function matrixRows(title: string, m: Matrix): (string | number)[][] {
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return [
    [title, ...m.cols.map((c) => c.label), X.total.zh],
    ...m.rows.map((r, i) => [r.label, ...m.cells[i], total(m.cells[i])]),
    [X.total.zh, ...m.cols.map((_, j) => total(m.cells.map((row) => row[j]))), total(m.cells.flat())],
  ];
}

/** The 汇总 sheet: every counter of the report, as label/count blocks and two matrices. */
export function summaryRows(r: OpinionReport): (string | number)[][] {
  const block = (title: string, rows: { label: string; count: number }[]) => [[title, X.count.zh], ...rows.map((x) => [x.label, x.count]), []];
  return [
    [X.item.zh, X.count.zh], [X.total.zh, r.total], [X.handled.zh, r.handled], [X.merged.zh, r.merged], [],
    ...block(X.byCategory.zh, r.byCategory), ...block(X.bySource.zh, r.bySource), ...block(X.byTarget.zh, r.byTarget),
    ...block(X.byStatus.zh, r.byStatus), ...block(X.byWeek.zh, r.weekly.map((w) => ({ label: w.week, count: w.count }))),
    ...matrixRows(X.categoryBySource.zh, r.categoryBySource), [],
    ...matrixRows(X.categoryByTarget.zh, r.categoryByTarget),
  ];
}

/** Collects a stream's bytes (the finished file is sent as one upload). */
function sink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, cb) { chunks.push(chunk); cb(); } });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** XLSX with 汇总 (the counters) and 明细 (one row per opinion), written with exceljs' streaming writer. */
export async function opinionsXlsx(store: OpinionStore, campaign: ResolvedCampaign): Promise<Buffer> {
  const report = await buildOpinionReport(store, campaign);
  const out = sink();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out.stream, useStyles: true, useSharedStrings: false });
  wb.creator = xmlSafe(campaign.campaign.name);

  const summary = wb.addWorksheet(X.sheetSummary.zh);
  summary.columns = [{ width: 22 }, ...Array.from({ length: 16 }, () => ({ width: 12 }))];
  for (const row of summaryRows(report)) summary.addRow(row.map((v) => (typeof v === 'string' ? xmlSafe(v) : v))).commit();
  summary.commit();

  const detail = wb.addWorksheet(X.sheetDetail.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = DETAIL_COLUMNS.map((c) => ({ header: c.h.zh, width: c.width, style: { alignment: { wrapText: c.width >= 30, vertical: 'top' } } }));
  const targets = targetLabels(campaign);
  for await (const page of opinionPages(store)) {
    for (const o of page) detail.addRow(detailRow(o, targets)).commit();
  }
  detail.commit();
  await wb.commit();
  return out.bytes();
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. A field that a
 * spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading `'` (OWASP CSV injection).
 */
export function csvField(value: string): string {
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** The 明细 rows as CSV: UTF-8 with a BOM (so Excel and WPS read Chinese), CRLF line ends. */
export async function opinionsCsv(store: OpinionStore, campaign: ResolvedCampaign): Promise<Buffer> {
  const chunks: Buffer[] = [Buffer.from(`\uFEFF${csvLine(DETAIL_COLUMNS.map((c) => c.h.zh))}`, 'utf8')];
  const targets = targetLabels(campaign);
  for await (const page of opinionPages(store)) {
    chunks.push(Buffer.from(page.map((o) => csvLine(detailRow(o, targets))).join(''), 'utf8'));
  }
  return Buffer.concat(chunks);
}

// The draft report (DESIGN §2.3): a .docx the office edits in WPS or Word. Fonts follow the usual
// official-document look (GB/T 9704): title 宋体 (方正小标宋 is rarely installed), headings 黑体,
// body 仿宋 三号 with fixed 28 pt lines; sizes are in half-points.
const D = msg.report.docx;
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const BODY = { font: font('仿宋'), size: 32 };
const LINES = { line: 560, lineRule: LineRuleType.EXACT };

const para = (text: string) => new Paragraph({ children: [new TextRun(xmlSafe(text))], indent: { firstLineChars: 200 }, spacing: LINES });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
const cell = (text: string | number, bold = false) => new TableCell({
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: xmlSafe(String(text)), bold, font: font('宋体'), size: 21 })] })],
});

function matrixTable(m: Matrix): Table {
  const rows = matrixRows(D.tableCorner.zh, m);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row, i) => new TableRow({ tableHeader: i === 0, children: row.map((v, j) => cell(v, i === 0 || j === 0)) })),
  });
}

const ORDINALS = '一二三四五六七八九十';
const ordinal = (i: number) => (i < 10 ? ORDINALS[i] : i < 20 ? `十${ORDINALS[i - 10] ?? ''}` : String(i + 1));

/** The draft 征求意见情况报告: 基本情况, 分类汇总 (category × source table), 主要问题, 下一步打算 (to fill in). */
export async function opinionReportDocx(report: OpinionReport, campaign: ResolvedCampaign): Promise<Buffer> {
  const nonZero = (rows: { label: string; count: number }[]) => rows.filter((r) => r.count > 0).map((r) => `${r.label} ${r.count} 条`).join('，') || '无';
  const name = xmlSafe(campaign.campaign.name);
  const groups = report.topGroups.length
    ? report.topGroups.map((g, i) => para(`（${ordinal(i)}）${g.text}（${D.groupNote(g.size, g.category).zh}）`))
    : [para(D.noGroups.zh)];
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: D.title(name).zh, font: font('宋体'), size: 44, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun(D.draft.zh)] }),
    heading(D.s1.zh),
    para(D.basic(report.total, report.handled, report.merged).zh),
    para(D.bySource(nonZero(report.bySource)).zh),
    para(D.byTarget(nonZero(report.byTarget)).zh),
    heading(D.s2.zh),
    para(D.byCategory(nonZero(report.byCategory)).zh),
    matrixTable(report.categoryBySource),
    heading(D.s3.zh),
    para(D.mainIntro.zh),
    ...groups,
    heading(D.s4.zh),
    ...D.nextSteps.map((p) => para(p.zh)),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600, ...LINES }, children: [new TextRun(D.signature(name).zh)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINES, children: [new TextRun(D.dateLine.zh)] }),
  ];
  const doc = new Document({
    creator: name,
    title: D.title(name).zh,
    styles: {
      default: {
        document: { run: BODY },
        heading1: { run: { font: font('黑体'), size: 32, bold: false, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, indent: { firstLineChars: 200 } } },
      },
    },
    sections: [{
      properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, // 37/35/28/26 mm
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
