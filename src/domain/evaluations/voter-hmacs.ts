import { keyedHmac } from '../hmac.js';

/**
 * The three keyed purposes under which a voter appears in an evaluation round (DESIGN §3). Each is an HMAC
 * of its own, so one cannot be matched against another without ANON_SECRET:
 * - `ballot`: the register entry, written with the ballot's counters; never in a key, a job or a log;
 * - `ballot-eligible`: the eligibility index (HMAC → rater group), read just before the cast;
 * - `ballot-message`: the outbox keys of a voter's ballot messages and reminders, beside their open_id.
 */
export const registerHmac = (secret: string, roundId: string, openId: string) => keyedHmac(secret, 'ballot', roundId, openId);
export const eligibilityHmac = (secret: string, roundId: string, openId: string) =>
  keyedHmac(secret, 'ballot-eligible', roundId, openId);
export const ballotMessageHmac = (secret: string, roundId: string, openId: string) =>
  keyedHmac(secret, 'ballot-message', roundId, openId);
