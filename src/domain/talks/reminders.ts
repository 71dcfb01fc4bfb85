import { addDays, endOfDay, instantOf, type WorkCalendar } from '../calendar.js';
import type { Talk } from './talk.js';

/**
 * The reminders of a talk, pure: `d1` to both parties at 09:00 on the last working day before the due day, and `over` at the first
 * instant after it (the next working morning, moved off holidays and quiet hours by `calendar.sendTime`). They belong
 * to the due day's generation: a moved due day starts a new one, and a talk held gets none.
 */

export const TALK_STEPS = ['d1', 'over'] as const;
export type TalkStep = (typeof TALK_STEPS)[number];

/** The last working day before the due day (up to two weeks back; else simply the day before). */
function dayBefore(due: string, cal: WorkCalendar): string {
  for (let d = addDays(due, -1), i = 0; i < 14; d = addDays(d, -1), i++) if (cal.isWorkday(d)) return d;
  return addDays(due, -1);
}

function nominal(step: TalkStep, due: string, cal: WorkCalendar): number {
  return step === 'over' ? endOfDay(due, cal.timeZone) + 1 : instantOf(dayBefore(due, cal), '09:00', cal.timeZone);
}

export interface PlannedStep { step: TalkStep; at: number }

/** The steps still ahead at `now`. */
export function planTalkReminders(due: string, now: number, cal: WorkCalendar): PlannedStep[] {
  return TALK_STEPS.filter((s) => nominal(s, due, cal) > now).map((step) => ({ step, at: cal.sendTime(nominal(step, due, cal)) }));
}

export const talkReminderKey = (gen: number, step: TalkStep): string => `g${gen}-${step}`;

/** Whether a step still applies: the same generation, not held yet. */
export const talkStepLive = (t: Talk, gen: number): boolean => t.gen === gen && t.state === 'planned';
