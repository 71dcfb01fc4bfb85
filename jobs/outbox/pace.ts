import { DelayedError, type Job } from 'bullmq';
import type { Recipient } from '../../src/lark/api.js';
import type { OutboxJob } from '../../src/outbox.js';
import type { Bucket, RateLimiter } from '../../src/store/rate-limit.js';
import { shortDigest } from '../../src/domain/digest.js';

/**
 * Lark's limits (LARK.md §4.1, §4.4; DESIGN.md §2.1) and how the outbox keeps under them.
 * Tests and the bench scale them down.
 */
export interface OutboxLimits {
  /** Per API, app-wide: Lark allows 50 in any second and 1000 in any minute; either triggers 99991400. */
  apiPerSecond: number;
  apiPerMinute: number;
  /**
   * Headroom for network and event-loop jitter: each app-wide count is kept over a window this much
   * longer than Lark's (a call at most this late still lands in a window Lark counts the same way).
   */
  apiSecondMarginMs: number;
  apiMinuteMarginMs: number;
  /**
   * Share of each app-wide window bulk sends leave to interactive ones (answers to what a person just
   * typed or tapped) while such answers are being sent (the last minute); a fan-out alone uses it all.
   */
  interactiveShare: number;
  /**
   * How far ahead a bulk job may reserve its slot; at most inProcessWaitMs, so bulk never holds a far slot. A longer
   * horizon (far slots waited for as delayed jobs) sent 300 cards at 0.82–0.85 of the allowed rate in the bench instead of
   * 0.71, but bulk's far slots then came before answers typed meanwhile (interactive first lost), and under the tests'
   * scaled limits delayed jobs woke past their slots, gave them up and took new ones. Left at the in-process wait.
   */
  bulkHorizonMs: number;
  /** Per receiving user or chat (Lark: 5/s, shared by all bots in a group). */
  perReceiverPerSecond: number;
  /** Per message (Lark: 5/s; we keep to 1/s). */
  patchesPerMessagePerSecond: number;
  /** Fraction of the per-receiver limit used (small limits need relatively more headroom). */
  receiverSafety: number;
  /** A slot closer than this is waited for in-process; later ones move the job to delayed. */
  inProcessWaitMs: number;
  /** A delayed job wakes this long before its slot (less than inProcessWaitMs), to absorb promotion latency. */
  wakeEarlyMs: number;
  /**
   * A slot missed by more than this (event-loop stall, late promotion) is given up and a new one
   * taken: at most the app-wide second margin, and 250 ms − 200 ms for 5/s to one receiver used at 0.8.
   */
  lateToleranceMs: number;
  /** Retry backoff after network errors / 5xx: base × 2^(attempt−1), capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Wait after 99991400/429 without `x-ogw-ratelimit-reset`, and the longest wait honoured. */
  rateLimitDefaultWaitMs: number;
  rateLimitMaxWaitMs: number;
  /** After this many rate-limit deferrals of one job, the next one counts as a failed attempt. */
  maxRateLimitDeferrals: number;
  /** Lark de-duplicates a uuid for 1 h; a retry later than this may create a second message. */
  possibleDuplicateAfterMs: number;
  /** Unreachable people are gathered this long before one report goes to the admins. */
  reportDebounceMs: number;
  /** A patch waits this long for its message to be sent before giving up. */
  patchWaitForSendMs: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = {
  apiPerSecond: 50,
  apiPerMinute: 1000,
  perReceiverPerSecond: 5,
  patchesPerMessagePerSecond: 1,
  apiSecondMarginMs: 100,
  apiMinuteMarginMs: 1000,
  interactiveShare: 0.1,
  bulkHorizonMs: 500,
  receiverSafety: 0.8,
  inProcessWaitMs: 500,
  wakeEarlyMs: 250,
  lateToleranceMs: 100,
  backoffBaseMs: 2000,
  backoffMaxMs: 300_000,
  rateLimitDefaultWaitMs: 1000,
  rateLimitMaxWaitMs: 60_000,
  maxRateLimitDeferrals: 100,
  possibleDuplicateAfterMs: 55 * 60_000,
  reportDebounceMs: 60_000,
  patchWaitForSendMs: 15 * 60_000,
};

const digest = (s: string) => shortDigest(s, 22);

/**
 * The app-wide buckets of one Lark API (named like the LarkApiError method): Lark's two windows as
 * budgets (300 cards go at 50/s, not at 1,000/60 s), and a spacing of half the steady interval so a
 * second's budget is spread over half a second rather than sent in one bunch.
 */
export function apiBuckets(l: OutboxLimits, api: string): Bucket[] {
  const share = (n: number) => Math.floor(n * l.interactiveShare);
  const s = Math.floor(l.apiPerSecond);
  const m = Math.floor(l.apiPerMinute);
  return [
    { name: `api:${api}:s`, limit: s, windowMs: 1000 + l.apiSecondMarginMs, shared: true, reserve: share(s) },
    { name: `api:${api}:m`, limit: m, windowMs: 60_000 + l.apiMinuteMarginMs, shared: true, reserve: share(m) },
    { name: `api:${api}:g`, limit: 1, windowMs: Math.max(1, Math.floor(500 / l.apiPerSecond)), shared: true },
  ];
}

/** Lark's 5/s per receiver, kept as a spacing (at `receiverSafety` of it). */
export function receiverBucket(l: OutboxLimits, to: Recipient): Bucket {
  const id = 'openId' in to ? to.openId : to.chatId;
  return { name: `to:${digest(id)}`, limit: 1, windowMs: 1000 / (l.perReceiverPerSecond * l.receiverSafety) };
}

export function messageBucket(l: OutboxLimits, messageId: string): Bucket {
  return { name: `msg:${digest(messageId)}`, limit: 1, windowMs: 1000 / l.patchesPerMessagePerSecond };
}

export type Pace = (step: string, buckets: Bucket[]) => Promise<void>;

/**
 * Pacing for one run of a job. A slot is reserved in every bucket at once; a near one is waited
 * for here, a far one by moving the job to delayed (not a failed attempt). The slot is kept in the
 * job data for the next activation only (`ats`), so it is neither reserved twice nor reused by a
 * retry or after a stall.
 *
 * Interactive first: a bulk job reserves only a near slot. When the app-wide windows are full it
 * holds nothing: it is delayed until about when room comes and then asks again, so an answer to a
 * person never waits behind a fan-out's reservations, and the fan-out still takes every slot left.
 * (Pausing the whole queue instead, as first built, made a 300-card fan-out churn: 0.23 of the allowed rate.)
 */
export function createPace(deps: {
  job: Job<OutboxJob>;
  token: string | undefined;
  data: OutboxJob;
  rateLimit: RateLimiter;
  limits: OutboxLimits;
  now: () => number;
}): Pace {
  const { job, limits, now } = deps;
  const interactive = deps.data.interactive === true;
  let saved = deps.data.slot && deps.data.slot.ats === job.attemptsStarted ? deps.data.slot : undefined;
  return async (step, buckets) => {
    for (;;) {
      let slot: number | undefined;
      if (saved && saved.step === step) slot = saved.at;
      saved = undefined;
      if (slot !== undefined && now() - slot > limits.lateToleranceMs) slot = undefined;
      if (slot === undefined) {
        const g = await deps.rateLimit.reserve(buckets, now(), interactive ? { interactive } : { horizonMs: limits.bulkHorizonMs });
        if (!g.granted) {
          // Holds nothing meanwhile: delayed until about when room comes, then it asks again (behind any answer).
          await job.moveToDelayed(Math.max(now() + 1, g.at - limits.wakeEarlyMs), deps.token);
          throw new DelayedError();
        }
        slot = g.at;
      }
      const wait = slot - now();
      if (wait > limits.inProcessWaitMs) {
        await job.updateData({ ...deps.data, slot: { at: slot, ats: job.attemptsStarted + 1, step } });
        // Wake a little before the slot and wait for it here: a delayed job is promoted and picked up
        // with some latency, and a job woken late gives its slot up (a wasted slot the queue never gets back).
        await job.moveToDelayed(slot - limits.wakeEarlyMs, deps.token);
        throw new DelayedError();
      }
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Woken too late (a stalled event loop): calling now could bunch with the next slots.
      if (now() - slot <= limits.lateToleranceMs) return;
    }
  };
}
