/** Outbox keys of 专题民主生活会 and 组织生活会 under `mg-` (see handlers/outbox-keys.ts). */

/** The meeting card an attendee or invited supervisor gets when the meeting is created (or added to it by an edit). */
export const meetingInviteKey = (id: string, openId: string) => `mg-${id}-invite-${openId}`;
/** The record card sent to its subject to confirm: per meeting, subject and version of the record (its save time). */
export const recordConfirmKey = (id: string, openId: string, at: number) => `mg-${id}-rec-${at}-${openId}`;
/** A subject's correction request to each admin: per meeting, subject, request time and admin. */
export const correctionKey = (id: string, subject: string, at: number, admin: string) => `mg-${id}-corr-${subject}-${at}-${admin}`;
/** A reminder of an unconfirmed record after the meeting: per meeting, step (t1, t3) and attendee. */
export const meetingReminderKey = (id: string, step: string, openId: string) => `mg-${id}-${step}-${openId}`;
