import { addDays, endOfDay, instantOf, type WorkCalendar } from '../calendar.js';
import type { Talk } from './talk.js';

/**
 * The reminders of a talk, pure: `d1` to both parties at 09:00 on the day before the due day, and `over` at the first
 * instant after it (the next working morning, moved off holidays and quiet hours by `calendar.sendTime`). They belong
 * to the due day's generation: a moved due day starts a new one, and a talk held gets none.
 */

export const TALK_STEPS = ['d1', 'over'] as const;
export type TalkStep = (typeof TALK_STEPS)[number];

function nominal(step: TalkStep, due: string, timeZone: string): number {
  return step === 'over' ? endOfDay(due, timeZone) + 1 : instantOf(addDays(due, -1), '09:00', timeZone);
}

export interface PlannedStep { step: TalkStep; at: number }

/** The steps still ahead at `now`. */
export function planTalkReminders(due: string, now: number, cal: WorkCalendar): PlannedStep[] {
  return TALK_STEPS.filter((s) => nominal(s, due, cal.timeZone) > now)
    .map((step) => ({ step, at: cal.sendTime(nominal(step, due, cal.timeZone)) }));
}

export const talkReminderKey = (gen: number, step: TalkStep): string => `g${gen}-${step}`;

/** Whether a step still applies: the same generation, not held yet. */
export const talkStepLive = (t: Talk, gen: number): boolean => t.gen === gen && t.state === 'planned';
