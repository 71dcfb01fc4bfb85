/**
 * Redis keys of the Study (集中学习), spread into createKeys (src/store/keys.ts). Every key shares the
 * `{st}` hash tag, so one script or MULTI may touch several on Redis Cluster. Study records are named
 * (DESIGN §2.5): open_ids are fine here.
 */
export function studyKeys(k: (...parts: string[]) => string) {
  return {
    /** Sessions by scheduled start (UTC ms). */
    stSessions: () => k('{st}', 'sessions'),
    /** One session: meta JSON, topic, place, materials, status. */
    stSession: (sessionId: string) => k('{st}', 's', sessionId),
    /** The session's attendees, snapshot at its first step: open_id → display name. */
    stAttendees: (sessionId: string) => k('{st}', 's', sessionId, 'attendees'),
    /** Steps already run (reminders sent, window opened, …): which card messages exist to patch. */
    stSteps: (sessionId: string) => k('{st}', 's', sessionId, 'steps'),
    /** Attendance: open_id → JSON {status, at, reason?}; written once (HSETNX). */
    stRecords: (sessionId: string) => k('{st}', 's', sessionId, 'records'),
    /** Reflections (心得体会), named: open_id → JSON {parts, link?, at, updatedAt}. */
    stReflections: (sessionId: string) => k('{st}', 's', sessionId, 'reflections'),
    /** Each member's reflection cards still live: open_id → JSON {gen, keys} (outbox keys of the latest generation). */
    stReflectionCards: (sessionId: string) => k('{st}', 's', sessionId, 'reflection-cards'),
  };
}
