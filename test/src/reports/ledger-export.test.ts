import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { ledgerItemSchema, type LedgerItem } from '../../../src/domain/ledger/item.js';
import { lookbackItems, mayCheck, parseReason, tally, type Lookback } from '../../../src/domain/ledger/lookback.js';
import { LEDGER_COLUMNS, ledgerXlsx } from '../../../src/reports/ledger-exports.js';

const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2027-07-10T02:00:00Z');
const names: Record<string, string> = { ou_owner: '李明', ou_leader: '赵副主席', ou_co: '张华', ou_admin: '刘主任' };
const nameOf = (id: string) => names[id] ?? id;

function item(i: number, over: Partial<LedgerItem> = {}): LedgerItem {
  const base = newItem({
    problem: `问题${i} =HYPERLINK("x")\u0001`, source: { kind: 'evaluation', ref: 'round_0001' }, wind: 'formalism', goal: '目标',
    measures: '措施', owner: 'ou_owner', leader: 'ou_leader', coOwners: ['ou_co'], deadline: '2027-07-01', milestones: [],
    commitment: '公开承诺', linkedRounds: [],
  }, `item_${String(i).padStart(6, '0')}`, { by: 'ou_admin', now: NOW - 86_400_000 });
  return ledgerItemSchema.parse({ ...base, seq: i, status: 'active', ...over });
}

describe('the ledger export (整改台账 XLSX)', () => {
  it('has the usual 台账 columns and one row per item in 序号 order, formula-like text kept as text', async () => {
    const closed = item(1, {
      status: 'closed', summary: '已整改', review: '同意销号', evidence: ['https://example.feishu.cn/docx/abc'],
      progress: [{ at: NOW - 3 * 86_400_000, by: 'ou_owner', text: '制定了制度', link: 'https://example.feishu.cn/docx/p' }],
      history: [{ at: NOW - 86_400_000, by: 'ou_leader', what: 'close', from: 'review', to: 'closed' }],
    });
    const overdue = item(2);
    const buf = await ledgerXlsx([overdue, closed], {
      title: '台账', nameOf, timeZone: TZ, now: NOW, roundTitle: (id) => (id === 'round_0001' ? '满意度测评' : undefined),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('整改台账')!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual([...LEDGER_COLUMNS]);
    expect(LEDGER_COLUMNS.slice(0, 12)).toEqual(['序号', '问题', '来源', '类别', '整改目标', '整改措施', '责任领导', '责任人', '完成时限', '整改进度', '完成情况', '销号情况']);
    const first = row(3);
    expect(first[0]).toBe(1);
    expect(first[1]).toBe('问题1 =HYPERLINK("x")');
    expect(first[2]).toBe('测评（满意度测评）');
    expect(first[6]).toBe('赵副主席');
    expect(first[7]).toBe('李明');
    expect(first[9]).toContain('李明：制定了制度');
    expect(first[10]).toBe('已销号：已整改');
    expect(first[11]).toContain('已销号 2027-07-09（赵副主席）：同意销号');
    expect(first[12]).toBe('张华');
    const second = row(4);
    expect(second[0]).toBe(2);
    expect(second[10]).toBe('整改中（逾期）');
    expect(second[11]).toBe('未销号');
    expect(ws.actualRowCount).toBe(4);
  });

  it('names a meeting-sourced item by the meeting’s title, never its id (the id only when the meeting is gone)', async () => {
    const fromMeeting = item(1, { source: { kind: 'meeting', ref: 'meet_0000001', person: 'ou_owner' } });
    const orphan = item(2, { source: { kind: 'meeting', ref: 'meet_gone_01', person: 'ou_owner' } });
    const buf = await ledgerXlsx([fromMeeting, orphan], {
      title: '台账', nameOf, timeZone: TZ, now: NOW, meetingTitle: (id) => (id === 'meet_0000001' ? '班子专题民主生活会' : undefined),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('整改台账')!;
    expect(ws.getRow(3).getCell(3).value).toBe('生活会（班子专题民主生活会）');
    expect(ws.getRow(4).getCell(3).value).toBe('生活会（meet_gone_01）');
  });
});

describe('回头看, pure parts', () => {
  const lb: Lookback = { id: 'lb_abcdefgh', startedAt: NOW, startedBy: 'ou_admin', items: [
    { id: 'item_000001', seq: 1, leader: 'ou_leader' }, { id: 'item_000002', seq: 2, leader: 'ou_other' }] };

  it('re-checks signed-off items only, in 序号 order', () => {
    expect(lookbackItems([item(3, { status: 'closed' }), item(1, { status: 'closed' }), item(2), item(4, { status: 'review' })])
      .map((i) => i.seq)).toEqual([1, 3]);
  });

  it('lets the responsible leader or an admin check an item, nobody else', () => {
    expect(mayCheck(lb, 'item_000001', { openId: 'ou_leader', roles: ['leader', 'anyone'] })).toBe(true);
    expect(mayCheck(lb, 'item_000002', { openId: 'ou_leader', roles: ['leader', 'anyone'] })).toBe(false);
    expect(mayCheck(lb, 'item_000002', { openId: 'ou_x', roles: ['admin', 'anyone'] })).toBe(true);
    expect(mayCheck(lb, 'item_000002', { openId: 'ou_s', roles: ['supervisor', 'anyone'] })).toBe(false);
    expect(mayCheck(lb, 'item_nothere', { openId: 'ou_x', roles: ['admin', 'anyone'] })).toBe(false);
  });

  it('tallies outcomes and validates the reason', () => {
    const out = new Map([['item_000001', { result: 'reopened' as const, by: 'ou_leader', at: NOW, reason: 'x' }]]);
    expect(tally(lb, out)).toEqual({ total: 2, holds: 0, reopened: 1, pending: 1, done: false });
    expect(parseReason({ r: '  反弹了 ' }, 'r')).toBe('反弹了');
    expect(parseReason({ r: '   ' }, 'r')).toBeUndefined();
    expect(parseReason({ r: 'x'.repeat(501) }, 'r')).toBeUndefined();
    expect(parseReason(undefined, 'r')).toBeUndefined();
  });
});
