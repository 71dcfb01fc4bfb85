import type { Campaign } from '../../campaign.js';
import { endOfDay, startOfDay } from '../calendar.js';

/**
 * The days a campaign's recurring work may run (DESIGN §2.7): from the first phase's start to the last
 * phase's end. `from`/`until` are `YYYY-MM-DD` in the campaign zone; an open end is undefined (a file
 * without phases schedules as before).
 */
export interface DayWindow { from?: string; until?: string }

/** First phase start to last phase end. */
export function campaignWindow(c: Pick<Campaign, 'phases'>): DayWindow {
  if (!c.phases.length) return {};
  const starts = c.phases.map((p) => p.start).sort();
  const ends = c.phases.map((p) => p.end).sort();
  return { from: starts[0], until: ends.at(-1) };
}

/** The weekly study's window: `study.from` / `study.until` where the file gives them, else the campaign's. */
export function studyWindow(c: Pick<Campaign, 'phases' | 'study'>): DayWindow {
  const w = campaignWindow(c);
  return { from: c.study?.from ?? w.from, until: c.study?.until ?? w.until };
}

export function inWindow(day: string, w: DayWindow): boolean {
  return (w.from === undefined || day >= w.from) && (w.until === undefined || day <= w.until);
}

/** The window's first and last instants in `timeZone` (open ends stay undefined). */
export function windowInstants(w: DayWindow, timeZone: string): { startAt?: number; endAt?: number } {
  return {
    startAt: w.from === undefined ? undefined : startOfDay(w.from, timeZone),
    endAt: w.until === undefined ? undefined : endOfDay(w.until, timeZone),
  };
}
