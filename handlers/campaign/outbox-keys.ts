/**
 * Outbox keys of the campaign timeline (src/outbox.ts): one message per phase and start day, however often
 * the announcement runs; pinned by test/handlers/outbox-keys.test.ts.
 */

/** A phase's announcement in the announce chat. */
export const phaseAnnouncedKey = (phaseKey: string, start: string) => `cp-phase-${phaseKey}-${start}`;
/** The weekly digest to one reader, once per ISO week. */
export const weeklyDigestKey = (week: string, openId: string) => `cp-digest-${week}-${openId}`;
