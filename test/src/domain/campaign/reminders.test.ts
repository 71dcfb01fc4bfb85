import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../../../../src/campaign.js';
import { createCalendar, instantOf, localParts } from '../../../../src/domain/calendar.js';
import { milestoneRecipients, milestoneSteps, planMilestoneSteps } from '../../../../src/domain/campaign/reminders.js';
import { CAMPAIGN_PATH } from '../../../helpers/bot.js';

const SH = 'Asia/Shanghai';
const c = parseCampaign(JSON.parse(readFileSync(CAMPAIGN_PATH, 'utf8')));
// Workdays Mon–Fri; holidays 2027-02-06, 02-08 … 02-12; extra workdays Sun 02-14 and Sat 02-20; quiet 21:00–08:00.
const cal = createCalendar(c.calendar, SH);
const local = (ms: number) => { const p = localParts(ms, SH); return `${p.day} ${p.time}`; };
const table = (date: string) => milestoneSteps(date, cal).map((s) => [s.step, local(s.at)]);

describe('milestone reminder steps', () => {
  it('a Thursday: 09:00 three days and one day before, on the day, the next working day, and after 3 working days', () => {
    expect(table('2027-05-20')).toEqual([
      ['t-3', '2027-05-17 09:00'], ['t-1', '2027-05-19 09:00'], ['t0', '2027-05-20 09:00'],
      ['late1', '2027-05-21 09:00'], ['late3', '2027-05-25 09:00'],
    ]);
  });

  it('a Saturday that is an extra workday is reminded on the day; the weekend after counts no working days', () => {
    expect(table('2027-02-20')).toEqual([
      ['t-3', '2027-02-17 09:00'], ['t-1', '2027-02-19 09:00'], ['t0', '2027-02-20 09:00'],
      ['late1', '2027-02-22 09:00'], ['late3', '2027-02-24 09:00'],
    ]);
  });

  it('a Sunday: the day before and the day move to Monday, where the overdue notice supersedes them', () => {
    expect(table('2027-06-20')).toEqual([['t-3', '2027-06-17 09:00'], ['late1', '2027-06-21 09:00'], ['late3', '2027-06-23 09:00']]);
  });

  it('holidays: a step on a holiday waits for the next working morning; 3 working days skip the holiday week', () => {
    // T−3 on Friday 12 Feb (a holiday) would move to Sunday 14 Feb (an extra workday), the day of T−1: left out.
    expect(table('2027-02-15')).toEqual([
      ['t-1', '2027-02-14 09:00'], ['t0', '2027-02-15 09:00'], ['late1', '2027-02-16 09:00'], ['late3', '2027-02-18 09:00'],
    ]);
    // Friday 5 Feb: the next working day is Sunday 14 Feb, the third Tuesday 16 Feb.
    expect(table('2027-02-05').slice(-2)).toEqual([['late1', '2027-02-14 09:00'], ['late3', '2027-02-16 09:00']]);
  });

  it('quiet hours until 09:30 move every step to 09:30', () => {
    const late = createCalendar({ ...c.calendar, quietHours: { from: '21:00', to: '09:30' } }, SH);
    expect(milestoneSteps('2027-05-20', late).map((s) => local(s.at).slice(11))).toEqual(['09:30', '09:30', '09:30', '09:30', '09:30']);
  });

  it('at plan time, past steps are skipped; the latest goes at once while its day lasts', () => {
    const at = (day: string, time: string) => instantOf(day, time, SH);
    const plan = (now: number) => planMilestoneSteps('2027-05-20', now, cal).map((s) => [s.step, local(s.at), s.catchUp ?? false]);
    expect(plan(at('2027-05-10', '10:00')).map((s) => s[0])).toEqual(['t-3', 't-1', 't0', 'late1', 'late3']);
    expect(plan(at('2027-05-20', '10:00'))).toEqual([
      ['t0', '2027-05-20 10:00', true], ['late1', '2027-05-21 09:00', false], ['late3', '2027-05-25 09:00', false],
    ]);
    // In the evening's quiet hours it would go tomorrow, beside `late1`: skipped.
    expect(plan(at('2027-05-20', '22:00')).map((s) => s[0])).toEqual(['late1', 'late3']);
    // The next morning, before 09:00: yesterday's step is over.
    expect(plan(at('2027-05-21', '08:30')).map((s) => s[0])).toEqual(['late1', 'late3']);
    expect(plan(at('2027-06-01', '10:00'))).toEqual([]);
  });

  it('goes to the named people and the owner, then the admins too, then the top leader and the admins', () => {
    const people = { remind: ['ou_a', 'ou_admin'], owner: 'ou_o' };
    const ids = (step: Parameters<typeof milestoneRecipients>[0]) =>
      milestoneRecipients(step, people, ['ou_admin', 'ou_admin2'], 'ou_top').map((r) => `${r.openId}${r.admin ? '*' : ''}`);
    expect(ids('t-3')).toEqual(['ou_a', 'ou_admin*', 'ou_o']);
    expect(ids('t0')).toEqual(['ou_a', 'ou_admin*', 'ou_o']);
    expect(ids('late1')).toEqual(['ou_a', 'ou_admin*', 'ou_o', 'ou_admin2*']);
    expect(ids('late3')).toEqual(['ou_top', 'ou_admin*', 'ou_admin2*']);
  });
});
