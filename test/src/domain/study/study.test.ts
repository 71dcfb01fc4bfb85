import { describe, expect, it } from 'vitest';
import { createCalendar, instantOf, localParts } from '../../../../src/domain/calendar.js';
import { summarize } from '../../../../src/domain/study/digest.js';
import { parseLeaveForm, parseReflectionForm, parseSettingsForm } from '../../../../src/domain/study/form.js';
import {
  cardGeneration, checkInVerdict, cronStarts, isLarkDocUrl, matchesCron, newSession, nudgeTargets, reflectionDeadline,
  reflectionResends, reflectionWindow, resendGeneration, sessionIdOf, sessionSteps, stepSchema, type StudyConfig,
} from '../../../../src/domain/study/session.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const cfg: StudyConfig = {
  cron: '0 9 * * 1', durationMinutes: 120, place: '四楼会议室', remindBeforeMinutes: [1440, 60], lateGraceMinutes: 15,
  reflectionDueHours: 72, skipDates: [], nudgeBeforeHours: 26, checkInOpensMinutes: 30,
};
const calendar = createCalendar(
  { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], quietHours: { from: '21:00', to: '08:00' } }, SH,
);
const MIN = 60_000;
const start = instantOf('2027-03-08', '09:00', SH); // a Monday

describe('study sessions in the campaign zone', () => {
  it('names a session by its local start, so a double firing maps to one session', () => {
    expect(sessionIdOf(start, SH)).toBe('s-20270308-0900');
    expect(cronStarts(cfg.cron, SH, start - 8 * 86_400_000, start)).toEqual([start - 7 * 86_400_000, start]);
    expect(matchesCron(cfg.cron, SH, start)).toBe(true);
    expect(matchesCron('0 14 * * 3', SH, start)).toBe(false);
  });

  it('a zone with DST: one 01:30 session on the fall-back day (01:30 happens twice), ' +
    'and 09:00 stays 09:00 local across the change', () => {
    const day = instantOf('2027-11-07', '00:00', NY);
    const starts = cronStarts('30 1 * * *', NY, day - 86_400_000, day + 2 * 86_400_000);
    const ids = starts.map((s) => sessionIdOf(s, NY));
    expect(ids).toEqual(['s-20271106-0130', 's-20271107-0130', 's-20271108-0130']);
    // Both wall-clock occurrences of 01:30 on 2027-11-07 carry the same id (and so the same outbox keys).
    const first = instantOf('2027-11-07', '01:30', NY);
    expect(sessionIdOf(first + 3_600_000, NY)).toBe(sessionIdOf(first, NY));
    const weekly = cronStarts('0 9 * * 1', NY, instantOf('2027-03-01', '00:00', NY), instantOf('2027-03-22', '00:00', NY));
    expect(weekly.map((s) => localParts(s, NY).time)).toEqual(['09:00', '09:00', '09:00']);
    expect(weekly[2]! - weekly[1]!).toBe(7 * 86_400_000 - 3_600_000); // clocks went forward on 2027-03-14
    // Asia/Shanghai has no DST: always 7 days apart.
    const sh = cronStarts('0 9 * * 1', SH, instantOf('2027-03-01', '00:00', SH), instantOf('2027-03-22', '00:00', SH));
    expect(sh[2]! - sh[1]!).toBe(7 * 86_400_000);
  });

  it('plans reminders, the check-in window, the end, a nudge moved to working hours and the digest', () => {
    const s = newSession(start, cfg, 'cron', 0, SH);
    const steps = Object.fromEntries(sessionSteps(s, cfg, calendar).map((x) => [x.step, x.at]));
    expect(steps.r1440).toBe(start - 1440 * MIN);
    expect(steps.r60).toBe(start - 60 * MIN);
    expect(steps.open).toBe(start - 30 * MIN);
    expect(steps.close).toBe(start + 15 * MIN);
    expect(steps.end).toBe(start + 120 * MIN);
    // Deadline Thu 11:00; 26 h before is Wed 09:00, a working hour.
    expect(reflectionDeadline(s, cfg)).toBe(instantOf('2027-03-11', '11:00', SH));
    expect(steps.nudge).toBe(instantOf('2027-03-10', '09:00', SH));
    expect(steps.digest).toBe(instantOf('2027-03-11', '11:00', SH) + 1);
    // A Friday 20:00 session: the deadline is Monday 22:00; 26 h before is Sunday 20:00 → Monday 08:00.
    const fri = newSession(instantOf('2027-03-12', '20:00', SH), cfg, 'oneoff', 0, SH);
    const f = Object.fromEntries(sessionSteps(fri, cfg, calendar).map((x) => [x.step, x.at]));
    expect(f.nudge).toBe(instantOf('2027-03-15', '08:00', SH));
    // Digest after a deadline in quiet hours waits for the morning.
    expect(f.digest).toBe(instantOf('2027-03-16', '08:00', SH));
  });

  it('a nudge that would land after the deadline goes at the last working hour before it instead', () => {
    // Thursday 14:00–16:00: deadline Sunday 16:00; 26 h before is Saturday 14:00 → Monday 08:00, past the deadline.
    const thu = newSession(instantOf('2027-03-11', '14:00', SH), cfg, 'cron', 0, SH);
    const t = Object.fromEntries(sessionSteps(thu, { ...cfg, durationMinutes: 120 }, calendar).map((x) => [x.step, x.at]));
    expect(t.nudge).toBe(instantOf('2027-03-12', '20:00', SH)); // Friday 20:00, before the 21:00 quiet hours
    // No working moment at all between the end and the deadline: no nudge.
    const sat = newSession(instantOf('2027-03-13', '09:00', SH), { ...cfg, reflectionDueHours: 24 }, 'oneoff', 0, SH);
    expect(sessionSteps(sat, { ...cfg, reflectionDueHours: 24 }, calendar).map((x) => x.step)).not.toContain('nudge');
  });

  it('check-in: refused before the window, on time until the start, late within the grace, refused after', () => {
    expect(checkInVerdict({ start }, cfg, start - 31 * MIN)).toEqual({ ok: false, reason: 'early' });
    expect(checkInVerdict({ start }, cfg, start - 30 * MIN)).toEqual({ ok: true, status: 'on' });
    expect(checkInVerdict({ start }, cfg, start)).toEqual({ ok: true, status: 'on' });
    expect(checkInVerdict({ start }, cfg, start + 1)).toEqual({ ok: true, status: 'late' });
    expect(checkInVerdict({ start }, cfg, start + 15 * MIN)).toEqual({ ok: true, status: 'late' });
    expect(checkInVerdict({ start }, cfg, start + 15 * MIN + 1)).toEqual({ ok: false, reason: 'closed' });
    const s = { start, end: start + 120 * MIN };
    expect(reflectionWindow(s, cfg, start - 1)).toBe('early');
    expect(reflectionWindow(s, cfg, reflectionDeadline(s, cfg))).toBe('open');
    expect(reflectionWindow(s, cfg, reflectionDeadline(s, cfg) + 1)).toBe('closed');
  });
});

