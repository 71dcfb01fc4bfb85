/** Outbox keys of the evaluations (民主测评, 满意度测评), under `ev-` (see handlers/outbox-keys.ts). */

const generation = (gen: number) => (gen ? `-r${gen}` : '');

/**
 * A voter's ballot message, generation `gen` (0 = the first send; later ones before Lark's 14-day card limit).
 * `messageId` is the voter's `ballot-message` HMAC (handlers/evaluations/ballot.ts): never the register's HMAC,
 * which must not stand next to the recipient's open_id in an outbox job.
 */
export const ballotKey = (roundId: string, messageId: string, gen: number) => `ev-ballot-${roundId}-${messageId}${generation(gen)}`;
/** A ballot posted into a contact point's chat: one shared card per generation. */
export const chatBallotKey = (roundId: string, gen: number) => `ev-ballot-${roundId}-chat${generation(gen)}`;
/** A reminder to a voter who has not voted: per round, voter (`ballot-message` HMAC, as ballotKey) and the admin's click. */
export const ballotReminderKey = (roundId: string, messageId: string, eventId: string) => `ev-remind-${roundId}-${messageId}-${eventId}`;
/** A closed round's results to an admin or supervisor. */
export const roundResultsKey = (roundId: string, openId: string) => `ev-results-${roundId}-${openId}`;
