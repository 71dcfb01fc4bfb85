import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { boardGatedCard, boardMovedCard, boardPageFits, ledgerBoardCard } from '../../cards/board/board.js';
import type { Card } from '../../cards/types.js';
import { DAY_MS, localParts } from '../../src/domain/calendar.js';
import { contentHash, countItems, pageBoard, publicItems, type BoardItem } from '../../src/domain/board/board.js';
import type { Logger } from '../../src/log.js';
import type { Locale } from '../../src/messages/index.js';
import type { Outbox } from '../../src/outbox.js';
import type { BoardState, BoardStore } from '../../src/store/board.js';
import { boardMessageKey } from '../../handlers/board/outbox-keys.js';
import type { BoardJobs } from '../../handlers/board/jobs.js';
import type { DayWindow } from '../../src/domain/campaign/window.js';
import { recurringWithin } from '../schedule-window.js';

/**
 * The public board (公示) in the announce chat (DESIGN §2.6). Two jobs on the board queue:
 * - `refresh` (coalesced: one waiting job at a time and never two running, BullMQ deduplication with
 *   `keepLastIfActive`) reads every item, pages them, sends pages that do not exist yet (in order:
 *   page n+1 only once page n has its message_id) and patches pages whose content changed; the outbox
 *   keeps each message at ≤ 1 patch/s, latest card wins. Pages no longer needed become "（无）".
 * - `repost` (delayed to 13 days after generation g was posted, jobId `board-repost-<g>`) marks g
 *   due; the next refresh posts generation g+1 and patches every page of g to point to it.
 * No `announceChatId` → the board is off. An empty ledger posts nothing until the first non-draft
 * item exists; once a board is up, an empty ledger shows one page saying nothing is public.
 * While the items are not public (`published`: the 整改方案 is not accepted) the board is one page with its
 * title and "整改方案审定后公示" only; once they are, that page is patched with the items and the rest follow.
 */

const boardJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refresh') }),
  z.object({ kind: z.literal('repost'), gen: z.int().min(1) }),
]);

/** Lark 2.0 cards take patches for 14 days: a new generation is posted a day ahead. */
export const BOARD_REPOST_MS = 13 * DAY_MS;
/** Changes arriving within this window are drawn in one rebuild. */
const BOARD_COALESCE_MS = 300;
/** How soon a rebuild waiting for the previous page's message_id tries again. */
const NEXT_PAGE_MS = 500;
/** About two minutes of waiting for one page before the follow-ups stop. */
const MAX_STALLED = 240;
/** The hash of a page that shows "（无）" (the board shrank). */
const NONE = 'none';

const RETRY = { attempts: 10, backoff: { type: 'exponential', delay: 2000 } };

/** Asks for the board to be brought up to date; a burst of calls produces a handful of rebuilds. */
export async function requestBoardRefresh(queue: Queue, delayMs = BOARD_COALESCE_MS): Promise<void> {
  await queue.add('refresh', boardJobSchema.parse({ kind: 'refresh' }), {
    ...RETRY, delay: delayMs,
    deduplication: { id: 'board-refresh', keepLastIfActive: true },
    removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 7 * 86_400, count: 1000 },
  });
}

/** HandlerCtx.board on the board queue. */
export function createBoardJobs(queue: Queue): BoardJobs {
  return { refresh: () => requestBoardRefresh(queue) };
}

export const BOARD_DAILY_ID = 'board-daily';

/**
 * A refresh just after every midnight in the campaign zone: 即将到期 and 逾期 change with the date,
 * not only with edits (an item due on a Friday shows 逾期 on Saturday, not on Monday's nudge).
 * One scheduler with a stable id, ending after the campaign's last day; none when the board is off or the
 * campaign is over.
 */
export async function syncBoardSchedule(
  queue: Queue, timeZone: string, on: boolean, window: DayWindow, now: () => number,
): Promise<void> {
  const within = recurringWithin(window, timeZone, now());
  if (!on || within.over) {
    await queue.removeJobScheduler(BOARD_DAILY_ID);
    return;
  }
  const repeat = { pattern: '1 0 * * *', tz: timeZone, ...(within.endDate === undefined ? {} : { endDate: within.endDate }) };
  await queue.upsertJobScheduler(BOARD_DAILY_ID, repeat, {
    name: 'refresh', data: boardJobSchema.parse({ kind: 'refresh' }),
    opts: { ...RETRY, removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 7 * 86_400, count: 100 } },
  });
}

/** One delayed re-post per generation (jobId), 13 days after it was posted. */
async function scheduleBoardRepost(queue: Queue, gen: number, postedAt: number, now: number): Promise<void> {
  await queue.add('repost', boardJobSchema.parse({ kind: 'repost', gen }), {
    ...RETRY, jobId: `board-repost-${gen}`, delay: Math.max(0, postedAt + BOARD_REPOST_MS - now),
    removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 },
  });
}

export interface BoardDeps {
  board: { name: string; announceChatId?: string; timezone: string; locale: Locale };
  outbox: Pick<Outbox, 'send' | 'patch' | 'messageId'>;
  store: BoardStore;
  /** The board queue (follow-up refreshes, the re-post of each generation). */
  queue: Queue;
  /** Every ledger item (drafts included: they are filtered out here). */
  items: () => Promise<BoardItem[]>;
  /** Whether the items may be shown (handlers/board/plan-gate.ts `boardPublished`: the gate is off or the 整改方案 accepted). */
  published: () => Promise<boolean>;
  log: Logger;
  now: () => number;
}

