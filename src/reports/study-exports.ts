import { loadExcel } from './excel.js';
import { localParts } from '../domain/calendar.js';
import { summarize, percent, type SessionSummary } from '../domain/study/digest.js';
import type { StudySession } from '../domain/study/session.js';
import { msg } from '../messages/index.js';
import type { StudyStore } from '../store/study.js';
import { xmlSafe } from './exports.js';

/**
 * Study numbers and the admins' XLSX export (DESIGN §2.5): attendance and reflections are named
 * records, so the export lists people. Every figure comes from the stored records.
 */

interface LoadedSummary { summary: SessionSummary; names: Record<string, string> }

/** The numbers of one session from its attendee snapshot, attendance records and reflections. */
export async function loadSummary(store: StudyStore, sessionId: string): Promise<LoadedSummary> {
  const [names, records, reflections] = await Promise.all([
    store.attendees(sessionId), store.records(sessionId), store.reflections(sessionId),
  ]);
  const people = names ?? {};
  return { summary: summarize(sessionId, Object.keys(people), records, new Set(Object.keys(reflections))), names: people };
}

/** One past session's rates, for the trend charts (the study digest, 进度, the weekly digest). */
export interface TrendPoint { label: string; attendance: number; reflection: number }

/** The rates of the last `n` sessions held before `before` (with an attendee snapshot), oldest first. */
export async function attendanceTrend(store: StudyStore, before: number, n: number): Promise<TrendPoint[]> {
  const trend: TrendPoint[] = [];
  for (const past of await store.sessionsBefore(before, n)) {
    if (past.status === 'cancelled' || !(await store.attendees(past.id))) continue;
    const { summary } = await loadSummary(store, past.id);
    trend.push({
      label: `${past.id.slice(6, 8)}/${past.id.slice(8, 10)}`,
      attendance: percent(summary.attendanceRate), reflection: percent(summary.reflectionRate),
    });
  }
  return trend;
}

const E = msg.study.export;
const when = (ms: number, tz: string) => {
  const p = localParts(ms, tz);
  return `${p.day} ${p.time}`;
};
const topic = (s: StudySession) => s.topic || msg.study.defaultTopic.zh;
const cell = (v: string | number) => (typeof v === 'string' ? xmlSafe(v) : v);

/** One workbook: a summary per session, attendance per person, reflections per person (named). */
export async function studyXlsx(store: StudyStore, timeZone: string, opts: { until?: number } = {}): Promise<Buffer> {
  const sessions = (await store.sessionsBetween(0, opts.until ?? Number.MAX_SAFE_INTEGER, 10_000)).filter((s) => s.status !== 'cancelled');
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet(E.sheetSummary.zh);
  const att = wb.addWorksheet(E.sheetAttendance.zh);
  const refl = wb.addWorksheet(E.sheetReflections.zh);
  sum.addRow([E.colSession.zh, E.colStart.zh, E.colTopic.zh, E.colPlace.zh, E.colAttendees.zh, E.colAttended.zh, E.colLate.zh,
    E.colLeave.zh, E.colAbsent.zh, E.colRate.zh, E.colReflections.zh, E.colMissing.zh]);
  att.addRow([E.colSession.zh, E.colStart.zh, E.colTopic.zh, E.colName.zh, E.colStatus.zh, E.colAt.zh, E.colReason.zh]);
  refl.addRow([E.colSession.zh, E.colStart.zh, E.colTopic.zh, E.colName.zh, E.colSubmitted.zh, E.colUpdated.zh, E.colText.zh,
    E.colLink.zh]);
  for (const s of sessions) {
    const names = await store.attendees(s.id);
    if (!names) continue; // never reached its first step
    const [records, reflections] = await Promise.all([store.records(s.id), store.reflections(s.id)]);
    const x = summarize(s.id, Object.keys(names), records, new Set(Object.keys(reflections)));
    const head = [s.id, when(s.start, timeZone), topic(s)];
    sum.addRow([...head, s.place, x.attendees, x.onTime.length + x.late.length, x.late.length, x.leave.length, x.absent.length,
      percent(x.attendanceRate), x.attendees - x.leave.length - x.missing.length, x.missing.length].map(cell));
    for (const [openId, name] of Object.entries(names)) {
      const r = records[openId];
      const status = r ? msg.study.statuses[r.status].zh : msg.study.statuses.absent.zh;
      att.addRow([...head, name || openId, status, r ? when(r.at, timeZone) : '', r?.reason ?? ''].map(cell));
      const f = reflections[openId];
      if (f) refl.addRow([...head, name || openId, when(f.at, timeZone), when(f.updatedAt, timeZone),
        f.parts.join('\n\n'), f.link ?? ''].map(cell));
    }
  }
  for (const ws of [sum, att, refl]) ws.columns.forEach((c, i) => { c.width = i === 6 && ws === refl ? 80 : 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
