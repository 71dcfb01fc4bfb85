import { dayText } from '../../src/messages/campaign.js';
import { localParts } from '../../src/domain/calendar.js';
import type { Rule } from '../../src/domain/rules/rule.js';
import { msg, t } from '../../src/messages/index.js';
import type { HeaderTemplate } from '../types.js';

/** Shared by the rule cards: words for a rule's facts. */

export const R = msg.rules;
export const TEMPLATE: Record<Rule['state'], HeaderTemplate> = { drafting: 'grey', review: 'blue', adopted: 'green', abolished: 'green' };
export const nameIn = (names: Readonly<Record<string, string>>) => (id: string) => names[id] ?? id;
/** 3月5日（周五） as WORDING.md writes dates, the year left out. */
export const shortDay = (day: string) => t(dayText(day)).replace(/^\d{4}年/, '');
export const dayOfMs = (ms: number, tz: string) => localParts(ms, tz).day;

/** One line of facts: 类别, 状态 (and 逾期), 牵头人, 完成时限, and the 印发 / 废止 date once there. */
export function factsLine(rule: Rule, overdue: boolean, names: Readonly<Record<string, string>>): string {
  const F = R.fields;
  return [
    `${t(R.kinds[rule.kind])}`, t(R.states[rule.state]), overdue ? t(R.rule.overdue) : undefined,
    `${t(F.owner)}：${nameIn(names)(rule.owner)}`, `${t(F.due)}：${shortDay(rule.due)}`,
    rule.issuedOn ? `${t(rule.state === 'abolished' ? F.abolishedOn : F.issuedOn)}：${t(dayText(rule.issuedOn))}` : undefined,
  ].filter(Boolean).join(' · ');
}