export function createBoardProcessor(deps: BoardDeps) {
  const { board, outbox, store, log } = deps;
  const name = board.name;
  const locale = board.locale;
  let offLogged = false;
  /** Runs in a row that waited for a page's message_id: a send that never arrives stops the follow-ups. */
  let stalled = 0;

  const stamp = (ms: number) => {
    const p = localParts(ms, board.timezone);
    return `${p.day} ${p.time}`;
  };
  const pageCard = (page: BoardItem[], pageNo: number, pages: number, counts: ReturnType<typeof countItems>, updatedAt: string): Card =>
    ledgerBoardCard(page, { campaignName: name, pageNo, pages, updatedAt, counts, locale });
  const gated = boardGatedCard({ campaignName: name, locale });

  /** Generation g+1: every page of g points to the new messages (patched, never deleted). */
  async function nextGeneration(state: BoardState, now: number): Promise<BoardState> {
    const moved = boardMovedCard({ campaignName: name, movedAt: stamp(now), locale });
    for (let n = 1; n <= state.sent; n++) await outbox.patch(boardMessageKey(state.gen, n), moved);
    const next: BoardState = { gen: state.gen + 1, postedAt: now, sent: 0, hashes: [] };
    await store.startGeneration(next, {
      at: now, actor: 'system', action: 'board.repost', detail: { gen: next.gen, previousPages: state.sent },
    });
    await scheduleBoardRepost(deps.queue, next.gen, now, deps.now());
    log.info({ gen: next.gen, previousPages: state.sent }, 'board: re-posted before the 14-day card limit');
    return next;
  }

  async function refresh(): Promise<string> {
    const chatId = board.announceChatId;
    if (!chatId) {
      if (!offLogged) log.debug('board: no announceChatId in the campaign, the public board is off');
      offLogged = true;
      return 'off';
    }
    const [items, open] = await Promise.all([deps.items().then(publicItems), deps.published()]);
    const now = deps.now();
    let state = await store.get();
    if (!state) {
      if (items.length === 0) return 'nothing public yet';
      state = { gen: 1, postedAt: now, sent: 0, hashes: [] };
      await store.startGeneration(state, { at: now, actor: 'system', action: 'board.post', detail: { gen: 1 } });
      await scheduleBoardRepost(deps.queue, 1, now, now);
    } else if ((await store.repostDue()) === state.gen || now - state.postedAt >= BOARD_REPOST_MS) {
      state = await nextGeneration(state, now);
    }

    // Gated: one page with the title and "整改方案审定后公示", drawn from no item at all.
    const pages = open ? pageBoard(items, (p) => boardPageFits(p, name, locale)) : [[]];
    const counts = countItems(open ? items : []);
    const draw = (n: number, at: string) => (open ? pageCard(pages[n - 1], n, pages.length, counts, at) : gated);
    const updatedAt = stamp(now);
    const hashes = [...state.hashes];
    let sent = state.sent;
    let sends = 0;
    let patches = 0;
    let waiting = false;
    for (let n = 1; n <= pages.length; n++) {
      // What the page shows, but for its time stamp: unchanged pages are left alone.
      const hash = contentHash(draw(n, ''));
      if (n <= sent && hashes[n - 1] === hash) continue;
      const key = boardMessageKey(state.gen, n);
      const cardNow = draw(n, updatedAt);
      if (n <= sent) {
        // A page recalled or deleted in Lark is posted afresh in the chat (pages that only say "moved" or "（无）" are not).
        await outbox.patch(key, cardNow, { repostTo: { chatId } });
        patches++;
      } else {
        // Pages appear in order: the next one goes out once the previous one has arrived.
        if (n > 1 && !(await outbox.messageId(boardMessageKey(state.gen, n - 1)))) {
          waiting = true;
          break;
        }
        await outbox.send({ key, to: { chatId }, body: { type: 'card', card: cardNow } });
        sent = n;
        sends++;
      }
      hashes[n - 1] = hash;
    }
    for (let n = pages.length + 1; n <= sent; n++) {
      if (hashes[n - 1] === NONE) continue;
      await outbox.patch(boardMessageKey(state.gen, n), pageCard([], n, pages.length, counts, updatedAt));
      hashes[n - 1] = NONE;
      patches++;
    }
    await store.save({ ...state, sent, hashes });
    stalled = waiting && sends === 0 ? stalled + 1 : 0;
    if (waiting && stalled <= MAX_STALLED) await requestBoardRefresh(deps.queue, NEXT_PAGE_MS);
    else if (waiting) log.warn({ gen: state.gen, page: sent }, 'board: a page was not delivered; the next change tries again');
    return `gen ${state.gen}: ${pages.length} pages, sent ${sends}, patched ${patches}${waiting ? ', more to send' : ''}`;
  }

  async function process(job: Job): Promise<string> {
    const parsed = boardJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`board job ${job.id}: invalid data`);
    if (parsed.data.kind === 'refresh') return refresh();
    // The refresh does the work, so the board never has two writers at once.
    await store.markRepostDue(parsed.data.gen);
    await requestBoardRefresh(deps.queue, 0);
    return `re-post of generation ${parsed.data.gen} requested`;
  }

  return { process, refresh };
}
