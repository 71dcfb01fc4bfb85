import { studyDigestCard, studyRecordCard, studySettingsCard } from '../../../cards/study/admin.js';
import { studyLeaveCard, studyReflectionCard, studyReflectionMovedCard, studySessionCard } from '../../../cards/study/session.js';
import type { Card } from '../../../cards/types.js';
import { summarize } from '../../../src/domain/study/digest.js';
import { newSession, PART_MAX, type Attendance, type StudyConfig, type StudySession } from '../../../src/domain/study/session.js';

/** View models for the study cards: normal, empty, long and hostile (topic, place, reasons, names, reflections). */

const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; \u202Eevil', 'line1\nline2\n\n\nline3'];
const H = HOSTILE.join(' ');
const TZ = 'Asia/Shanghai';
const cfg: StudyConfig = {
  cron: '0 9 * * 1', durationMinutes: 120, place: '四楼会议室', remindBeforeMinutes: [1440, 60], lateGraceMinutes: 15,
  reflectionDueHours: 72, skipDates: [], nudgeBeforeHours: 26, checkInOpensMinutes: 30,
};
const START = Date.UTC(2027, 2, 8, 1, 0); // Mon 2027-03-08 09:00 in Shanghai
const base = newSession(START, cfg, 'cron', START - 86_400_000, TZ);
const hostile: StudySession = { ...base, topic: H.slice(0, 100), place: H.slice(0, 100),
  materials: ['https://example.com/a?x=<script>', 'https://docs.feishu.cn/docx/abc', 'https://x.test/[x](javascript:alert(1))',
    'https://a.b/c', 'https://d.e/f'] };
const oneoff: StudySession = { ...base, id: 's-20270310-1430', source: 'oneoff', topic: '', place: '', materials: [] };
const cancelled: StudySession = { ...base, status: 'cancelled' };
const min = 60_000;
const rec = (status: Attendance['status'], reason?: string): Attendance => ({ status, at: START - 5 * min, ...(reason ? { reason } : {}) });
const long = '长'.repeat(PART_MAX);

const people = Array.from({ length: 120 }, (_, i) => `ou_p${i}`);
const names = Object.fromEntries(people.map((u, i) => [u, i % 3 ? `成员${i}` : HOSTILE[i % HOSTILE.length]!]));
const records: Record<string, Attendance> = Object.fromEntries(people.slice(0, 100).map((u, i) =>
  [u, rec(i % 10 === 0 ? 'leave' : i % 7 === 0 ? 'late' : 'on', H)]));
const summary = summarize(base.id, people, records, new Set(people.slice(0, 60)));
const empty = summarize(base.id, [], {}, new Set());
const trend = Array.from({ length: 15 }, (_, i) => ({
  label: `03/${String(i + 1).padStart(2, '0')}`, attendance: 80 + (i % 5), reflection: 60 + i,
}));

export const STUDY_CASES: Record<string, (() => Card)[]> = {
  studySessionCard: [
    () => studySessionCard({ session: base, rules: cfg, timeZone: TZ, now: START - 1440 * min, reminder: true }),
    () => studySessionCard({ session: hostile, rules: cfg, timeZone: TZ, now: START - 10 * min }),
    () => studySessionCard({ session: hostile, rules: cfg, timeZone: TZ, now: START + 5 * min, record: rec('late') }),
    () => studySessionCard({ session: base, rules: cfg, timeZone: TZ, now: START + 200 * min, record: rec('leave', H) }),
    () => studySessionCard({ session: oneoff, rules: cfg, timeZone: 'UTC', now: START + 60 * min }),
    () => studySessionCard({ session: cancelled, rules: cfg, timeZone: TZ, now: START }),
  ],
  studyLeaveCard: [
    () => studyLeaveCard({ session: hostile, timeZone: TZ }), () => studyLeaveCard({ session: base, timeZone: TZ, error: true }),
  ],
  studyReflectionCard: [
    () => studyReflectionCard({ session: base, rules: cfg, timeZone: TZ, now: START + 130 * min }),
    () => studyReflectionCard({ session: hostile, rules: cfg, timeZone: TZ, now: START + 130 * min, nudge: true, error: 'link',
      reflection: { parts: [long, H, long], link: 'https://docs.feishu.cn/docx/<script>', at: START, updatedAt: START + 1 } }),
    () => studyReflectionCard({ session: hostile, rules: cfg, timeZone: TZ, now: START + 100 * 3_600_000,
      reflection: { parts: [long, H], at: START, updatedAt: START } }),
    () => studyReflectionCard({ session: base, rules: cfg, timeZone: TZ, now: START + 100 * 3_600_000 }),
    () => studyReflectionCard({ session: hostile, rules: { reflectionDueHours: 720 }, timeZone: TZ, now: START + 13 * 86_400_000,
      resent: true, reflection: { parts: [long, H, long], link: 'https://docs.feishu.cn/docx/abc', at: START, updatedAt: START + 1 } }),
  ],
  studyReflectionMovedCard: [
    () => studyReflectionMovedCard({ session: base, timeZone: TZ }),
    () => studyReflectionMovedCard({ session: hostile, timeZone: 'UTC' }),
  ],
  studyDigestCard: [
    () => studyDigestCard({ session: hostile, timeZone: TZ, summary, names, trend }),
    () => studyDigestCard({ session: base, timeZone: TZ, summary: empty, names: {}, trend: [] }),
  ],
  studyRecordCard: [
    () => studyRecordCard({ timeZone: TZ, rows: [], reflectable: [], isAdmin: false }),
    () => studyRecordCard({ timeZone: TZ, next: hostile, isAdmin: true, reflectable: [hostile, base, oneoff, base],
      rows: Array.from({ length: 40 }, (_, i) => ({
        session: i % 2 ? hostile : base,
        status: (['on', 'late', 'leave', 'absent', 'pending'] as const)[i % 5]!,
        reflection: (['in', 'missing', 'none'] as const)[i % 3]!,
      })) }),
  ],
  studySettingsCard: [
    () => studySettingsCard({ timeZone: TZ }),
    () => studySettingsCard({
      timeZone: TZ, next: hostile, saved: hostile, errors: ['target', 'day', 'time', 'past', 'topic', 'place', 'materials'],
    }),
  ],
};
