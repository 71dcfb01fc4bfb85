import { addDays, instantOf, localParts, type WorkCalendar } from '../calendar.js';

/**
 * The reminders of a milestone (DESIGN §2.7). Pure: given its day, now and the working-day calendar,
 * the steps with their send instants.
 *
 * - `t-3`, `t-1`, `t0`: 09:00 on the 3rd and 1st day before the milestone's day and on the day itself —
 *   to the people it names to remind and its owner;
 * - `late1`: 09:00 on the first working day after the day — overdue: the same people and the admins (活动办);
 * - `late3`: 09:00 on the 3rd working day after the day — to the top leader, and the admins.
 *
 * Each nominal time is moved by `calendar.sendTime` off holidays, weekends and quiet hours (to the next
 * working morning). A step so moved onto the day of a later step, or past it, is left out: the later one
 * says more (a milestone on a Sunday gets no `t-1` on Saturday moved to Monday beside the overdue notice).
 *
 * Steps already past when planned are skipped, except the latest of them while its day is not over
 * (the phase announcements' rule): it goes at once, if it can still go out that day (not in the evening's
 * quiet hours). A service started at 10:00 on the milestone's day still sends `t0`, never the `t-3`.
 */

const MILESTONE_STEPS = ['t-3', 't-1', 't0', 'late1', 'late3'] as const;
export type MilestoneStep = (typeof MILESTONE_STEPS)[number];

export const isMilestoneStep = (s: string): s is MilestoneStep => (MILESTONE_STEPS as readonly string[]).includes(s);
/** Overdue steps (facts to the admins, then the top leader) rather than reminders. */
export const isOverdueStep = (s: MilestoneStep): boolean => s === 'late1' || s === 'late3';

const REMINDER_TIME = '09:00';
/** Working days after the milestone's day on which the top leader hears of it. */
const LATE_WORKDAYS = 3;

function nominalDay(step: MilestoneStep, date: string, cal: WorkCalendar): string {
  switch (step) {
    case 't-3': return addDays(date, -3);
    case 't-1': return addDays(date, -1);
    case 't0': return date;
    case 'late1': return cal.nextWorkday(date);
    case 'late3': {
      let d = date;
      for (let i = 0; i < LATE_WORKDAYS; i++) d = cal.nextWorkday(d);
      return d;
    }
  }
}

interface PlannedMilestoneStep { step: MilestoneStep; at: number; catchUp?: boolean }

/** Every step of a milestone on `date` with the instant it goes out, those a later step supersedes left out. */
export function milestoneSteps(date: string, cal: WorkCalendar): PlannedMilestoneStep[] {
  const all = MILESTONE_STEPS.map((step) => ({
    step, at: cal.sendTime(instantOf(nominalDay(step, date, cal), REMINDER_TIME, cal.timeZone)),
  }));
  const dayOf = (ms: number) => localParts(ms, cal.timeZone).day;
  return all.filter((s, i) => all.slice(i + 1).every((later) => s.at < later.at && dayOf(s.at) !== dayOf(later.at)));
}

/** The steps to schedule at `now`: the future ones, and the latest past one while its day lasts, at once. */
export function planMilestoneSteps(date: string, now: number, cal: WorkCalendar): PlannedMilestoneStep[] {
  const steps = milestoneSteps(date, cal);
  const past = steps.filter((s) => s.at <= now);
  const last = past.at(-1);
  const dayOf = (ms: number) => localParts(ms, cal.timeZone).day;
  const at = cal.sendTime(now);
  const catchUp = last && dayOf(last.at) === dayOf(now) && dayOf(at) === dayOf(now) ? [{ step: last.step, at, catchUp: true }] : [];
  return [...catchUp, ...steps.filter((s) => s.at > now)];
}

/**
 * Who a step goes to: the named people and the owner before and on the day; then the admins too; at `late3`
 * the top leader and the admins. `admin` marks those who get the 标记完成 button.
 */
export function milestoneRecipients(
  step: MilestoneStep, people: { remind: readonly string[]; owner?: string }, admins: readonly string[], topLeader: string,
): { openId: string; admin: boolean }[] {
  const named = [...people.remind, ...(people.owner ? [people.owner] : [])];
  const list = step === 'late3' ? [topLeader, ...admins] : step === 'late1' ? [...named, ...admins] : named;
  const adminSet = new Set(admins);
  return [...new Set(list)].map((openId) => ({ openId, admin: adminSet.has(openId) }));
}
