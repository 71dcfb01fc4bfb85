/** Outbox keys of the evaluations (民主测评, 满意度测评), under `ev-` (see handlers/outbox-keys.ts). */

const generation = (gen: number) => (gen ? `-r${gen}` : '');

/** A voter's ballot message, generation `gen` (0 = the first send; later ones before Lark's 14-day card limit). */
export const ballotKey = (roundId: string, hmac: string, gen: number) => `ev-ballot-${roundId}-${hmac}${generation(gen)}`;
/** A ballot posted into a contact point's chat: one shared card per generation. */
export const chatBallotKey = (roundId: string, gen: number) => `ev-ballot-${roundId}-chat${generation(gen)}`;
/** A reminder to a voter who has not voted: per round, voter and the admin's click. */
export const ballotReminderKey = (roundId: string, hmac: string, eventId: string) => `ev-remind-${roundId}-${hmac}-${eventId}`;
/** A closed round's results to an admin or supervisor. */
export const roundResultsKey = (roundId: string, openId: string) => `ev-results-${roundId}-${openId}`;
