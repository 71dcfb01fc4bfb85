import { Writable } from 'node:stream';
import { loadExcel } from './excel.js';
import type { ResolvedCampaign } from '../campaign.js';
import { CATEGORIES, label, SOURCES, STATUSES, targetOptions } from '../domain/opinions/opinion.js';
import { msg } from '../messages/index.js';
import type { Opinion, OpinionStore } from '../store/opinions.js';
import { buildOpinionReport, type Matrix, type OpinionReport } from './opinion-report.js';

/**
 * Opinion exports for admins and supervisors. They never carry who wrote an opinion, not even for
 * named ones: the detail columns are picked one by one below (no submitter, no forwarded-to ids).
 * Opinions are read a page at a time, so memory stays flat however many there are.
 */

const EXPORT_PAGE = 500;
const X = msg.report.xlsx;
const DETAIL_COLUMNS = [
  { h: X.colId, width: 14 }, { h: X.colDay, width: 12 }, { h: X.colCategory, width: 10 }, { h: X.colSource, width: 16 },
  { h: X.colTarget, width: 18 }, { h: X.colText, width: 60 }, { h: X.colStatus, width: 10 }, { h: X.colTags, width: 16 },
  { h: X.colMergedInto, width: 14 }, { h: X.colReply, width: 40 }, { h: X.colQuickNote, width: 30 },
] as const;

/** Characters XML 1.0 cannot hold (and so no xlsx/docx either), plus bidi overrides. */
const NOT_XML = new RegExp(
  String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]` +
    String.raw`|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`,
  'g',
);
export const xmlSafe = (s: string): string => s.replace(NOT_XML, '');

/** Every opinion, newest day first, `EXPORT_PAGE` at a time. */
async function* opinionPages(store: OpinionStore): AsyncGenerator<Opinion[]> {
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const ids = await store.allPage(offset, EXPORT_PAGE);
    if (ids.length === 0) return;
    yield await store.getMany(ids);
    if (ids.length < EXPORT_PAGE) return;
  }
}

/** One detail row. Fields are chosen explicitly: nothing identifying leaves through here. */
function detailRow(o: Opinion, targets: ReadonlyMap<string, string>): string[] {
  return [
    o.id, o.day, label(CATEGORIES, o.category), label(SOURCES, o.source), targets.get(o.target) ?? o.target, o.text,
    label(STATUSES, o.status), o.tags.join('、'), o.mergedInto ?? '', o.reply ?? '', o.quickNote ?? '',
  ].map((s) => xmlSafe(s).slice(0, 32_000)); // Excel holds at most 32,767 characters in a cell
}

const targetLabels = (campaign: ResolvedCampaign) => new Map(targetOptions(campaign.leaders).map((t) => [t.key, t.zh]));

export function matrixRows(title: string, m: Matrix): (string | number)[][] {
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return [
    [title, ...m.cols.map((c) => c.label), X.total.zh],
    ...m.rows.map((r, i) => [r.label, ...m.cells[i], total(m.cells[i])]),
    [X.total.zh, ...m.cols.map((_, j) => total(m.cells.map((row) => row[j]))), total(m.cells.flat())],
  ];
}

/** The 汇总 sheet: every counter of the report, as label/count blocks and two matrices. */
function summaryRows(r: OpinionReport): (string | number)[][] {
  const block = (title: string, rows: { label: string; count: number }[]) =>
    [[title, X.count.zh], ...rows.map((x) => [x.label, x.count]), []];
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
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out.stream, useStyles: true, useSharedStrings: false });
  wb.creator = xmlSafe(campaign.campaign.name);

  const summary = wb.addWorksheet(X.sheetSummary.zh);
  summary.columns = [{ width: 22 }, ...Array.from({ length: 16 }, () => ({ width: 12 }))];
  for (const row of summaryRows(report)) summary.addRow(row.map((v) => (typeof v === 'string' ? xmlSafe(v) : v))).commit();
  summary.commit();

  const detail = wb.addWorksheet(X.sheetDetail.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = DETAIL_COLUMNS.map((c) => ({
    header: c.h.zh, width: c.width, style: { alignment: { wrapText: c.width >= 30, vertical: 'top' } },
  }));
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
