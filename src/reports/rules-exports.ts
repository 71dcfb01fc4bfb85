import { loadExcel } from './excel.js';
import type { Rule } from '../domain/rules/rule.js';
import { msg } from '../messages/index.js';
import { xmlSafe } from './exports.js';

/**
 * The 建章立制 register as XLSX (DESIGN §2.9), in the usual columns: 序号, 制度名称, 类别（立改废）, 牵头人, 完成时限,
 * 状态, 印发日期, 关联整改事项 (the problems of the linked ledger items, one a line). Named records only.
 */

const R = msg.rules;

export const RULES_COLUMNS = ['序号', '制度名称', '类别（立改废）', '牵头人', '完成时限', '状态', '印发日期', '关联整改事项'] as const;

interface RulesExportOpts {
  title: string;
  nameOf: (openId: string) => string;
  /** A linked ledger item's 序号 and problem (undefined when it is gone). */
  item: (id: string) => { seq: number; problem: string } | undefined;
}

const cell = (s: string) => xmlSafe(s).slice(0, 32_000);

/** One row of the register, in the columns above. */
export function ruleRow(rule: Rule, o: Pick<RulesExportOpts, 'nameOf' | 'item'>): (string | number)[] {
  const items = rule.items.map(o.item).filter((i) => i !== undefined).map((i) => `#${i.seq} ${i.problem}`);
  return [
    rule.seq, cell(rule.name), R.kinds[rule.kind].zh, cell(o.nameOf(rule.owner)), rule.due, R.states[rule.state].zh,
    rule.issuedOn ?? '', cell(items.join('\n')),
  ];
}

/** Every rule, 序号 order; drafts included (the office's working copy), marked by their state. */
export async function rulesXlsx(rules: readonly Rule[], o: RulesExportOpts): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(R.export.sheet.zh);
  ws.columns = [8, 36, 14, 12, 14, 10, 14, 50].map((width) => ({ width }));
  ws.addRow([cell(o.title)]).font = { bold: true, size: 14 };
  ws.addRow([...RULES_COLUMNS]).font = { bold: true };
  for (const rule of [...rules].sort((a, b) => a.seq - b.seq)) ws.addRow(ruleRow(rule, o)).alignment = { wrapText: true, vertical: 'top' };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
