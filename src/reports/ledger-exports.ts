import { loadExcel } from './excel.js';
import { localParts } from '../domain/calendar.js';
import { displayFlag, type LedgerItem } from '../domain/ledger/item.js';
import { msg } from '../messages/index.js';
import { xmlSafe } from './exports.js';

/**
 * The 整改台账 as XLSX (DESIGN §2.6), with the usual columns of the ledger a campaign office hands in:
 * 序号, 问题, 来源, 类别, 整改目标, 整改措施, 责任领导, 责任人, 完成时限, 整改进度, 完成情况, 销号情况,
 * then 协办人, 公开承诺, 佐证材料. Named records only (owners and leaders are public in the ledger);
 * an opinion source is named by its record id, never by its writer; an evaluation or a 生活会 by its title.
 */

const L = msg.ledger;

export const LEDGER_COLUMNS = ['序号', '问题', '来源', '类别', '整改目标', '整改措施', '责任领导', '责任人', '完成时限', '整改进度', '完成情况', '销号情况',
  '协办人', '公开承诺', '佐证材料'] as const;

interface LedgerExportOpts {
  nameOf: (openId: string) => string;
  timeZone: string;
  now: number;
  /** Titles of evaluation rounds a source may refer to. */
  roundTitle?: (roundId: string) => string | undefined;
  /** Titles of the 生活会 a measure came from. */
  meetingTitle?: (meetingId: string) => string | undefined;
}

/** The source's reference as the office reads it: a round's or a meeting's title (its id when it is gone). */
function sourceRef(s: LedgerItem['source'], o: LedgerExportOpts): string {
  if (!s.ref) return '';
  if (s.kind === 'evaluation') return o.roundTitle?.(s.ref) ?? s.ref;
  if (s.kind === 'meeting') return o.meetingTitle?.(s.ref) ?? s.ref;
  return s.ref;
}

/** Excel holds at most 32,767 characters in a cell. */
const cell = (s: string) => xmlSafe(s).slice(0, 32_000);

function ledgerRow(item: LedgerItem, o: LedgerExportOpts): (string | number)[] {
  const day = (ms: number) => localParts(ms, o.timeZone).day;
  const ref = sourceRef(item.source, o);
  const source = `${L.sources[item.source.kind].zh}${ref ? `（${ref}）` : ''}`;
  const progress = item.progress.map((p) => `${day(p.at)} ${o.nameOf(p.by)}：${p.text}${p.link ? `（${p.link}）` : ''}`).join('\n');
  const flag = displayFlag(item, o.now, o.timeZone);
  const done = [`${L.statuses[item.status].zh}${flag ? `（${L.flags[flag].zh}）` : ''}`, item.summary ?? ''].filter(Boolean).join('：');
  const closedAt = [...item.history].reverse().find((h) => h.what === 'close');
  const signOff = item.status === 'closed'
    ? `已销号${closedAt ? ` ${day(closedAt.at)}（${o.nameOf(closedAt.by)}）` : ''}${item.review ? `：${item.review}` : ''}`
    : item.status === 'review' ? '待销号' : '未销号';
  return [
    item.seq, cell(item.problem), cell(source), L.winds[item.wind].zh, cell(item.goal), cell(item.measures), cell(o.nameOf(item.leader)),
    cell(o.nameOf(item.owner)), item.deadline ?? (item.needsDeadline ? L.flags.needsDeadline.zh : ''), cell(progress), cell(done),
    cell(signOff), cell(item.coOwners.map(o.nameOf).join('、')), cell(item.commitment), cell(item.evidence.join('\n')),
  ];
}

/** Every item, 序号 order; drafts included (the office's working copy), marked by their status. */
export async function ledgerXlsx(items: readonly LedgerItem[], o: LedgerExportOpts & { title: string }): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改台账');
  ws.columns = [8, 40, 18, 10, 30, 30, 12, 12, 12, 40, 24, 24, 16, 30, 30].map((width) => ({ width }));
  ws.addRow([cell(o.title)]).font = { bold: true, size: 14 };
  const header = ws.addRow([...LEDGER_COLUMNS]);
  header.font = { bold: true };
  for (const item of [...items].sort((a, b) => a.seq - b.seq)) {
    const row = ws.addRow(ledgerRow(item, o));
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
