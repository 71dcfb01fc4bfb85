import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../../../../src/campaign.js';
import { createCalendar, instantOf } from '../../../../src/domain/calendar.js';
import { announceAt, pendingAnnouncements, phaseOf } from '../../../../src/domain/campaign/phases.js';
import { CAMPAIGN_PATH } from '../../../helpers/bot.js';

const SH = 'Asia/Shanghai';
const c = parseCampaign(JSON.parse(readFileSync(CAMPAIGN_PATH, 'utf8')));
const cal = createCalendar(c.calendar, SH);

describe('phase announcements', () => {
  it('go out at 09:00 on the first working day of the phase', () => {
    expect(announceAt({ start: '2027-07-01' }, cal)).toBe(instantOf('2027-07-01', '09:00', SH)); // a Thursday
    expect(announceAt({ start: '2027-05-01' }, cal)).toBe(instantOf('2027-05-03', '09:00', SH)); // a Saturday → Monday
    expect(announceAt({ start: '2027-02-08' }, cal)).toBe(instantOf('2027-02-14', '09:00', SH)); // Spring Festival → the 调休 Sunday
  });

  it('still to make: those ahead only', () => {
    const keys = (now: number) => pendingAnnouncements(c.phases, cal, now).map((a) => a.key);
    expect(keys(instantOf('2027-01-10', '10:00', SH))).toEqual(['study', 'criticism', 'rectify']);
    expect(keys(instantOf('2027-03-02', '10:00', SH))).toEqual(['criticism', 'rectify']);
    expect(keys(instantOf('2027-05-03', '08:59', SH))).toEqual(['criticism', 'rectify']);
    expect(keys(instantOf('2027-05-03', '09:00', SH))).toEqual(['rectify']);
    expect(keys(instantOf('2027-10-01', '10:00', SH))).toEqual([]);
    expect(pendingAnnouncements(c.phases, cal, instantOf('2027-03-02', '10:00', SH))[0])
      .toEqual({ key: 'criticism', start: '2027-05-01', at: instantOf('2027-05-03', '09:00', SH) });
  });

  it('an announcement planned for a phase that has moved or gone finds nothing', () => {
    expect(phaseOf(c.phases, 'criticism', '2027-05-01')).toMatchObject({ name: '查摆问题、开展批评', index: 1 });
    expect(phaseOf(c.phases, 'criticism', '2027-04-20')).toBeUndefined();
    expect(phaseOf(c.phases, 'gone', '2027-05-01')).toBeUndefined();
  });
});
