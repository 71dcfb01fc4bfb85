/**
 * Outbox keys of the study (集中学习), under `st-` (see handlers/outbox-keys.ts): deterministic per
 * session, step and person, so a step run twice sends once and a card can be patched in place later.
 */

/** A member's session card of reminder step `step` (`r<n>`). */
export const sessionCardKey = (sessionId: string, step: string, openId: string) => `st-card-${sessionId}-${step}-${openId}`;
/** A member's reflection card sent when the session ends. */
export const reflectionKey = (sessionId: string, openId: string) => `st-refl-${sessionId}-${openId}`;
/** A fresh reflection card of re-send `n`, before Lark's 14-day limit on the previous one. */
export const reflectionResendKey = (sessionId: string, n: number, openId: string) => `st-refl-${sessionId}-re${n}-${openId}`;
/** The reminder to write the reflection. */
export const nudgeKey = (sessionId: string, openId: string) => `st-nudge-${sessionId}-${openId}`;
/** The session's digest to one reader. */
export const studyDigestKey = (sessionId: string, openId: string) => `st-digest-${sessionId}-${openId}`;
