import { addDays, endOfDay, instantOf, localParts, type WorkCalendar } from '../calendar.js';
import type { Material } from './material.js';

/**
 * The reminders of a material, pure (DESIGN §2.9). Nominal times are moved off holidays, weekends and quiet hours
 * by `calendar.sendTime`:
 * - to the authors, while a version is due (drafting or returned): `d3` and `d1` at 09:00 on the 3rd and the 1st
 *   day before the due day, and `due` (overdue) at the first instant after the due day — the next working morning.
 *   They belong to the due day's generation `gen`: a moved due day starts a new one.
 * - to the reviewer a version waits for: `h2` when they have held it for 2 working days, and `h4` (to the
 *   office) after 4. They belong to the (version, step) pair: a version that moves on leaves them stale.
 */

export const AUTHOR_STEPS = ['d3', 'd1', 'due'] as const;
export type AuthorStep = (typeof AUTHOR_STEPS)[number];
export const HOLD_STEPS = ['h2', 'h4'] as const;
export type HoldStep = (typeof HOLD_STEPS)[number];

const NUDGE_TIME = '09:00';

function nominal(step: AuthorStep, due: string, timeZone: string): number {
  if (step === 'due') return endOfDay(due, timeZone) + 1;
  return instantOf(addDays(due, step === 'd3' ? -3 : -1), NUDGE_TIME, timeZone);
}

export interface Planned<S extends string> { step: S; at: number }

/** When an author step goes out. */
export const authorStepAt = (step: AuthorStep, due: string, cal: WorkCalendar) => cal.sendTime(nominal(step, due, cal.timeZone));

/** The author steps still ahead at `now` (those already past are not sent late: the card shows the due day). */
export function planAuthorReminders(due: string, now: number, cal: WorkCalendar): Planned<AuthorStep>[] {
  return AUTHOR_STEPS.filter((s) => nominal(s, due, cal.timeZone) > now).map((step) => ({ step, at: authorStepAt(step, due, cal) }));
}

/** `days` working days after `ms`: the same local time on the `days`-th working day after that day, then sent when allowed. */
export function afterWorkingDays(ms: number, days: number, cal: WorkCalendar): number {
  const p = localParts(ms, cal.timeZone);
  let d = p.day;
  for (let i = 0; i < days; i++) d = cal.nextWorkday(d);
  return cal.sendTime(instantOf(d, p.time, cal.timeZone));
}

/** The hold reminders of the version that reached its step at `since`. */
export function planHoldReminders(since: number, cal: WorkCalendar): Planned<HoldStep>[] {
  return [{ step: 'h2', at: afterWorkingDays(since, 2, cal) }, { step: 'h4', at: afterWorkingDays(since, 4, cal) }];
}

/** The key a reminder is logged under (once) on the material, and its job named by. */
export const authorReminderKey = (gen: number, step: AuthorStep) => `g${gen}-${step}`;
export const holdReminderKey = (n: number, at: number, step: HoldStep) => `v${n}-s${at}-${step}`;

/** Whether an author step still applies: same generation, a version due. */
export const authorStepLive = (m: Material, gen: number) => m.gen === gen && (m.state === 'drafting' || m.state === 'returned');

/** Whether a hold step still applies: the same version waits at the same step. */
export const holdStepLive = (m: Material, n: number, at: number) => m.state === 'inReview' && m.versions.length === n && m.at === at;
