import { describe, expect, it } from 'vitest';
import { addDays, createCalendar, endOfDay, instantOf, isDay, localParts } from '../../../src/domain/calendar.js';

const cal = createCalendar({
  workdays: [1, 2, 3, 4, 5], holidays: ['2027-01-01'], extraWorkdays: ['2027-02-14'], quietHours: { from: '21:00', to: '08:00' },
}, 'Asia/Shanghai');

describe('campaign calendar', () => {
  it('converts wall time in the campaign zone to instants and back', () => {
    expect(new Date(instantOf('2027-03-01', '09:00', 'Asia/Shanghai')).toISOString()).toBe('2027-03-01T01:00:00.000Z');
    expect(localParts(Date.parse('2027-03-01T01:00:00Z'), 'Asia/Shanghai'))
      .toEqual({ day: '2027-03-01', time: '09:00', minutes: 540, weekday: 1 });
    expect(new Date(endOfDay('2027-03-01', 'Asia/Shanghai')).toISOString()).toBe('2027-03-01T15:59:59.999Z');
    expect(Number.isNaN(instantOf('2027-3-1', '09:00', 'Asia/Shanghai'))).toBe(true);
    expect(isDay('2027-02-30')).toBe(false);
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
  });

  it('handles a zone with daylight saving: gaps move forward, days can be 23 or 25 hours', () => {
    const tz = 'America/New_York';
    // 2027-03-14 02:30 does not exist in New York (clocks jump 02:00 → 03:00).
    expect(new Date(instantOf('2027-03-14', '02:30', tz)).toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(new Date(instantOf('2027-03-14', '09:00', tz)).toISOString()).toBe('2027-03-14T13:00:00.000Z');
    expect(new Date(instantOf('2027-03-13', '09:00', tz)).toISOString()).toBe('2027-03-13T14:00:00.000Z');
    // 2027-11-07 01:30 happens twice: the first one is taken.
    expect(new Date(instantOf('2027-11-07', '01:30', tz)).toISOString()).toBe('2027-11-07T05:30:00.000Z');
    expect(endOfDay('2027-03-14', tz) + 1 - instantOf('2027-03-14', '00:00', tz)).toBe(23 * 3_600_000);
    expect(endOfDay('2027-11-07', tz) + 1 - instantOf('2027-11-07', '00:00', tz)).toBe(25 * 3_600_000);
  });

  it('knows working days: weekends, holidays and 调休 extra workdays', () => {
    expect(cal.isWorkday('2027-03-01')).toBe(true); // Monday
    expect(cal.isWorkday('2027-03-06')).toBe(false); // Saturday
    expect(cal.isWorkday('2027-01-01')).toBe(false); // holiday, a Friday
    expect(cal.isWorkday('2027-02-14')).toBe(true); // Sunday made a workday
    expect(cal.nextWorkday('2026-12-31')).toBe('2027-01-04');
  });

  it('moves a nudge out of quiet hours and off holidays to the next working morning', () => {
    const at = (day: string, time: string) => instantOf(day, time, 'Asia/Shanghai');
    expect(cal.sendTime(at('2027-03-01', '10:00'))).toBe(at('2027-03-01', '10:00'));
    expect(cal.sendTime(at('2027-03-01', '06:30'))).toBe(at('2027-03-01', '08:00'));
    expect(cal.sendTime(at('2027-03-01', '22:00'))).toBe(at('2027-03-02', '08:00'));
    expect(cal.sendTime(at('2027-03-05', '22:00'))).toBe(at('2027-03-08', '08:00')); // Friday night → Monday
    expect(cal.sendTime(at('2027-03-06', '10:00'))).toBe(at('2027-03-08', '08:00'));
    expect(cal.sendTime(at('2026-12-31', '23:00'))).toBe(at('2027-01-04', '08:00'));
    const lunch = createCalendar(
      { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], quietHours: { from: '12:00', to: '13:30' } }, 'Asia/Shanghai',
    );
    expect(lunch.sendTime(at('2027-03-01', '12:10'))).toBe(at('2027-03-01', '13:30'));
    expect(lunch.sendTime(at('2027-03-06', '12:10'))).toBe(at('2027-03-08', '08:00'));
    expect(lunch.inQuietHours(at('2027-03-01', '23:00'))).toBe(false);
  });
});
