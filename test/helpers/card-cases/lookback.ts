import {
  lookbackCheckCard, lookbackMovedCard, lookbackSummaryCard, LOOKBACK_PAGE_SIZE, type LookbackCheckRow,
} from '../../../cards/ledger/lookback.js';
import type { Card } from '../../../cards/types.js';

/** View models for the 回头看 cards, hostile text included (problem, names, reasons are user text). */

const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` &amp; \u202Eevil', '长'.repeat(1000)];
const h = (i: number) => HOSTILE[i % HOSTILE.length]!;

function row(i: number, checked: 'none' | 'holds' | 'reopened'): LookbackCheckRow {
  return {
    id: `item_${String(i).padStart(6, '0')}`, seq: i + 1, problem: h(i), owner: h(i + 1), summary: h(i + 2), review: h(i + 3),
    ...(checked === 'none' ? {} : {
      outcome: {
        result: checked, by: 'ou_leader_wang', at: 0, byName: h(i + 4), day: '2027-09-01',
        ...(checked === 'reopened' ? { reason: h(i).slice(0, 500) } : {}),
      },
    }),
  };
}

const rows = (n: number, mix = false) =>
  Array.from({ length: n }, (_, i) => row(i, mix ? (['none', 'holds', 'reopened'] as const)[i % 3]! : 'none'));
const tally = (total: number, holds: number, reopened: number) =>
  ({ total, holds, reopened, pending: total - holds - reopened, done: holds + reopened === total });

export const LOOKBACK_CASES: Record<string, (() => Card)[]> = {
  lookbackMovedCard: [() => lookbackMovedCard()],
  lookbackCheckCard: [
    () => lookbackCheckCard({ lookbackId: 'lb_abcdefgh', rows: rows(1), page: 0, pages: 1 }),
    () => lookbackCheckCard({ lookbackId: 'lb_abcdefgh', rows: rows(LOOKBACK_PAGE_SIZE), page: 1, pages: 3 }),
    () => lookbackCheckCard({ lookbackId: 'lb_abcdefgh', rows: rows(LOOKBACK_PAGE_SIZE, true), page: 0, pages: 1 }),
  ],
  lookbackSummaryCard: [
    () => lookbackSummaryCard({
      lookbackId: 'lb_abcdefgh', startedBy: h(0), startedAt: '2027-09-01 10:00', tally: tally(0, 0, 0), reopened: [], pending: [],
    }),
    () => lookbackSummaryCard({
      lookbackId: 'lb_abcdefgh', startedBy: h(1), startedAt: '2027-09-01 10:00', tally: tally(300, 100, 100),
      reopened: Array.from({ length: 100 }, (_, i) => ({ seq: i + 1, problem: h(i), leader: h(i + 1), reason: h(i + 2).slice(0, 500) })),
      pending: Array.from({ length: 100 }, (_, i) => ({ seq: i + 101, problem: h(i), leader: h(i + 1) })),
    }),
    () => lookbackSummaryCard({
      lookbackId: 'lb_abcdefgh', startedBy: 'x', startedAt: '2027-09-01 10:00', tally: tally(3, 3, 0), reopened: [], pending: [],
    }),
  ],
};
