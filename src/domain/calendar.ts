/**
 * Wall-clock time in the campaign's zone and the working-day calendar (DESIGN §2.2): days are
 * `YYYY-MM-DD` in the campaign timezone, instants are UTC milliseconds. Nudges respect working days
 * (holidays skipped, 调休 extra workdays counted) and quiet hours: one that falls outside waits for
 * the next working morning. Pure functions; no clock of its own.
 */
import type { Campaign } from '../campaign.js';

export const DAY_MS = 86_400_000;

interface LocalParts {
  /** `YYYY-MM-DD` */
  day: string;
  /** `HH:MM` (24 h) */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function rawParts(ms: number, timeZone: string) {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(ms).map((x) => [x.type, x.value]));
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second!, wd: WEEKDAYS[p.weekday!] ?? 0 };
}

/** The local day, time and weekday of instant `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const r = rawParts(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${r.y}-${pad(r.mo)}-${pad(r.d)}`, time: `${pad(r.h)}:${pad(r.mi)}`, minutes: r.h * 60 + r.mi, weekday: r.wd };
}

/** Milliseconds east of UTC of `timeZone` at instant `ms`. */
export function zoneOffset(ms: number, timeZone: string): number {
  const r = rawParts(ms, timeZone);
  return Date.UTC(r.y, r.mo - 1, r.d, r.h, r.mi, r.s) - Math.floor(ms / 1000) * 1000;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The UTC instant of wall time `day` `time` in `timeZone`. A wall time that does not exist (the hour
 * skipped when clocks go forward) maps to the same distance after the jump; an ambiguous one (clocks
 * going back) to its first occurrence. Returns NaN for a malformed day or time.
 */
export function instantOf(day: string, time: string, timeZone: string): number {
  const d = DAY_RE.exec(day);
  const t = TIME_RE.exec(time);
  if (!d || !t) return NaN;
  const local = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!);
  if (Number.isNaN(local)) return NaN;
  // Two passes settle the offset; prefer the earlier of the candidates that read back as `local`.
  const first = local - zoneOffset(local, timeZone);
  const second = local - zoneOffset(first, timeZone);
  const candidates = [first, second, local - zoneOffset(first - 3 * 3_600_000, timeZone)]
    .filter((c) => c + zoneOffset(c, timeZone) === local);
  return candidates.length ? Math.min(...candidates) : Math.max(first, second);
}

/** A day `n` days after `day` (calendar arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  const d = DAY_RE.exec(day);
  if (!d) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]! + n)).toISOString().slice(0, 10);
}

/** Weekday (0 = Sunday) of a day string. */
function weekdayOf(day: string): number {
  const d = DAY_RE.exec(day);
  if (!d) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!)).getUTCDay();
}

/** The start of `day` in `timeZone`. */
export function startOfDay(day: string, timeZone: string): number {
  return instantOf(day, '00:00', timeZone);
}

/** A deadline day ends at the last millisecond of that day in the campaign timezone (DESIGN §2.2). */
export function endOfDay(day: string, timeZone: string): number {
  return startOfDay(addDays(day, 1), timeZone) - 1;
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  const d = DAY_RE.exec(day);
  if (!d) return false;
  return new Date(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!)).toISOString().slice(0, 10) === day;
}

const toMinutes = (hhmm: string) => {
  const t = TIME_RE.exec(hhmm);
  return t ? +t[1]! * 60 + +t[2]! : 0;
};

type CalendarConfig = Campaign['calendar'];

export interface WorkCalendar {
  readonly timeZone: string;
  /** Working day: a configured weekday that is not a holiday, or an extra (调休) workday. */
  isWorkday(day: string): boolean;
  /** Inside the configured quiet hours at instant `ms`. */
  inQuietHours(ms: number): boolean;
  /** The next working day strictly after `day`. */
  nextWorkday(day: string): string;
  /**
   * When a nudge due at `ms` may go out: `ms` itself on a working day outside quiet hours, else the
   * next working morning (the end of quiet hours, on the first working day that has one ahead).
   */
  sendTime(ms: number): number;
}

export function createCalendar(cal: CalendarConfig, timeZone: string): WorkCalendar {
  const holidays = new Set(cal.holidays);
  const extra = new Set(cal.extraWorkdays);
  const workdays = new Set(cal.workdays);
  const from = toMinutes(cal.quietHours.from);
  const to = toMinutes(cal.quietHours.to);
  const wraps = from > to; // e.g. 21:00 → 08:00 spans midnight
  const quietAt = (minutes: number) => (from === to ? false : wraps ? minutes >= from || minutes < to : minutes >= from && minutes < to);
  // The working morning: where quiet hours end when they span the night, else 08:00 (or their end, if 08:00 is quiet).
  const morning = wraps ? cal.quietHours.to : quietAt(8 * 60) ? cal.quietHours.to : '08:00';

  const isWorkday = (day: string) => extra.has(day) || (workdays.has(weekdayOf(day)) && !holidays.has(day));
  const nextWorkday = (day: string) => {
    let d = addDays(day, 1);
    for (let i = 0; i < 366 && !isWorkday(d); i++) d = addDays(d, 1);
    return d;
  };
  return {
    timeZone,
    isWorkday,
    nextWorkday,
    inQuietHours: (ms) => quietAt(localParts(ms, timeZone).minutes),
    sendTime(ms) {
      const p = localParts(ms, timeZone);
      if (isWorkday(p.day) && !quietAt(p.minutes)) return ms;
      // In this working day's quiet hours before they end (the early morning, or a midday break): wait for their end.
      if (isWorkday(p.day) && p.minutes < to) return instantOf(p.day, cal.quietHours.to, timeZone);
      return instantOf(nextWorkday(p.day), morning, timeZone);
    },
  };
}
