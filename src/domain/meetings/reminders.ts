import { afterWorkingDays } from '../materials/reminders.js';
import type { WorkCalendar } from '../calendar.js';

/**
 * The reminders after a meeting, pure: to each attendee whose record is not confirmed, on the 1st and the 3rd working
 * day after the end (same local time, moved off quiet hours by the calendar). Each is keyed by its step: logged on the
 * meeting once and sent once per attendee (handlers/meetings/steps/reminders.ts).
 */
export const REMIND_STEPS = ['t1', 't3'] as const;
export type RemindStep = (typeof REMIND_STEPS)[number];

export function planMeetingReminders(endedAt: number, cal: WorkCalendar): { step: RemindStep; at: number }[] {
  return [{ step: 't1', at: afterWorkingDays(endedAt, 1, cal) }, { step: 't3', at: afterWorkingDays(endedAt, 3, cal) }];
}
