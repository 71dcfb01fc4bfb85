/**
 * Weekly study (集中学习, DESIGN §2.5): sessions, their scheduled steps and the rules of check-in,
 * leave and reflections. Pure: no clock of its own, every instant is UTC ms, every day a campaign day.
 *
 * Time rules (documented for admins in the record card's note):
 * - check-in opens `checkInOpensMinutes` before the start; on time until the start, late from the
 *   start until start + `lateGraceMinutes`; refused after that (the person counts as absent);
 * - leave (请假) until check-in closes, never after checking in; check-in after leave is refused;
 * - reflections from the start until end + `reflectionDueHours` (the deadline), editable until then.
 */
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import type { Campaign } from '../../campaign.js';
import { localParts, type WorkCalendar } from '../calendar.js';

const MIN = 60_000;
const HOUR = 3_600_000;

/** Derived from the scheduled local start, so a scheduler firing twice (DST, restart) maps to one session. */
export const sessionIdSchema = z.string().regex(/^s-\d{8}-\d{4}$/);
export const stepSchema = z.string().regex(/^(r\d{1,5}|re\d{1,3}|open|close|end|nudge|digest)$/);
export type Step = string;

export const MAX_MATERIALS = 5;
export const TOPIC_MAX = 100;
export const PLACE_MAX = 100;
export const REASON_MAX = 200;
/** Lark's limit per input; a reflection takes several inputs or a link to a Lark document. */
export const PART_MAX = 1000;
export const PARTS = 3;

// Short enough that five fit one 1,000-character input of the settings form.
export const MATERIAL_MAX = 190;
const https = z.string().max(MATERIAL_MAX).refine(isHttpsUrl, 'an https link');
export const sessionSchema = z.object({
  id: sessionIdSchema,
  start: z.number().int(),
  end: z.number().int(),
  source: z.enum(['cron', 'oneoff']),
  topic: z.string().max(TOPIC_MAX).default(''),
  place: z.string().max(PLACE_MAX).default(''),
  materials: z.array(https).max(MAX_MATERIALS).default([]),
  status: z.enum(['planned', 'cancelled']).default('planned'),
  createdAt: z.number().int(),
});
export type StudySession = z.output<typeof sessionSchema>;

