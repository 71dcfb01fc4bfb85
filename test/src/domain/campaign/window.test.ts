import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CampaignError, parseCampaign } from '../../../../src/campaign.js';
import { endOfDay, startOfDay } from '../../../../src/domain/calendar.js';
import { campaignWindow, inWindow, studyWindow, windowInstants } from '../../../../src/domain/campaign/window.js';
import { CAMPAIGN_PATH } from '../../../helpers/bot.js';

const example = JSON.parse(readFileSync(CAMPAIGN_PATH, 'utf8'));
const SH = 'Asia/Shanghai';

describe('the campaign window', () => {
  it('runs from the first phase start to the last phase end, whatever the order of the phases', () => {
    const c = parseCampaign({ ...example, phases: [...example.phases].reverse() });
    expect(campaignWindow(c)).toEqual({ from: '2027-02-15', until: '2027-09-30' });
    expect(campaignWindow(parseCampaign({ ...example, phases: [] }))).toEqual({});
  });

  it('the study window takes study.from / study.until where the file gives them', () => {
    const c = parseCampaign({ ...example, study: { ...example.study, from: '2027-03-01' } });
    expect(studyWindow(c)).toEqual({ from: '2027-03-01', until: '2027-09-30' });
    const d = parseCampaign({ ...example, study: { ...example.study, until: '2027-06-30' } });
    expect(studyWindow(d)).toEqual({ from: '2027-02-15', until: '2027-06-30' });
  });

  it('includes both end days; an open end is unbounded', () => {
    const w = { from: '2027-02-15', until: '2027-09-30' };
    expect(['2027-02-14', '2027-02-15', '2027-09-30', '2027-10-01'].map((d) => inWindow(d, w))).toEqual([false, true, true, false]);
    expect(inWindow('1999-01-01', {})).toBe(true);
    expect(inWindow('2099-01-01', { from: '2027-02-15' })).toBe(true);
  });

  it('its instants are the first and last moments of its days in the campaign zone', () => {
    expect(windowInstants({ from: '2027-02-15', until: '2027-09-30' }, SH))
      .toEqual({ startAt: startOfDay('2027-02-15', SH), endAt: endOfDay('2027-09-30', SH) });
    expect(windowInstants({}, SH)).toEqual({ startAt: undefined, endAt: undefined });
  });

  it('a study window that ends before it starts is refused with the field', () => {
    expect(() => parseCampaign({ ...example, study: { ...example.study, from: '2027-05-01', until: '2027-04-30' } }))
      .toThrow(CampaignError);
    expect(() => parseCampaign({ ...example, study: { ...example.study, from: '2027-05-01', until: '2027-04-30' } }))
      .toThrow(/study\.until/);
  });
});
