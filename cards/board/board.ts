import type { BoardCounts, BoardItem } from '../../src/domain/board/board.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import { card, clip, div, hr, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { cardBytes, validateCard } from '../validate.js';

/**
 * The public board (公示) in the announce chat (DESIGN §2.6): one card per page of items, read on
 * phones. Per item: 序号 and problem, the commitment, then owner, leader, deadline and status on a
 * line coloured by status (逾期 red; 即将到期 / 待定期限 orange; 已销号 green). Everything users wrote
 * is plain text (`div`), clipped; three text blocks and a rule per item keep 20 items under the
 * 200-component limit.
 */

const B = msg.board;

/** Characters of the problem and of the commitment shown per item (the ledger keeps up to 1,000). */
const BOARD_TEXT_MAX = 100;
const NAME_MAX = 20;
/** Pages are cut to stay below this many bytes of card JSON (Lark: 30 KB per request body). */
export const BOARD_MAX_BYTES = 28 * 1024;

interface BoardMeta {
  campaignName: string;
  pageNo: number;
  pages: number;
  /** "YYYY-MM-DD HH:mm" in the campaign time zone. */
  updatedAt: string;
  /** Shown on page 1 only, so a status change re-draws page 1 and the item's page, not every page. */
  counts: BoardCounts;
  locale?: Locale;
}

// Controls, bidi overrides and zero-width marks (they could reorder or hide text) and lone surrogates go.
const UNSAFE = new RegExp(
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/.source +
    '|' + /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.source,
  'g');

/** User text for one board line: whitespace runs (newlines too) become one space, unsafe marks go, then clipped. */
export function boardText(text: string, max: number): string {
  return clip(text.replace(/\s+/g, ' ').replace(UNSAFE, '').trim(), max);
}

function statusLine(i: BoardItem, locale: Locale): DivInput {
  const parts = [
    `${t(B.owner, locale)} ${boardText(i.owner, NAME_MAX)}`,
    `${t(B.leader, locale)} ${boardText(i.leader, NAME_MAX)}`,
    `${t(B.deadline, locale)} ${i.deadline ?? t(B.noDeadline, locale)}`,
    t(B.statuses[i.status], locale),
  ];
  if (i.flag && i.status !== 'closed') parts.push(t(B.flags[i.flag], locale));
  const color = i.status === 'closed' ? 'green'
    : i.flag === 'overdue' ? 'red'
      : i.flag ? 'orange'
        : i.status === 'review' ? 'blue' : undefined;
  return { text: parts.join(' · '), color };
}

interface DivInput { text: string; color?: string }

function itemElements(i: BoardItem, locale: Locale): CardElement[] {
  const status = statusLine(i, locale);
  return [
    div(`${i.seq}. ${boardText(i.problem, BOARD_TEXT_MAX)}`),
    div(`${t(B.commitment, locale)}：${boardText(i.commitment, BOARD_TEXT_MAX)}`, { text_size: 'notation' }),
    div(status.text, { text_size: 'notation', ...(status.color ? { text_color: status.color } : {}) }),
  ];
}

/** One page of the board. An empty page 1 says nothing is public yet; a later empty page is "（无）". */
export function ledgerBoardCard(page: readonly BoardItem[], meta: BoardMeta): Card {
  const locale = meta.locale ?? 'zh';
  const elements: CardElement[] = [];
  if (meta.pageNo === 1) {
    elements.push(div(t(B.intro, locale), { text_size: 'notation', text_color: 'grey' }), div(t(B.counts(meta.counts), locale)), hr());
  }
  if (page.length === 0) elements.push(div(t(meta.pageNo === 1 ? B.empty : B.none, locale)));
  page.forEach((item, n) => {
    if (n > 0) elements.push(hr());
    elements.push(...itemElements(item, locale));
  });
  elements.push(noteText(t(B.updatedAt(meta.updatedAt), locale)));
  const paged = meta.pages > 1 && meta.pageNo <= meta.pages;
  return card({
    title: t(B.title, locale),
    subtitle: paged ? `${meta.campaignName} · ${t(B.page(meta.pageNo, meta.pages), locale)}` : meta.campaignName,
    template: 'red',
    summary: t(B.summary, locale),
    elements,
  });
}

/**
 * The board while the 整改方案 is not accepted (DESIGN §2.9): its title line and "整改方案审定后公示", nothing
 * else (no item, no count, no name, no time stamp: its content never changes until the items go public).
 */
export function boardGatedCard(meta: { campaignName: string; locale?: Locale }): Card {
  const locale = meta.locale ?? 'zh';
  return card({
    title: t(B.title, locale),
    subtitle: meta.campaignName,
    template: 'red',
    summary: t(B.summary, locale),
    elements: [div(t(B.gated, locale))],
  });
}

/** Patched onto every page of a board that was re-posted before Lark's 14-day limit. */
export function boardMovedCard(meta: { campaignName: string; movedAt: string; locale?: Locale }): Card {
  const locale = meta.locale ?? 'zh';
  return card({
    title: t(B.title, locale),
    subtitle: meta.campaignName,
    template: 'grey',
    elements: [div(t(B.moved, locale)), noteText(t(B.movedNote(meta.movedAt), locale))],
  });
}

/** Page 1's furniture and the longest page numbers: the most a page's frame can take. */
const WORST_META: Omit<BoardMeta, 'campaignName'> = {
  pageNo: 1, pages: 999, updatedAt: '2099-12-31 23:59', counts: { active: 99_999, review: 99_999, closed: 99_999, overdue: 99_999 },
};

/**
 * Whether these items fit on one board card whatever its page number: valid, at most
 * BOARD_MAX_BYTES of JSON (a margin below Lark's 30 KB) and within the component limit.
 */
export function boardPageFits(page: BoardItem[], campaignName: string, locale: Locale = 'zh'): boolean {
  const c = ledgerBoardCard(page, { ...WORST_META, campaignName, locale });
  return cardBytes(c) <= BOARD_MAX_BYTES && validateCard(c).length === 0;
}
