import { shortDigest } from '../src/domain/digest.js';
import { REPORT_KEY_PREFIX } from '../src/outbox.js';

/**
 * Outbox keys (src/outbox.ts) of the core handlers and jobs. A key names one logical message, so a
 * re-run sends it once; deployed outboxes de-duplicate by these strings, so they never change
 * (test/handlers/outbox-keys.test.ts pins them). Each feature builds its own keys in
 * `handlers/<feature>/outbox-keys.ts`, under a prefix no other feature uses.
 */

/**
 * The answer to an event (a command, the bot added to a group); `part` tells apart two answers to one event.
 * Was `ev-<event_id>` until `ev-` was left to the evaluations alone.
 */
export const replyKey = (eventId: string, part?: string) => `reply-${eventId}${part ? `-${part}` : ''}`;
/** A personal answer asked for in a group: the direct message… */
export const replyDmKey = (eventId: string, part?: string) => `${replyKey(eventId, part)}-dm`;
/** …and the note left in the group that it went by direct message. */
export const replyNoteKey = (eventId: string, part?: string) => `${replyKey(eventId, part)}-note`;
/** "Please ask again": the inline answer to a typed 查询 could not be sent in time (this message carries no code). */
export const askAgainKey = (eventId: string) => `${replyKey(eventId)}-again`;
/** The answer to a card click sent as a new message (help, roles). */
export const cardReplyKey = (eventId: string) => `card-${eventId}`;
/**
 * The p2p welcome card, per event (the welcome set keeps it once per person). Was `welcome-<HMAC>`: the
 * "who talked to the bot" HMAC next to the p2p chat id in the outbox record would link the set's entry to a person.
 */
export const welcomeKey = (eventId: string) => `welcome-${eventId}`;
/**
 * A personal card (opinion form, receipt, ballot) clicked outside the clicker's own chat with the bot: the notice by
 * direct message, per click…
 */
export const elsewhereKey = (eventId: string) => `elsewhere-${eventId}`;
/** …and the fresh card sent with it (an empty form, the person's open rounds), never what was typed into the refused one. */
export const elsewhereCardKey = (eventId: string) => `elsewhere-${eventId}-card`;
/** An export's file, or the note that it is too large: per request (the event that asked for it). */
export const exportKey = (requestId: string) => `export-${requestId}`;

/** The result of a card action that was still running at its answer deadline, by direct message. */
export const lateAnswerKey = (eventId: string) => `late-answer:${eventId}`;
/** The notice that a card action failed after its answer deadline. */
export const lateFailureKey = (eventId: string) => `late-failure:${eventId}`;

/**
 * The n-th re-post (n ≥ 1) of the message sent under `key`, after that message was recalled or deleted in Lark
 * (jobs/outbox/processor.ts): deterministic, so a retried re-post is the same message at Lark (its uuid).
 */
export const repostKey = (key: string, n: number) => `${key}#re${n}`;

/** The unreachable report to one admin, per batch of entries (the same entries make the same key on a retry). */
export function unreachableReportKey(entryIds: Iterable<string>, openId: string): string {
  const batch = shortDigest([...entryIds].sort().join(','), 16);
  return `${REPORT_KEY_PREFIX}${batch}:${openId}`;
}
