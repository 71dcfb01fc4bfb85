import { addDays, endOfDay, instantOf, type WorkCalendar } from '../calendar.js';

/**
 * The deadline ladder of a ledger item (DESIGN §2.6). Pure: given the deadline day, now and the
 * working-day calendar, the steps with their send instants.
 *
 * Nominal times (then moved by `calendar.sendTime` to the next working morning when they fall on a
 * holiday, a weekend or in quiet hours):
 * - `d7`, `d3`, `d1`: 09:00 local on the 7th, 3rd and 1st day before the deadline day — to the owner;
 * - `due` (T, overdue): the deadline is the end of its day, so the first instant of the next day —
 *   in practice the next working morning — to the owner and the responsible leader, with Lark urgent;
 * - `late3` (T + 3 d): 09:00 local on the 3rd day after the deadline passed (deadline day + 4) — to the top leader;
 * - `w1`, `w2`, … weekly while overdue: `late3` + 7·n days, 09:00 local — to the owner and the leader.
 *   Each weekly step schedules the next one when it runs.
 *
 * Steps already past when the ladder starts are skipped, except the latest of them, which is sent at
 * once (the next working moment): an item created two days before its deadline still gets its `d1`.
 */

export const FIXED_STEPS = ['d7', 'd3', 'd1', 'due', 'late3'] as const;
type FixedStep = (typeof FIXED_STEPS)[number];
export type LadderStep = FixedStep | `w${number}`;

const NUDGE_TIME = '09:00';
const MAX_WEEKS = 200;

export const isLadderStep = (s: string): s is LadderStep => (FIXED_STEPS as readonly string[]).includes(s) || /^w[1-9][0-9]{0,2}$/.test(s);
const weekOf = (s: LadderStep): number => (s.startsWith('w') ? Number(s.slice(1)) : 0);
const isOverdueStep = (s: LadderStep): boolean => s === 'due' || s === 'late3' || s.startsWith('w');

/** The nominal instant of a step (before the calendar moves it). */
function nominalAt(step: LadderStep, deadline: string, timeZone: string): number {
  switch (step) {
    case 'd7': return instantOf(addDays(deadline, -7), NUDGE_TIME, timeZone);
    case 'd3': return instantOf(addDays(deadline, -3), NUDGE_TIME, timeZone);
    case 'd1': return instantOf(addDays(deadline, -1), NUDGE_TIME, timeZone);
    case 'due': return endOfDay(deadline, timeZone) + 1;
    case 'late3': return instantOf(addDays(deadline, 4), NUDGE_TIME, timeZone);
    default: return instantOf(addDays(deadline, 4 + 7 * weekOf(step)), NUDGE_TIME, timeZone);
  }
}

/** When a step may go out: its nominal instant moved past holidays and quiet hours. */
export const stepAt = (step: LadderStep, deadline: string, cal: WorkCalendar): number =>
  cal.sendTime(nominalAt(step, deadline, cal.timeZone));

export interface PlannedStep { step: LadderStep; at: number; catchUp?: boolean }
export interface LadderPlan { steps: PlannedStep[]; skipped: LadderStep[] }

/**
 * The steps to schedule when a ladder starts at `now`: every future fixed step, the first future
 * weekly step, and — when some steps are already past — the latest past one, at once.
 */
export function planLadder(deadline: string, now: number, cal: WorkCalendar): LadderPlan {
  const all: { step: LadderStep; nominal: number }[] =
    FIXED_STEPS.map((step) => ({ step, nominal: nominalAt(step, deadline, cal.timeZone) }));
  for (let w = 1; w <= MAX_WEEKS; w++) {
    const step = `w${w}` as LadderStep;
    const nominal = nominalAt(step, deadline, cal.timeZone);
    all.push({ step, nominal });
    if (nominal > now) break;
  }
  const past = all.filter((s) => s.nominal <= now);
  const future = all.filter((s) => s.nominal > now);
  const last = past.at(-1);
  const steps: PlannedStep[] = [];
  if (last) steps.push({ step: last.step, at: cal.sendTime(now), catchUp: true });
  for (const s of future) steps.push({ step: s.step, at: cal.sendTime(s.nominal) });
  return { steps, skipped: past.slice(0, -1).map((s) => s.step) };
}

/** The weekly step after `step` (scheduled when `late3` or a weekly step runs), or undefined past the cap. */
export function nextWeekly(step: LadderStep, deadline: string, cal: WorkCalendar): PlannedStep | undefined {
  if (step !== 'late3' && !step.startsWith('w')) return undefined;
  const w = weekOf(step) + 1;
  if (w > MAX_WEEKS) return undefined;
  const next = `w${w}` as LadderStep;
  return { step: next, at: stepAt(next, deadline, cal) };
}

/**
 * Every step a ladder of this deadline may have pending at `now` (to remove its jobs when cancelled),
 * with the keep-alive re-sends `k1` … `k<keepsDone + 1>` (src/domain/ledger-resend.ts).
 */
export function pendingCandidates(deadline: string, now: number, cal: WorkCalendar, keepsDone = 0): string[] {
  const plan = planLadder(deadline, now, cal);
  const lastWeek = Math.max(0, ...plan.steps.map((s) => weekOf(s.step)));
  return [
    ...FIXED_STEPS,
    ...Array.from({ length: lastWeek + 1 }, (_, i) => `w${i + 1}`),
    ...Array.from({ length: keepsDone + 1 }, (_, i) => `k${i + 1}`),
  ];
}

/** Who a step goes to: the owner (and co-owners) before the deadline; owner and leader at T and weekly; the top leader at T+3. */
export function stepRecipients(
  step: LadderStep, item: { owner: string; coOwners: readonly string[]; leader: string }, topLeader: string,
): { openId: string; role: 'owner' | 'leader' | 'top' }[] {
  const owners = [item.owner, ...item.coOwners].map((openId) => ({ openId, role: 'owner' as const }));
  let out: { openId: string; role: 'owner' | 'leader' | 'top' }[];
  if (step === 'late3') out = [{ openId: topLeader, role: 'top' }];
  else if (isOverdueStep(step)) out = [...owners, { openId: item.leader, role: 'leader' }];
  else out = owners;
  const seen = new Set<string>();
  return out.filter((r) => (seen.has(r.openId) ? false : (seen.add(r.openId), true)));
}
