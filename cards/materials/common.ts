import { localParts } from '../../src/domain/calendar.js';
import { dayText } from '../../src/messages/campaign.js';
import type { Msg } from '../../src/messages/index.js';

/** Shared by the materials cards: dates as WORDING.md writes them, instants in the campaign zone. */

/** "3月5日（周五）": the year left out. */
export function shortDay(day: string): Msg {
  const full = dayText(day);
  return { zh: full.zh.replace(/^\d{4}年/, ''), en: full.en };
}

/** "3月5日 09:30" in the campaign zone. */
export function whenText(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const [, mo, d] = p.day.split('-').map(Number);
  return `${mo}月${d}日 ${p.time}`;
}
