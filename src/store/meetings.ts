import type { RedisClient as Redis } from './redis.js';
import { meetingSchema, type Meeting } from '../domain/meetings/meeting.js';
import { logReminder, type Change } from '../domain/meetings/transitions.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { createRevisionedRecords, type Logged } from './revisioned.js';

/**
 * 专题民主生活会 and 组织生活会 (DESIGN §2.10) in Redis, kept by the shared revisioned records (./revisioned.ts). One
 * hash per meeting under the `{mg}` tag: `data` (the meeting as JSON) and `rev` (a counter for compare-and-set); the
 * index of ids is scored by each meeting's start, set again by every write. Every change is a pure transition
 * (src/domain/meetings/transitions.ts) applied to the meeting as read, then written with its audit entry in one script
 * only if nobody changed it meanwhile.
 */

export type MeetingUpdate = Change | { ok: false; reason: 'notFound' | 'conflict' };

export function createMeetingStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const meetings = createRevisionedRecords({
    redis, audit, schema: meetingSchema, field: 'meeting',
    keyOf: keys.meeting, allKey: keys.meetingsAll(), skipBadJson: true, rescore: (m) => m.start,
  });

  /** Applies `change` to the meeting as stored and writes it with `entry` if it did not change meanwhile (else again). */
  const update = (id: string, change: (m: Meeting) => Change, entry: AuditEntry | null): Promise<MeetingUpdate> =>
    meetings.update(id, change, entry);

  return {
    create: (m: Meeting, entry: AuditEntry): Promise<Meeting> => meetings.create(m, m.start, entry),

    get: meetings.get,

    /** Every meeting, by start. */
    list: meetings.list,

    update,

    /** Logs a reminder once per key: 'logged', or 'duplicate' when a run of the same job logged it already. */
    logReminder: (id: string, key: string, note: string, now: number): Promise<Logged> =>
      meetings.logOnce(id, (m) => logReminder(m, key, note, now),
        { at: now, actor: 'system', action: 'meeting.remind', detail: { id, key } }),
  };
}

export type MeetingStore = ReturnType<typeof createMeetingStore>;
