import type { Campaign } from '../../campaign.js';
import { shortDigest } from '../digest.js';

/**
 * The public board (公示) of the rectification ledger (DESIGN §2.6): which items it shows and how
 * they are split into cards. Pure: the card builder's size check is passed in (`fits`).
 */

type BoardStatus = 'draft' | 'active' | 'review' | 'closed';
type BoardFlag = 'dueSoon' | 'overdue' | 'needsDeadline';

/** One ledger item as the board shows it (built by the ledger's `toBoardItem`). Names are display names. */
export interface BoardItem {
  id: string;
  seq: number;
  problem: string;
  commitment: string;
  owner: string;
  leader: string;
  /** `YYYY-MM-DD` in the campaign time zone. */
  deadline?: string;
  status: BoardStatus;
  flag?: BoardFlag;
}

/** Items counted on the board's first page. */
export interface BoardCounts {
  active: number;
  review: number;
  closed: number;
  overdue: number;
}

/**
 * Items per card before any size fallback. Pages are fixed runs of this many items in 序号 order,
 * so an edit changes the one page holding the item (plus page 1, which carries the counts).
 */
const BOARD_PAGE_ITEMS = 20;

/**
 * Whether the board waits for the 整改方案 (DESIGN §2.9): the campaign file's `board.gateOnRectifyPlan`, on
 * unless a deployment turns it off (the board then shows its items as soon as they start, as before).
 */
export function gatedOnRectifyPlan(campaign: Pick<Campaign, 'board'>): boolean {
  return campaign.board.gateOnRectifyPlan;
}

/**
 * Whether the ledger's items are public: the gate is off, or the 整改方案 was accepted (at `planAcceptedAt`).
 * While they are not, the board shows its title and "整改方案审定后公示" only, and public figures leave the ledger out.
 */
export function itemsArePublic(gate: { on: boolean; planAcceptedAt?: number }): boolean {
  return !gate.on || gate.planAcceptedAt !== undefined;
}

/** What the board shows: every item but drafts, in 序号 order. */
export function publicItems(items: readonly BoardItem[]): BoardItem[] {
  return items.filter((i) => i.status !== 'draft').sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function countItems(items: readonly BoardItem[]): BoardCounts {
  const c: BoardCounts = { active: 0, review: 0, closed: 0, overdue: 0 };
  for (const i of items) {
    if (i.status === 'draft') continue;
    c[i.status] += 1;
    if (i.flag === 'overdue' && i.status !== 'closed') c.overdue += 1;
  }
  return c;
}

/** The largest `k ≤ items.length` whose prefix fits (at least 1: a single item always goes on a page). */
function largestFittingPrefix(items: BoardItem[], fits: (page: BoardItem[]) => boolean): number {
  if (fits(items)) return items.length;
  let lo = 1; // assumed to fit (a clipped item is far below the card limits)
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(items.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Splits the public items into cards: runs of `perPage` items by 序号; a run whose card would not
 * fit (`fits`: bytes and component count of the built card) is cut into as few cards as fit.
 * An empty board is one empty page.
 */
export function pageBoard(items: readonly BoardItem[], fits: (page: BoardItem[]) => boolean, perPage = BOARD_PAGE_ITEMS): BoardItem[][] {
  const shown = publicItems(items);
  if (shown.length === 0) return [[]];
  const pages: BoardItem[][] = [];
  for (let i = 0; i < shown.length; i += perPage) {
    let run = shown.slice(i, i + perPage);
    while (run.length > 0) {
      const k = largestFittingPrefix(run, fits);
      pages.push(run.slice(0, k));
      run = run.slice(k);
    }
  }
  return pages;
}

/** A short digest of what a page shows, to patch only the pages that changed. */
export function contentHash(value: unknown): string {
  return shortDigest(JSON.stringify(value), 22);
}
