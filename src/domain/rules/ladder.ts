import { addDays, endOfDay, instantOf, type WorkCalendar } from '../calendar.js';

/**
 * The reminder ladder of a rule (建章立制), like the ledger's (src/domain/ledger/ladder.ts). Pure: given
 * the due day, now and the working-day calendar, the steps with their send instants.
 *
 * - `d3`, `d1`, `d0`: 09:00 local on the 3rd and 1st day before the due day and on the day itself — to the owner (牵头人);
 * - `due` (overdue): the due day is over, so the first instant of the next day (in practice the next working
 *   morning) — to the owner and the admins (活动办);
 * - `late3`: 09:00 on the 3rd day after the due day passed — to the top leader.
 *
 * Moved by `calendar.sendTime` past holidays, weekends and quiet hours. Steps already past when the
 * ladder starts are skipped, except the latest of them, which is sent at once.
 */

export const RULE_STEPS = ['d3', 'd1', 'd0', 'due', 'late3'] as const;
export type RuleStep = (typeof RULE_STEPS)[number];

const NUDGE_TIME = '09:00';

export const isRuleStep = (s: string): s is RuleStep => (RULE_STEPS as readonly string[]).includes(s);

function nominalAt(step: RuleStep, due: string, timeZone: string): number {
  switch (step) {
    case 'd3': return instantOf(addDays(due, -3), NUDGE_TIME, timeZone);
    case 'd1': return instantOf(addDays(due, -1), NUDGE_TIME, timeZone);
    case 'd0': return instantOf(due, NUDGE_TIME, timeZone);
    case 'due': return endOfDay(due, timeZone) + 1;
    case 'late3': return instantOf(addDays(due, 4), NUDGE_TIME, timeZone);
  }
}

/** When a step may go out: its nominal instant moved past holidays and quiet hours. */
export const ruleStepAt = (step: RuleStep, due: string, cal: WorkCalendar): number => cal.sendTime(nominalAt(step, due, cal.timeZone));

export interface PlannedRuleStep { step: RuleStep; at: number; catchUp?: boolean }

/** Every future step, and — when some are already past — the latest past one, at once. */
export function planRuleLadder(due: string, now: number, cal: WorkCalendar): PlannedRuleStep[] {
  const all = RULE_STEPS.map((step) => ({ step, nominal: nominalAt(step, due, cal.timeZone) }));
  const last = all.filter((s) => s.nominal <= now).at(-1);
  const steps: PlannedRuleStep[] = last ? [{ step: last.step, at: cal.sendTime(now), catchUp: true }] : [];
  for (const s of all) if (s.nominal > now) steps.push({ step: s.step, at: cal.sendTime(s.nominal) });
  return steps;
}

export type RuleRecipientRole = 'owner' | 'admin' | 'top';

/** Who a step goes to: the owner before and on the day; owner and admins once overdue; the top leader at T+3. */
export function ruleStepRecipients(
  step: RuleStep, owner: string, admins: readonly string[], topLeader: string,
): { openId: string; role: RuleRecipientRole }[] {
  const out: { openId: string; role: RuleRecipientRole }[] = step === 'late3'
    ? [{ openId: topLeader, role: 'top' }]
    : step === 'due'
      ? [{ openId: owner, role: 'owner' }, ...admins.map((openId) => ({ openId, role: 'admin' as const }))]
      : [{ openId: owner, role: 'owner' }];
  const seen = new Set<string>();
  return out.filter((r) => (seen.has(r.openId) ? false : (seen.add(r.openId), true)));
}
