import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * 专题民主生活会 and 组织生活会 (DESIGN §2.10). Pure: the meeting record and its zod schema, who may see and act on it,
 * the sign-in window and the per-attendee records (self-criticism, criticism received, measures) that each attendee
 * confirms. Transitions are in ./transitions.ts, the start's preconditions in ./preconditions.ts, reminders in
 * ./reminders.ts.
 *
 * States: `planned` (editable; 开始会议 checks the preconditions) → `started` (sign-in, records) → `ended` (the
 * 专题报告 material exists, unconfirmed records are reminded, an optional 满意度 round).
 */

export const MEETING_TYPES = ['democratic', 'organizational'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const MEETING_STATES = ['planned', 'started', 'ended'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const RECORD_STATES = ['pending', 'confirmed', 'correction'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const TITLE_MAX = 100;
export const PLACE_MAX = 100;
/** Every field a person types into a record (Lark's limit per input). */
export const FIELD_MAX = 1000;
export const NOTE_MAX = 500;
export const REASON_MAX = 500;
export const MAX_ATTENDEES = 40;
export const MAX_INVITED = 10;
export const MAX_MEASURES = 10;
const MAX_HISTORY = 300;

const MIN = 60_000;
/** Sign-in opens this long before the start … */
export const SIGN_IN_OPENS_MIN = 30;
/** … is on time until the start, late until this long after it, then closed. */
export const SIGN_IN_LATE_MIN = 60;

export const meetingIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
export const openIdSchema = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
const refSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);

const signInSchema = z.strictObject({ at: z.number().int(), late: z.boolean() });
export type SignIn = z.infer<typeof signInSchema>;

const recordSchema = z.strictObject({
  /** 自我批评: the points of the attendee's self-criticism. */
  self: z.string().max(FIELD_MAX),
  /** 相互批评: the criticism the attendee received. */
  received: z.string().max(FIELD_MAX),
  /** 整改措施 raised, one per line of the form. */
  // One form field holds them all, one per line: together at most FIELD_MAX characters.
  measures: z.array(z.string().min(1).max(FIELD_MAX)).max(MAX_MEASURES)
    .refine((ms) => ms.reduce((n, x) => n + x.length, 0) <= FIELD_MAX, 'the measures together within one field\'s length'),
  /** Measure index → the draft ledger item it became. */
  items: z.record(z.string().regex(/^\d{1,2}$/), refSchema).default({}),
  state: z.enum(RECORD_STATES),
  /** The attendee's note when asking for a correction. */
  note: z.string().max(NOTE_MAX).optional(),
  by: openIdSchema,
  at: z.number().int(),
  confirmedAt: z.number().int().optional(),
});
export type MeetingRecord = z.output<typeof recordSchema>;

const historySchema = z.strictObject({
  at: z.number().int(),
  by: z.string().min(1).max(80),
  what: z.enum(['create', 'edit', 'start', 'override', 'signIn', 'record', 'confirm', 'correction', 'measure', 'end', 'survey', 'remind']),
  note: z.string().max(2000).optional(),
  /** Reminder entries: which one (logged once per key). */
  key: z.string().max(40).optional(),
});
export type MeetingHistory = z.infer<typeof historySchema>;

export const meetingSchema = z.strictObject({
  id: meetingIdSchema,
  type: z.enum(MEETING_TYPES),
  title: z.string().min(1).max(TITLE_MAX),
  /** The start (UTC ms). */
  start: z.number().int(),
  place: z.string().min(1).max(PLACE_MAX),
  attendees: z.array(openIdSchema).min(1).max(MAX_ATTENDEES),
  /** The 督导组 members invited. */
  invited: z.array(openIdSchema).max(MAX_INVITED),
  state: z.enum(MEETING_STATES),
  startedAt: z.number().int().optional(),
  startedBy: openIdSchema.optional(),
  /** The top leader's start over missing preconditions: the written reason and what was missing. */
  override: z.strictObject({ by: openIdSchema, at: z.number().int(), reason: z.string().min(1).max(REASON_MAX),
    missing: z.array(z.string().max(300)).max(60) }).optional(),
  endedAt: z.number().int().optional(),
  /** The 专题报告 (a material of kind `meetingReport`), made at the end. */
  report: refSchema.optional(),
  /** The 满意度 round on the meeting, when the office made one. */
  round: refSchema.optional(),
  signIns: z.record(openIdSchema, signInSchema).default({}),
  records: z.record(openIdSchema, recordSchema).default({}),
  history: z.array(historySchema).max(MAX_HISTORY).default([]),
  createdAt: z.number().int(),
  createdBy: openIdSchema,
  updatedAt: z.number().int(),
});
export type Meeting = z.output<typeof meetingSchema>;

export function newMeetingId(): string {
  return randomBytes(9).toString('base64url');
}

export interface MeetingViewer { openId: string; admin: boolean; readsAll: boolean }

export const isAttendee = (m: Pick<Meeting, 'attendees'>, openId: string) => m.attendees.includes(openId);
export const isInvited = (m: Pick<Meeting, 'invited'>, openId: string) => m.invited.includes(openId);

/** Who sees a meeting: its attendees and invited 督导组 members; the office, the top leader and the 督导组 see all. */
export const canSeeMeeting = (m: Pick<Meeting, 'attendees' | 'invited'>, v: MeetingViewer) =>
  v.readsAll || isAttendee(m, v.openId) || isInvited(m, v.openId);

/** Who reads every attendee's record: the office, the top leader, the 督导组; an attendee reads their own. */
export const readsRecord = (v: MeetingViewer, subject: string) => v.readsAll || v.openId === subject;

export type SignInVerdict = { ok: true; late: boolean } | { ok: false; reason: 'early' | 'closed' | 'ended' };

/** 签到: from 30 minutes before the start; on time until the start, late for an hour after it, then closed. */
export function signInVerdict(m: Pick<Meeting, 'start' | 'state'>, now: number): SignInVerdict {
  if (m.state === 'ended') return { ok: false, reason: 'ended' };
  if (now < signInOpensAt(m)) return { ok: false, reason: 'early' };
  if (now <= m.start) return { ok: true, late: false };
  if (now <= m.start + SIGN_IN_LATE_MIN * MIN) return { ok: true, late: true };
  return { ok: false, reason: 'closed' };
}
export const signInOpensAt = (m: Pick<Meeting, 'start'>) => m.start - SIGN_IN_OPENS_MIN * MIN;

/** Attendees whose record exists and is not confirmed (the reminders after the meeting go to them). */
export const unconfirmed = (m: Pick<Meeting, 'records' | 'attendees'>) =>
  m.attendees.filter((u) => m.records[u] !== undefined && m.records[u]!.state !== 'confirmed');

/** A ledger item's source label: the meeting's title (the person is named by the item's owner). */
export const measureKey = (i: number) => String(i);
