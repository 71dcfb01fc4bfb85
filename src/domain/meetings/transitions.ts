import type { Meeting, MeetingHistory, MeetingRecord, MeetingType } from './meeting.js';
import { isAttendee, MAX_ATTENDEES, signInVerdict } from './meeting.js';

/**
 * Every change to a meeting, pure: the meeting as read in, the new meeting or a refusal out (the store writes the
 * result with its audit entry by compare-and-set, src/store/meetings.ts). A refusal changes nothing.
 */

export type Refusal =
  | 'notPlanned' | 'notStarted' | 'ended' | 'notAttendee' | 'twice' | 'early' | 'closed' | 'noRecord' | 'confirmed'
  | 'noMeasure' | 'already' | 'stale';
export type Change = { ok: true; meeting: Meeting } | { ok: false; reason: Refusal };

interface By { by: string; now: number }

const log = (m: Meeting, e: MeetingHistory): Meeting['history'] => [...m.history, e].slice(-300);
const ok = (meeting: Meeting): Change => ({ ok: true, meeting });
const no = (reason: Refusal): Change => ({ ok: false, reason });

export interface MeetingInput {
  type: MeetingType; title: string; start: number; place: string; attendees: string[]; invited: string[];
}

export function newMeeting(id: string, f: MeetingInput, b: By): Meeting {
  return {
    id, ...f, attendees: [...new Set(f.attendees)].slice(0, MAX_ATTENDEES), invited: [...new Set(f.invited)], state: 'planned',
    signIns: {}, records: {}, history: [{ at: b.now, by: b.by, what: 'create' }], createdAt: b.now, createdBy: b.by, updatedAt: b.now,
  };
}

/** 编辑: everything of the form, until the meeting starts. */
export function editMeeting(m: Meeting, f: MeetingInput, b: By): Change {
  if (m.state !== 'planned') return no('notPlanned');
  return ok({ ...m, ...f, attendees: [...new Set(f.attendees)], invited: [...new Set(f.invited)], updatedAt: b.now,
    history: log(m, { at: b.now, by: b.by, what: 'edit' }) });
}

/** 开始会议; with `override`, the top leader's start over the missing preconditions, with the reason kept. */
export function startMeeting(m: Meeting, b: By, override?: { reason: string; missing: string[] }): Change {
  if (m.state !== 'planned') return no('notPlanned');
  return ok({
    ...m, state: 'started', startedAt: b.now, startedBy: b.by, updatedAt: b.now,
    ...(override ? { override: { by: b.by, at: b.now, reason: override.reason, missing: override.missing.slice(0, 60) } } : {}),
    history: log(m, { at: b.now, by: b.by, what: override ? 'override' : 'start', ...(override ? { note: override.reason } : {}) }),
  });
}

/** 签到: an attendee, once, within the window. */
export function signIn(m: Meeting, b: By): Change {
  if (!isAttendee(m, b.by)) return no('notAttendee');
  if (m.signIns[b.by]) return no('twice');
  const v = signInVerdict(m, b.now);
  if (!v.ok) return no(v.reason);
  return ok({ ...m, signIns: { ...m.signIns, [b.by]: { at: b.now, late: v.late } }, updatedAt: b.now });
}

/** The office records an attendee's self-criticism, criticism received and measures; the attendee confirms it anew. */
export function putRecord(m: Meeting, subject: string, r: Pick<MeetingRecord, 'self' | 'received' | 'measures'>, b: By): Change {
  if (m.state === 'planned') return no('notStarted');
  if (!isAttendee(m, subject)) return no('notAttendee');
  const prev = m.records[subject];
  // Measures already turned into ledger items keep their place: only those not turned may be rewritten.
  const kept = prev ? Object.keys(prev.items).map(Number) : [];
  if (kept.some((i) => r.measures[i] !== prev!.measures[i])) return no('already');
  const record: MeetingRecord = { ...r, items: prev?.items ?? {}, state: 'pending', by: b.by, at: b.now };
  return ok({ ...m, records: { ...m.records, [subject]: record }, updatedAt: b.now,
    history: log(m, { at: b.now, by: b.by, what: 'record', note: subject }) });
}

/** The subject confirms their own record (only they: the caller is the subject). */
export function confirmRecord(m: Meeting, subject: string, b: By): Change {
  if (b.by !== subject) return no('notAttendee');
  const r = m.records[subject];
  if (!r) return no('noRecord');
  if (r.state === 'confirmed') return no('confirmed');
  const { note: _note, ...rest } = r;
  return ok({ ...m, records: { ...m.records, [subject]: { ...rest, state: 'confirmed', confirmedAt: b.now } }, updatedAt: b.now,
    history: log(m, { at: b.now, by: b.by, what: 'confirm' }) });
}

/** The subject asks the office to correct their record, with a note. */
export function askCorrection(m: Meeting, subject: string, note: string, b: By): Change {
  if (b.by !== subject) return no('notAttendee');
  const r = m.records[subject];
  if (!r) return no('noRecord');
  if (r.state === 'confirmed') return no('confirmed');
  return ok({ ...m, records: { ...m.records, [subject]: { ...r, state: 'correction', note } }, updatedAt: b.now,
    history: log(m, { at: b.now, by: b.by, what: 'correction', note }) });
}

/** Links measure `i` of `subject`'s record to the ledger item it became (once). */
export function linkMeasure(m: Meeting, subject: string, i: number, itemId: string, b: By): Change {
  const r = m.records[subject];
  if (!r || r.measures[i] === undefined) return no('noMeasure');
  if (r.items[String(i)]) return no('already');
  return ok({ ...m, records: { ...m.records, [subject]: { ...r, items: { ...r.items, [String(i)]: itemId } } }, updatedAt: b.now,
    history: log(m, { at: b.now, by: b.by, what: 'measure', note: itemId }) });
}

/** 结束会议. */
export function endMeeting(m: Meeting, b: By): Change {
  if (m.state === 'planned') return no('notStarted');
  if (m.state === 'ended') return no('ended');
  return ok({ ...m, state: 'ended', endedAt: b.now, updatedAt: b.now, history: log(m, { at: b.now, by: b.by, what: 'end' }) });
}

/** The 专题报告 made at the end (once). */
export function linkReport(m: Meeting, materialId: string, now: number): Change {
  if (m.report) return no('already');
  return ok({ ...m, report: materialId, updatedAt: now });
}

/** The 满意度 round made on the meeting (once). */
export function linkRound(m: Meeting, roundId: string, b: By): Change {
  if (m.state !== 'ended') return no('notStarted');
  if (m.round) return no('already');
  return ok({ ...m, round: roundId, updatedAt: b.now, history: log(m, { at: b.now, by: b.by, what: 'survey', note: roundId }) });
}

export const reminderLogged = (m: Meeting, key: string) => m.history.some((h) => h.what === 'remind' && h.key === key);

/** Logs a reminder once per key (undefined when logged already). */
export function logReminder(m: Meeting, key: string, note: string, now: number): Meeting | undefined {
  if (reminderLogged(m, key)) return undefined;
  return { ...m, history: log(m, { at: now, by: 'system', what: 'remind', key, note: note.slice(0, 2000) }) };
}