export const attendanceSchema = z.object({
  status: z.enum(['on', 'late', 'leave']),
  at: z.number().int(),
  reason: z.string().max(REASON_MAX).optional(),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const reflectionSchema = z.object({
  parts: z.array(z.string().max(PART_MAX)).max(PARTS),
  link: z.string().max(500).optional(),
  at: z.number().int(),
  updatedAt: z.number().int(),
});
export type Reflection = z.infer<typeof reflectionSchema>;

/** A member's live reflection cards: the outbox keys sent in their latest generation (0 = the end, n = re-send n). */
export const reflectionCardsSchema = z.object({ gen: z.number().int().min(0), keys: z.array(z.string()).min(1) });
export type ReflectionCards = z.infer<typeof reflectionCardsSchema>;

export type StudyConfig = NonNullable<Campaign['study']>;

export function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' && u.hostname.includes('.') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** A Lark document link: https on a Feishu / Lark domain. */
export function isLarkDocUrl(s: string): boolean {
  if (!isHttpsUrl(s)) return false;
  const host = new URL(s).hostname.toLowerCase();
  return ['feishu.cn', 'larksuite.com', 'larkoffice.com', 'feishu.net'].some((d) => host === d || host.endsWith(`.${d}`));
}

export function sessionIdOf(start: number, timeZone: string): string {
  const p = localParts(start, timeZone);
  return `s-${p.day.replaceAll('-', '')}-${p.time.replace(':', '')}`;
}

/** `YYYY-MM-DD` of a session id. */
export function dayOfSession(id: string): string {
  return `${id.slice(2, 6)}-${id.slice(6, 8)}-${id.slice(8, 10)}`;
}

/** A skip date of the study config, or a holiday of the calendar. */
export function isSkippedDay(day: string, campaign: Pick<Campaign, 'study' | 'calendar'>): boolean {
  return (campaign.study?.skipDates ?? []).includes(day) || campaign.calendar.holidays.includes(day);
}

/** True when `cron` parses (five or six fields). */
export function isValidCron(cron: string, timeZone: string): boolean {
  try {
    CronExpressionParser.parse(cron, { tz: timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Cron occurrences in (from, to], in the campaign zone. */
export function cronStarts(cron: string, timeZone: string, from: number, to: number, max = 60): number[] {
  const it = CronExpressionParser.parse(cron, { currentDate: new Date(from), tz: timeZone });
  const out: number[] = [];
  while (out.length < max) {
    const t = it.next().getTime();
    if (t > to) break;
    if (t > from) out.push(t);
  }
  return out;
}

/** Whether `start` is an occurrence of `cron` (a session planned under an older pattern is not). */
export function matchesCron(cron: string, timeZone: string, start: number): boolean {
  try {
    return cronStarts(cron, timeZone, start - 1, start, 1)[0] === start;
  } catch {
    return false;
  }
}

export function newSession(start: number, cfg: StudyConfig, source: StudySession['source'], now: number, timeZone: string): StudySession {
  return sessionSchema.parse({
    id: sessionIdOf(start, timeZone), start, end: start + cfg.durationMinutes * MIN, source,
    topic: cfg.topic ?? '', place: cfg.place, materials: [], status: 'planned', createdAt: now,
  });
}

export const reflectionDeadline = (s: Pick<StudySession, 'end'>, cfg: Pick<StudyConfig, 'reflectionDueHours'>) =>
  s.end + cfg.reflectionDueHours * HOUR;
export const checkInOpensAt = (s: Pick<StudySession, 'start'>, cfg: Pick<StudyConfig, 'checkInOpensMinutes'>) =>
  s.start - cfg.checkInOpensMinutes * MIN;
export const checkInClosesAt = (s: Pick<StudySession, 'start'>, cfg: Pick<StudyConfig, 'lateGraceMinutes'>) =>
  s.start + cfg.lateGraceMinutes * MIN;

export interface PlannedStep { step: Step; at: number }

/**
 * Every scheduled step of a session, by time: reminders (`r<minutes>`), the check-in window opening
 * and closing (cards patched), the end (reflection forms), the nudge before the reflection deadline
 * (moved by the working-day calendar and quiet hours; dropped when that moves it past the deadline),
 * the re-sends of the reflection cards when the window outlives a card (`re<n>`), and the digest once
 * the deadline has passed (also at a working hour).
 */
export function sessionSteps(s: Pick<StudySession, 'start' | 'end'>, cfg: StudyConfig, calendar: WorkCalendar): PlannedStep[] {
  const deadline = reflectionDeadline(s, cfg);
  const steps: PlannedStep[] = [...new Set(cfg.remindBeforeMinutes)].map((m) => ({ step: `r${m}`, at: s.start - m * MIN }));
  steps.push({ step: 'open', at: checkInOpensAt(s, cfg) }, { step: 'close', at: checkInClosesAt(s, cfg) }, { step: 'end', at: s.end });
  const nudge = nudgeAt(deadline - cfg.nudgeBeforeHours * HOUR, s.end, deadline, calendar);
  if (nudge !== undefined) steps.push({ step: 'nudge', at: nudge });
  steps.push(...reflectionResends(s, cfg));
  steps.push({ step: 'digest', at: Math.max(deadline + 1, calendar.sendTime(deadline + 1)) });
  return steps.sort((a, b) => a.at - b.at);
}

/** Lark cards accept clicks and patches for 14 days: a reflection card still in use is re-sent a day ahead. */
const CARD_RESEND_MS = 13 * 24 * HOUR;

/** `re<n>` → n, else undefined. */
export function resendGeneration(step: string): number | undefined {
  const m = /^re(\d{1,3})$/.exec(step);
  return m ? Number(m[1]) : undefined;
}

/**
 * The re-sends of the reflection cards (DESIGN §2.1): `re<n>` at end + n·13 d while before the
 * deadline, so a window longer than 13 days never leaves anyone with a card Lark no longer accepts.
 * Kept at the exact instant (not moved to working hours): a holiday could push it past day 14.
 */
export function reflectionResends(s: Pick<StudySession, 'end'>, cfg: Pick<StudyConfig, 'reflectionDueHours'>): PlannedStep[] {
  const deadline = reflectionDeadline(s, cfg);
  const out: PlannedStep[] = [];
  for (let n = 1; s.end + n * CARD_RESEND_MS < deadline; n++) out.push({ step: `re${n}`, at: s.end + n * CARD_RESEND_MS });
  return out;
}

/**
 * The generation of the reflection cards a step sends: 0 at the end, n at `re<n>`, and for the
 * nudge the re-sends scheduled strictly before it (a nudge is a fresh card of that generation, so
 * the next re-send replaces it too).
 */
export function cardGeneration(
  s: Pick<StudySession, 'end'>, cfg: Pick<StudyConfig, 'reflectionDueHours'>, step: string, at: number,
): number {
  return resendGeneration(step) ?? (step === 'end' ? 0 : reflectionResends(s, cfg).filter((x) => x.at < at).length);
}

/**
 * When the nudge goes: its nominal time moved to the next working moment, or — when that would pass the
 * deadline (a Thursday session's Saturday nudge) — the last working moment before the deadline, on the
 * hour. Undefined when no working moment lies between the session's end and the deadline.
 */
function nudgeAt(nominal: number, end: number, deadline: number, calendar: WorkCalendar): number | undefined {
  const forward = calendar.sendTime(Math.max(nominal, end + MIN));
  if (forward > end && forward < deadline) return forward;
  for (let t = Math.floor((deadline - MIN) / HOUR) * HOUR; t > end; t -= HOUR) {
    if (t < deadline && calendar.sendTime(t) === t) return t;
  }
  return undefined;
}

type CheckIn = { ok: true; status: 'on' | 'late' } | { ok: false; reason: 'early' | 'closed' };

export function checkInVerdict(s: Pick<StudySession, 'start'>, cfg: StudyConfig, now: number): CheckIn {
  if (now < checkInOpensAt(s, cfg)) return { ok: false, reason: 'early' };
  if (now <= s.start) return { ok: true, status: 'on' };
  if (now <= checkInClosesAt(s, cfg)) return { ok: true, status: 'late' };
  return { ok: false, reason: 'closed' };
}

/** Leave is asked for before the session, at the latest while check-in is still open: absence is not excused afterwards. */
export const canTakeLeave = (s: Pick<StudySession, 'start'>, cfg: Pick<StudyConfig, 'lateGraceMinutes'>, now: number) =>
  now <= checkInClosesAt(s, cfg);

type ReflectionWindow = 'early' | 'open' | 'closed';
export function reflectionWindow(s: Pick<StudySession, 'start' | 'end'>, cfg: StudyConfig, now: number): ReflectionWindow {
  if (now < s.start) return 'early';
  return now <= reflectionDeadline(s, cfg) ? 'open' : 'closed';
}

/** Who is nudged before the deadline: attended or absent without leave, and no reflection yet. */
export function nudgeTargets(
  attendees: readonly string[], records: Readonly<Record<string, Attendance>>, reflected: ReadonlySet<string>,
): string[] {
  return attendees.filter((u) => records[u]?.status !== 'leave' && !reflected.has(u));
}
