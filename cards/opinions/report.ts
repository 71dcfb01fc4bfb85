import { msg, t } from '../../src/messages/index.js';
import type { CountRow, OpinionReport } from '../../src/reports/opinion-report.js';
import { button, card, chart, columns, div, hr, md, noteText, table } from '../components.js';
import type { Card, CardElement } from '../types.js';

interface OpinionReportCardOpts {
  campaignName: string;
  /** The campaign day the report was made (YYYY-MM-DD). */
  day: string;
  /** Rows of the merged-groups table (default 10). */
  maxGroups?: number;
  /** Latest weeks in the trend chart (default 26). */
  maxWeeks?: number;
  /** Bars in the by-target chart; the rest are summed into one bar (default 12). */
  maxTargets?: number;
}

const R = msg.report;

function barChart(title: string, rows: { label: string; count: number }[]): CardElement {
  return chart({
    type: 'bar', direction: 'horizontal',
    title: { visible: true, text: title },
    data: { values: rows.map((r) => ({ name: r.label, count: r.count })) },
    xField: 'count', yField: 'name',
    label: { visible: true },
  }, { aspect_ratio: rows.length > 8 ? '1:1' : '4:3' });
}

function pieChart(title: string, rows: CountRow[]): CardElement {
  return chart({
    type: 'pie',
    title: { visible: true, text: title },
    data: { values: rows.filter((r) => r.count > 0).map((r) => ({ name: r.label, count: r.count })) },
    valueField: 'count', categoryField: 'name',
    outerRadius: 0.8, innerRadius: 0.5,
    label: { visible: true },
    legends: { visible: true, orient: 'bottom' },
  }, { aspect_ratio: '1:1' });
}

function lineChart(title: string, weeks: { week: string; count: number }[]): CardElement {
  const oneYear = new Set(weeks.map((w) => w.week.slice(0, 4))).size <= 1;
  return chart({
    type: 'line',
    title: { visible: true, text: title },
    data: { values: weeks.map((w) => ({ week: oneYear ? w.week.slice(5) : w.week, count: w.count })) },
    xField: 'week', yField: 'count',
    point: { visible: true },
    label: { visible: weeks.length <= 12 },
  }, { aspect_ratio: '16:9' });
}

/** The largest `max - 1` rows, and the rest summed into one row (charts stay readable on a phone). */
function capRows(rows: CountRow[], max: number): { label: string; count: number }[] {
  const nonZero = rows.filter((r) => r.count > 0);
  if (nonZero.length <= max) return nonZero;
  const sorted = [...nonZero].sort((a, b) => b.count - a.count);
  const rest = sorted.slice(max - 1).reduce((n, r) => n + r.count, 0);
  return [...sorted.slice(0, max - 1), { label: t(R.otherTargets), count: rest }];
}

/** The report for admins and supervisors: summary, up to four charts, the main merged issues, exports. */
export function opinionReportCard(report: OpinionReport, opts: OpinionReportCardOpts): Card {
  const { maxGroups = 10, maxWeeks = 26, maxTargets = 12 } = opts;
  const pct = report.total ? Math.round((report.handled / report.total) * 100) : 0;
  const elements: CardElement[] = [
    md(t(R.summary(report.total, report.handled, pct))),
  ];
  if (report.merged > 0) elements.push(noteText(t(R.mergedLine(report.merged))));
  elements.push(noteText(report.byStatus.map((s) => `${s.label} ${s.count}`).join(' · ')));

  if (report.total === 0) {
    elements.push(div(t(R.empty)));
  } else {
    elements.push(barChart(t(R.chartCategory), report.byCategory));
    elements.push(pieChart(t(R.chartSource), report.bySource));
    const weeks = report.weekly.slice(-maxWeeks);
    if (weeks.length > 0) elements.push(lineChart(t(R.chartWeekly), weeks));
    if (report.weekly.length > weeks.length) elements.push(noteText(t(R.weeksCapped(weeks.length))));
    elements.push(barChart(t(R.chartTarget), capRows(report.byTarget, maxTargets)));
  }

  elements.push(md(`**${t(R.topGroups)}**`));
  const groups = report.topGroups.slice(0, maxGroups);
  if (groups.length === 0) {
    elements.push(noteText(t(R.noGroups)));
  } else {
    // Table cells of type `text` render literally: the opinion text is never markdown here.
    elements.push(table({
      // Lark column widths: auto, [80,600]px or a percentage (table doc).
      columns: [{ key: 'issue', label: t(R.colIssue), width: 'auto' }, { key: 'size', label: t(R.colSize), type: 'number', width: '80px' }],
      rows: groups.map((g) => ({ issue: `${g.text}（${g.category}）`, size: g.size })),
      pageSize: 5,
    }));
    if (report.topGroups.length > groups.length) elements.push(noteText(t(R.moreGroups(report.topGroups.length - groups.length))));
  }

  elements.push(hr());
  elements.push(columns([
    [button(t(R.exportXlsx), { a: 'rp.export', format: 'xlsx' }, { type: 'primary', width: 'fill' })],
    [button(t(R.exportCsv), { a: 'rp.export', format: 'csv' }, { width: 'fill' })],
    [button(t(R.exportDocx), { a: 'rp.export', format: 'docx' }, { width: 'fill' })],
  ], 'flow'));
  elements.push(noteText(t(R.exportNote)));

  return card({
    title: t(R.title),
    subtitle: `${opts.campaignName} · ${opts.day}`,
    template: 'blue',
    summary: t(R.title),
    elements,
  });
}