describe('reflection cards outliving Lark\'s 14-day card limit', () => {
  const s = newSession(start, cfg, 'cron', 0, SH);
  const DAY = 86_400_000;
  const steps = (hours: number, nudge = cfg.nudgeBeforeHours) =>
    sessionSteps(s, { ...cfg, reflectionDueHours: hours, nudgeBeforeHours: nudge }, calendar);

  it('a window of 13 days or less has no re-send; a longer one one every 13 days while before the deadline', () => {
    expect(steps(72).map((x) => x.step)).toEqual(['r1440', 'r60', 'open', 'close', 'end', 'nudge', 'digest']);
    expect(reflectionResends(s, { reflectionDueHours: 312 })).toEqual([]);
    expect(reflectionResends(s, { reflectionDueHours: 313 })).toEqual([{ step: 're1', at: s.end + 13 * DAY }]);
    expect(reflectionResends(s, { reflectionDueHours: 720 }))
      .toEqual([{ step: 're1', at: s.end + 13 * DAY }, { step: 're2', at: s.end + 26 * DAY }]);
    expect(reflectionResends(s, { reflectionDueHours: 624 })).toEqual([{ step: 're1', at: s.end + 13 * DAY }]);
    // In the schedule, in time order, before the digest; the step names pass the job schema.
    const long = steps(720).map((x) => x.step);
    expect(long.slice(-4)).toEqual(['re1', 're2', 'nudge', 'digest']);
    for (const st of long) expect(stepSchema.safeParse(st).success, st).toBe(true);
    expect(stepSchema.safeParse('re').success).toBe(false);
    expect(resendGeneration('re2')).toBe(2);
    expect(resendGeneration('r60')).toBeUndefined();
  });

  it('a card\'s generation: 0 at the end, n at re<n>, and the re-sends scheduled before a nudge', () => {
    const c = { reflectionDueHours: 720 };
    expect(cardGeneration(s, c, 'end', s.end)).toBe(0);
    expect(cardGeneration(s, c, 're2', s.end + 26 * DAY)).toBe(2);
    expect(cardGeneration(s, c, 'nudge', s.end + 5 * DAY)).toBe(0);
    expect(cardGeneration(s, c, 'nudge', s.end + 13 * DAY)).toBe(0);
    expect(cardGeneration(s, c, 'nudge', s.end + 13 * DAY + 1)).toBe(1);
    expect(cardGeneration(s, c, 'nudge', s.end + 29 * DAY)).toBe(2);
  });
});

