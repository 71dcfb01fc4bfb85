/**
 * The numbers of one study session, computed from the stored records only (the digest card, the
 * trend chart, the member's record and the export all read them from here). Pure.
 */
import type { Attendance } from './session.js';

export interface SessionSummary {
  sessionId: string;
  attendees: number;
  onTime: string[];
  late: string[];
  leave: string[];
  /** No check-in and no leave. */
  absent: string[];
  /** Attendees with a reflection, whatever their attendance. */
  reflected: string[];
  /** Attended or absent without leave, and no reflection. */
  missing: string[];
  /** (on time + late) / attendees; 0 without attendees. */
  attendanceRate: number;
  /** reflections in / (attendees − leave); 0 when nobody is expected. */
  reflectionRate: number;
}

export function summarize(
  sessionId: string, attendees: readonly string[], records: Readonly<Record<string, Attendance>>, reflected: ReadonlySet<string>,
): SessionSummary {
  const by = (s: Attendance['status']) => attendees.filter((u) => records[u]?.status === s);
  const onTime = by('on');
  const late = by('late');
  const leave = by('leave');
  const absent = attendees.filter((u) => !records[u]);
  const expected = attendees.filter((u) => records[u]?.status !== 'leave');
  const missing = expected.filter((u) => !reflected.has(u));
  const inExpected = expected.length - missing.length;
  return {
    sessionId, attendees: attendees.length, onTime, late, leave, absent,
    reflected: attendees.filter((u) => reflected.has(u)), missing,
    attendanceRate: attendees.length ? (onTime.length + late.length) / attendees.length : 0,
    reflectionRate: expected.length ? inExpected / expected.length : 0,
  };
}

/** A rate as a whole percentage, for cards. */
export const percent = (x: number) => Math.round(x * 100);

export type MemberStatus = 'on' | 'late' | 'leave' | 'absent' | 'pending';

/** A member's attendance in one session: `pending` while check-in is still possible. */
export function memberStatus(rec: Attendance | undefined, checkInClosed: boolean): MemberStatus {
  if (rec) return rec.status;
  return checkInClosed ? 'absent' : 'pending';
}
