import { describe, expect, it } from 'vitest';
import { BOARD_MAX_BYTES, boardPageFits, boardText, ledgerBoardCard } from '../../../cards/board/board.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import type { Card } from '../../../cards/types.js';
import { contentHash, countItems, pageBoard, publicItems, type BoardItem } from '../../../src/domain/board/board.js';
import { boardMessageKey } from '../../../handlers/board/outbox-keys.js';
import { BOARD_HOSTILE, boardItems } from '../../helpers/card-cases/board.js';

const NAME = '群众路线教育实践活动'.repeat(10);
const fits = (p: BoardItem[]) => boardPageFits(p, NAME);

function cards(items: BoardItem[]): Card[] {
  const pages = pageBoard(items, fits);
  const counts = countItems(items);
  return pages.map((p, i) => ledgerBoardCard(
    p, { campaignName: NAME, pageNo: i + 1, pages: pages.length, updatedAt: '2027-03-01 09:30', counts },
  ));
}

function countTagged(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countTagged(x), 0);
  if (!v || typeof v !== 'object') return 0;
  return (typeof (v as { tag?: unknown }).tag === 'string' ? 1 : 0) + Object.values(v).reduce((n: number, x) => n + countTagged(x), 0);
}

/** The 序号 of every item line on a card ("12. problem"). */
function seqsOn(card: Card): number[] {
  const out: number[] = [];
  for (const el of card.body.elements) {
    if (el.tag !== 'div') continue;
    const m = /^(\d+)\. /.exec(el.text.content);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

const long = (ch: string) => () => ch.repeat(1000);

describe('the public board cards', () => {
  for (const [what, text] of [
    ['hostile', undefined], ['1,000 CJK characters', long('长')], ['1,000 emoji', long('😀')], ['quotes and backslashes', long('"\\')],
  ] as const) {
    it(`200 items of ${what}: every page valid, under 30 KB and 200 components, every item exactly once`, () => {
      const items = boardItems(200, text);
      const all = cards(items);
      expect(all.length).toBeGreaterThanOrEqual(10);
      for (const c of all) {
        expect(validateCard(c)).toEqual([]);
        expect(cardBytes(c)).toBeLessThanOrEqual(BOARD_MAX_BYTES);
        expect(countTagged(c)).toBeLessThanOrEqual(CARD_LIMITS.maxComponents);
      }
      const seqs = all.flatMap(seqsOn);
      expect(seqs).toEqual(items.map((i) => i.seq));
    });
  }

  it('puts user text in plain text only, clipped, with controls and bidi overrides removed', () => {
    const c = ledgerBoardCard(
      boardItems(9), { campaignName: 'x', pageNo: 1, pages: 1, updatedAt: 'now', counts: countItems(boardItems(9)) },
    );
    const json = JSON.stringify(c);
    expect(c.body.elements.filter((e) => e.tag === 'markdown')).toEqual([]);
    expect(json).toContain('<script>alert(1)</script>');
    expect(json).not.toMatch(/[\u0000-\u0008\u202E\u2066]|\\u0000|\\u0007|\\ud800/);
    expect(boardText('a\n\nb\tc', 10)).toBe('a b c');
    expect([...boardText('长'.repeat(1000), 100)]).toHaveLength(100);
    expect(boardText(BOARD_HOSTILE[6], 100)).toBe('"\\x');
  });

  it('shows 序号, commitment, owner, leader, deadline and a coloured status', () => {
    const item: BoardItem = {
      id: 'i1', seq: 7, problem: '会议多', commitment: '每月压减会议', owner: '张三', leader: '李四', deadline: '2027-06-30',
      status: 'active', flag: 'overdue',
    };
    const c = ledgerBoardCard(
      [item, { ...item, seq: 8, status: 'closed', flag: undefined }, { ...item, seq: 9, flag: 'needsDeadline', deadline: undefined }],
      { campaignName: 'x', pageNo: 1, pages: 1, updatedAt: '2027-03-01 09:30', counts: { active: 2, review: 0, closed: 1, overdue: 1 } },
    );
    const divs = c.body.elements.flatMap((e) => (e.tag === 'div' ? [e.text] : []));
    expect(divs.map((d) => d.content))
      .toEqual(expect.arrayContaining(['7. 会议多', '承诺：每月压减会议', '责任人 张三 · 责任领导 李四 · 期限 2027-06-30 · 整改中 · 逾期']));
    expect(divs.find((d) => d.content.endsWith('逾期'))?.text_color).toBe('red');
    expect(divs.find((d) => d.content.endsWith('已销号'))?.text_color).toBe('green');
    expect(divs.find((d) => d.content.endsWith('待定期限'))).toMatchObject({ text_color: 'orange', content: expect.stringContaining('期限 待定') });
    expect(divs.some((d) => d.content.includes('整改中 2 · 待销号 0 · 已销号 1 · 逾期 1'))).toBe(true);
  });

  it('counts on page 1 only, and says when nothing is public or a page is left over', () => {
    const counts = { active: 1, review: 0, closed: 0, overdue: 0 };
    const p2 = JSON.stringify(ledgerBoardCard(boardItems(3), { campaignName: 'x', pageNo: 2, pages: 2, updatedAt: 't', counts }));
    expect(p2).not.toContain('整改中 1');
    expect(p2).toContain('第 2 / 2 页');
    expect(JSON.stringify(ledgerBoardCard([], { campaignName: 'x', pageNo: 1, pages: 1, updatedAt: 't', counts }))).toContain('暂无公示');
    const none = JSON.stringify(ledgerBoardCard([], { campaignName: 'x', pageNo: 3, pages: 2, updatedAt: 't', counts }));
    expect(none).toContain('（无）');
    expect(none).not.toContain('第 3 / 2 页');
  });
});

describe('board paging', () => {
  it('leaves drafts out and orders by 序号', () => {
    const items = boardItems(6).map((i, n) => ({ ...i, seq: 10 - n, status: n % 2 ? 'draft' as const : i.status }));
    expect(publicItems(items).map((i) => i.seq)).toEqual([6, 8, 10]);
    expect(pageBoard(items, () => true).flat().map((i) => i.seq)).toEqual([6, 8, 10]);
    expect(countItems(items)).toEqual({ active: 2, review: 0, closed: 1, overdue: 0 });
    expect(pageBoard([], () => true)).toEqual([[]]);
  });

  it('pages are fixed runs of 20 by 序号: an edit to item 37 changes only its page (and page 1 for counts)', () => {
    const items = boardItems(200, (i) => `问题${i}`);
    const before = cards(items).map((c) => contentHash(c));
    const edited = items.map((i) => (i.seq === 37 ? { ...i, commitment: '改了' } : i));
    const after = cards(edited).map((c) => contentHash(c));
    expect(after.map((h, n) => h !== before[n])).toEqual(before.map((_, n) => n === 1));
    const status = items.map((i) => (i.seq === 37 ? { ...i, status: 'closed' as const, flag: undefined } : i));
    const afterStatus = cards(status).map((c) => contentHash(c));
    expect(afterStatus.flatMap((h, n) => (h !== before[n] ? [n + 1] : []))).toEqual([1, 2]);
  });

  it('a run too big for one card is cut, and later runs keep their boundaries', () => {
    const items = boardItems(50, (i) => `p${i}`);
    // Pretend items 1–20 are huge: at most 6 of them fit on a card.
    const pages = pageBoard(items, (p) => p.filter((i) => i.seq <= 20).length <= 6);
    expect(pages.map((p) => p.length)).toEqual([6, 6, 6, 2, 20, 10]);
    expect(pages[4][0].seq).toBe(21);
    expect(pages.flat().map((i) => i.seq)).toEqual(items.map((i) => i.seq));
  });

  it('message keys are deterministic per generation and page', () => {
    expect(boardMessageKey(3, 12)).toBe('board-3-p12');
  });
});