describe('study forms', () => {
  it('reflections: up to three parts of ≤ 1,000 characters and/or a Lark document link', () => {
    expect(parseReflectionForm({ st_r1: ' 第一段 ', st_r3: '第三段' })).toEqual({ ok: true, parts: ['第一段', '第三段'] });
    expect(parseReflectionForm({ st_r1: '长'.repeat(1001) })).toEqual({ ok: false, error: 'long' });
    expect(parseReflectionForm({ st_link: `https://x.feishu.cn/docx/${'a'.repeat(480)}` })).toEqual({ ok: false, error: 'link' });
    expect(parseReflectionForm({ st_r2: '长'.repeat(1000) })).toMatchObject({ ok: true });
    expect(parseReflectionForm({})).toEqual({ ok: false, error: 'empty' });
    expect(parseReflectionForm({ st_link: 'https://example.com/doc' })).toEqual({ ok: false, error: 'link' });
    expect(parseReflectionForm({ st_link: 'http://x.feishu.cn/docx/a' })).toEqual({ ok: false, error: 'link' });
    expect(parseReflectionForm({ st_link: 'https://evil.feishu.cn.example.com/docx/a' })).toEqual({ ok: false, error: 'link' });
    expect(parseReflectionForm({ st_link: 'https://abc.feishu.cn/docx/AbC' }))
      .toEqual({ ok: true, parts: [], link: 'https://abc.feishu.cn/docx/AbC' });
    expect(isLarkDocUrl('https://x.larkoffice.com/wiki/1')).toBe(true);
    expect(isLarkDocUrl('https://larksuite.com.evil.io/x')).toBe(false);
    expect(parseLeaveForm({ st_reason: '  ' })).toEqual({ ok: false });
    expect(parseLeaveForm({ st_reason: '出差' })).toEqual({ ok: true, reason: '出差' });
  });

  it('settings: https materials only, a one-off session in the future', () => {
    const now = start - 86_400_000;
    const ok = parseSettingsForm({
      st_target: 'oneoff', st_day: '2027-03-10 +0800', st_time: '14：30', st_topic: '学习 党章', st_materials: 'https://a.b/1\nhttps://c.d/2',
    }, { now, timeZone: SH });
    expect(ok).toEqual({
      ok: true, value: {
        target: 'oneoff', start: instantOf('2027-03-10', '14:30', SH), topic: '学习 党章', place: '',
        materials: ['https://a.b/1', 'https://c.d/2'],
      },
    });
    const bad = parseSettingsForm(
      { st_target: 'oneoff', st_day: '2027-03-01 +0800', st_time: '25:00', st_materials: 'javascript:alert(1)' }, { now, timeZone: SH },
    );
    expect(bad).toEqual({ ok: false, errors: ['materials', 'time'] });
    expect(parseSettingsForm({ st_target: 'oneoff', st_day: '2027-03-01 +0800', st_time: '09:00' }, { now, timeZone: SH }))
      .toEqual({ ok: false, errors: ['past'] });
    expect(parseSettingsForm({ st_target: 'x' }, { now, timeZone: SH })).toEqual({ ok: false, errors: ['target'] });
    expect(parseSettingsForm(
      { st_target: 'next', st_materials: Array.from({ length: 6 }, (_, i) => `https://a.b/${i}`).join('\n') }, { now, timeZone: SH },
    )).toEqual({ ok: false, errors: ['materials'] });
  });
});

describe('study numbers', () => {
  it('nudges go to those who attended or were absent without leave and have no reflection', () => {
    const people = ['a', 'b', 'c', 'd', 'e'];
    const records = {
      a: { status: 'on' as const, at: 1 }, b: { status: 'late' as const, at: 1 }, c: { status: 'leave' as const, at: 1, reason: 'x' },
    };
    expect(nudgeTargets(people, records, new Set(['a']))).toEqual(['b', 'd', 'e']);
    const x = summarize('s-20270308-0900', people, records, new Set(['a', 'c', 'e']));
    expect(x).toMatchObject({
      attendees: 5, onTime: ['a'], late: ['b'], leave: ['c'], absent: ['d', 'e'], reflected: ['a', 'c', 'e'], missing: ['b', 'd'],
    });
    expect(x.attendanceRate).toBeCloseTo(0.4);
    expect(x.reflectionRate).toBeCloseTo(2 / 4);
  });
});
