import { DAY_MS, type WorkCalendar } from '../calendar.js';
import { FIXED_STEPS, stepAt, type LadderStep, type PlannedStep } from './ladder.js';
import type { LedgerItem } from './item.js';

/**
 * Re-sending ledger cards before Lark's 14-day limit on clicking and patching a 2.0 card (DESIGN
 * §2.1). Pure: when a card must be re-sent, and which card is still pending.
 *
 * - Owners' item cards: while an item is 整改中 with a deadline, the owners get a card when the
 *   ladder starts (the assign card) and at each ladder step; between the start and T−7 there may be
 *   months. Keep-alive steps `k1`, `k2`, … (same generation scheme as the ladder) re-send the item
 *   card 13 days after the owners' latest card, unless a ladder card comes within a day of then.
 * - Decision cards: the extension decision (request `n`) and the 销号 request (the submit that made
 *   the item 待销号, `h` = history length after it) are re-sent to the decider every 13 days while
 *   still pending, rounds `r1`, `r2`, ….
 */

/** A card is re-sent this long after it was sent: a day ahead of Lark's 14 days. */
export const RESEND_AFTER_MS = 13 * DAY_MS;
/** No keep-alive when a ladder card goes to the owners within this much of it. */
export const LADDER_MARGIN_MS = DAY_MS;
const MAX_WEEKS = 200;

type KeepStep = `k${number}`;
export const keepStep = (n: number): KeepStep => `k${n}`;
export const isKeepStep = (s: string): s is KeepStep => /^k[1-9][0-9]{0,3}$/.test(s);

/**
 * When a card sent at `sentAt` is re-sent: the latest moment at most 13 days on that the calendar
 * allows (working day, outside quiet hours), so a holiday pulls it earlier rather than past day 14.
 */
export function resendAt(sentAt: number, cal: WorkCalendar): number {
  const limit = sentAt + RESEND_AFTER_MS;
  for (let back = 0; back < 13; back++) {
    const at = cal.sendTime(limit - back * DAY_MS);
    if (at <= limit) return at;
  }
  return limit;
}

/** Ladder steps that go to the owners (T+3 goes to the top leader only). */
const toOwners = (s: LadderStep) => s !== 'late3';

/**
 * The next instant a ladder card goes to the owners after `now`: a fixed step or a weekly one still
 * ahead, or a step of a just-started plan (`planned`, e.g. a catch-up sent at once).
 */
export function nextOwnerCardAt(
  deadline: string, now: number, cal: WorkCalendar, planned: readonly PlannedStep[] = [],
): number | undefined {
  const times = planned.filter((s) => toOwners(s.step) && s.at >= now).map((s) => s.at);
  for (const step of FIXED_STEPS) {
    const at = stepAt(step, deadline, cal);
    if (toOwners(step) && at > now) times.push(at);
  }
  for (let w = 1; w <= MAX_WEEKS; w++) {
    const at = stepAt(`w${w}`, deadline, cal);
    if (at > now) {
      times.push(at);
      break;
    }
  }
  return times.length ? Math.min(...times) : undefined;
}

/**
 * When the owners' next keep-alive card goes out, given their latest card (`latestSentAt`, the
 * oldest among them), or undefined when a ladder card will reach them first (or within a day).
 * A card already past its 13 days is re-sent at the next allowed moment.
 */
export function keepAliveAt(
  deadline: string, latestSentAt: number, now: number, cal: WorkCalendar, planned: readonly PlannedStep[] = [],
): number | undefined {
  const at = Math.max(resendAt(latestSentAt, cal), cal.sendTime(now));
  const ladder = nextOwnerCardAt(deadline, now, cal, planned);
  if (ladder !== undefined && ladder <= at + LADDER_MARGIN_MS) return undefined;
  return at;
}

/** Keep-alive steps logged in generation `gen`. */
export function keepsDone(item: Pick<LedgerItem, 'history'>, gen: number): number {
  return item.history.filter((h) => h.what === 'step' && h.gen === gen && h.step !== undefined && isKeepStep(h.step)).length;
}

/** Whether the step (ladder, keep-alive or a decision re-send tag) was logged in generation `gen`. */
export const stepLogged = (item: Pick<LedgerItem, 'history'>, gen: number, step: string) =>
  item.history.some((h) => h.what === 'step' && h.gen === gen && h.step === step);

// ---- decision cards ----

export type DecisionKind = 'ext' | 'review';

/** The request a 销号 card answers: the history length right after the latest submit (0: none). */
export function submitRef(item: Pick<LedgerItem, 'history'>): number {
  for (let i = item.history.length - 1; i >= 0; i--) if (item.history[i]!.what === 'submit') return i + 1;
  return 0;
}

/** Whether the decision card of request `ref` still waits for its decider. */
export function decisionPending(item: Pick<LedgerItem, 'status' | 'extension' | 'history'>, kind: DecisionKind, ref: number): boolean {
  if (kind === 'ext') return item.status === 'active' && item.extension?.n === ref;
  return item.status === 'review' && submitRef(item) === ref;
}

/** The history tag of a decision re-send: once per (request, round) whatever the ladder generation. */
export const decisionTag = (kind: DecisionKind, ref: number, round: number) => `${kind === 'ext' ? 'x' : 'v'}${ref}r${round}`;

export const decisionLogged = (item: Pick<LedgerItem, 'history'>, tag: string) =>
  item.history.some((h) => h.what === 'step' && h.step === tag);
