import { boardGatedCard, boardMovedCard, ledgerBoardCard } from '../../../cards/board/board.js';
import type { Card } from '../../../cards/types.js';
import { countItems, type BoardItem } from '../../../src/domain/board/board.js';

/**
 * View models for the public board (公示) cards. The hostile strings mirror HOSTILE in card-cases.ts
 * (not imported: that file spreads this one) plus what only a board line meets: controls, bidi
 * overrides, lone surrogates, 4-byte characters, 1,000-character texts.
 */
export const BOARD_HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990),
  '\u0000\u0007"\\\u2066x\uD800', '😀'.repeat(1000), '"\\'.repeat(500)];
const hostile = (i: number) => BOARD_HOSTILE[i % BOARD_HOSTILE.length];

/** `n` items with hostile text everywhere a user typed, every status and flag. */
export function boardItems(n: number, text: (i: number) => string = hostile): BoardItem[] {
  const statuses = ['active', 'review', 'closed', 'active'] as const;
  const flags = [undefined, 'dueSoon', 'overdue', 'needsDeadline'] as const;
  return Array.from({ length: n }, (_, i) => ({
    id: `item_${String(i + 1).padStart(6, '0')}`, seq: i + 1, problem: text(i), commitment: text(i + 1),
    owner: text(i + 2).slice(0, 50), leader: text(i + 3).slice(0, 50), deadline: i % 4 === 3 ? undefined : '2027-06-30',
    status: statuses[i % 4], flag: flags[i % 4],
  }));
}

const items = boardItems(20);
const meta = (pageNo: number, pages: number, campaignName = '群众路线教育实践活动') =>
  ({ campaignName, pageNo, pages, updatedAt: '2027-03-01 09:30', counts: countItems(items) });

export const BOARD_CASES: Record<string, (() => Card)[]> = {
  ledgerBoardCard: [
    () => ledgerBoardCard(items, meta(1, 3, BOARD_HOSTILE.join(' '))),
    () => ledgerBoardCard(items.slice(0, 7), meta(2, 3)),
    () => ledgerBoardCard(items, { ...meta(1, 1), locale: 'en' }),
    () => ledgerBoardCard([], meta(1, 1)),
    () => ledgerBoardCard([], meta(4, 3)),
    () => ledgerBoardCard(boardItems(20, () => '长'.repeat(1000)), meta(3, 10)),
  ],
  boardGatedCard: [
    () => boardGatedCard({ campaignName: BOARD_HOSTILE.join(' ') }),
    () => boardGatedCard({ campaignName: '群众路线教育实践活动' }),
    () => boardGatedCard({ campaignName: 'Campaign', locale: 'en' }),
  ],
  boardMovedCard: [
    () => boardMovedCard({ campaignName: BOARD_HOSTILE.join(' '), movedAt: '2027-03-14 09:30' }),
    () => boardMovedCard({ campaignName: 'Campaign', movedAt: '2027-03-14 09:30', locale: 'en' }),
  ],
};
