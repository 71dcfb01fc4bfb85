import {
  AlignmentType, Document, HeadingLevel, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { ResolvedCampaign } from '../campaign.js';
import { msg } from '../messages/index.js';
import { matrixRows, xmlSafe } from './exports.js';
import type { Matrix, OpinionReport } from './opinion-report.js';

/**
 * The draft 征求意见情况报告 as .docx. Its own module, imported when a .docx is asked for (jobs/export.ts),
 * so the docx package is not loaded by every process at start.
 */

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
  children: [new Paragraph({
    alignment: AlignmentType.CENTER, children: [new TextRun({ text: xmlSafe(String(text)), bold, font: font('宋体'), size: 21 })],
  })],
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
  const nonZero = (rows: { label: string; count: number }[]) =>
    rows.filter((r) => r.count > 0).map((r) => `${r.label} ${r.count} 条`).join('，') || '无';
  const name = xmlSafe(campaign.campaign.name);
  const groups = report.topGroups.length
    ? report.topGroups.map((g, i) => para(`（${ordinal(i)}）${g.text}（${D.groupNote(g.size, g.category).zh}）`))
    : [para(D.noGroups.zh)];
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { after: 200 },
      children: [new TextRun({ text: D.title(name).zh, font: font('宋体'), size: 44, bold: true })],
    }),
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
        heading1: {
          run: { font: font('黑体'), size: 32, bold: false, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, indent: { firstLineChars: 200 } },
        },
      },
    },
    sections: [{
      properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, // 37/35/28/26 mm
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
