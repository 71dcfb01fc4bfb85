import { type DayWindow, windowInstants } from '../src/domain/campaign/window.js';

/**
 * Where a recurring job stands against its window, on the campaign clock: `over` once the window's last day
 * has passed; otherwise the BullMQ `endDate` (real time, as BullMQ's own delays are) that stops the
 * scheduler after that day, when the window has an end.
 */
export function recurringWithin(window: DayWindow, timeZone: string, campaignNow: number): { over: boolean; endDate?: number } {
  const { endAt } = windowInstants(window, timeZone);
  if (endAt === undefined) return { over: false };
  if (endAt <= campaignNow) return { over: true };
  return { over: false, endDate: Date.now() + (endAt - campaignNow) };
}
