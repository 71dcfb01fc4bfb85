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
  /** Per API, app-wide: Lark allows 50/s and 1000/min; either triggers 99991400. */
  apiPerSecond: number;
  apiPerMinute: number;
  /** Per receiving user or chat (Lark: 5/s, shared by all bots in a group). */
  perReceiverPerSecond: number;
  /** Per message (Lark: 5/s; we keep to 1/s). */
  patchesPerMessagePerSecond: number;
  /** Fraction of the app-wide limits used: headroom for clock and network jitter. */
  appSafety: number;
  /** Fraction of the per-receiver limit used (small limits need relatively more headroom). */
  receiverSafety: number;
  /** A slot closer than this is waited for in-process; later ones move the job to delayed. */
  inProcessWaitMs: number;
  /** A delayed job wakes this long before its slot (less than inProcessWaitMs), to absorb promotion latency. */
  wakeEarlyMs: number;
  /**
   * A slot missed by more than this (event-loop stall, late promotion) is given up and a new one
   * taken. Calls at most D late keep a limit of N per W when N × perMs − W ≥ D: 250 ms for 5/s
   * used at 0.8, seconds for the app-wide limits.
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
  appSafety: 0.95,
  receiverSafety: 0.8,
  inProcessWaitMs: 500,
  wakeEarlyMs: 250,
  lateToleranceMs: 200,
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

/** The app-wide buckets of one Lark API (named like the LarkApiError method). */
export function apiBuckets(l: OutboxLimits, api: string): Bucket[] {
  return [
    { name: `api:${api}:s`, perMs: 1000 / (l.apiPerSecond * l.appSafety) },
    { name: `api:${api}:m`, perMs: 60_000 / (l.apiPerMinute * l.appSafety) },
  ];
}

export function receiverBucket(l: OutboxLimits, to: Recipient): Bucket {
  const id = 'openId' in to ? to.openId : to.chatId;
  return { name: `to:${digest(id)}`, perMs: 1000 / (l.perReceiverPerSecond * l.receiverSafety) };
}

export function messageBucket(l: OutboxLimits, messageId: string): Bucket {
  return { name: `msg:${digest(messageId)}`, perMs: 1000 / l.patchesPerMessagePerSecond };
}

export type Pace = (step: string, buckets: Bucket[]) => Promise<void>;

/**
 * Pacing for one run of a job. A slot is reserved in every bucket at once; a near one is waited
 * for here, a far one by moving the job to delayed (not a failed attempt). The slot is kept in the
 * job data for the next activation only (`ats`), so it is neither reserved twice nor reused by a
 * retry or after a stall.
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
  let saved = deps.data.slot && deps.data.slot.ats === job.attemptsStarted ? deps.data.slot : undefined;
  return async (step, buckets) => {
    for (;;) {
      let slot: number | undefined;
      if (saved && saved.step === step) slot = saved.at;
      saved = undefined;
      if (slot !== undefined && now() - slot > limits.lateToleranceMs) slot = undefined;
      slot ??= await deps.rateLimit.reserve(buckets, now());
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
