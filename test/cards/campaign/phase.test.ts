import { describe, expect, it } from 'vitest';
import { phaseStartedCard } from '../../../cards/campaign/phase.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import { CAMPAIGN_CASES } from '../../helpers/card-cases/campaign.js';

const str = (x: unknown) => JSON.stringify(x);

describe('the phase announcement card', () => {
  it('is a valid Card JSON 2.0 card within the limits for every view model', () => {
    for (const make of CAMPAIGN_CASES.phaseStartedCard!) {
      const card = make();
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_LIMITS.maxBytes);
    }
  });

  it('says which phase begins, its dates as 年月日（周）, and its milestones in date order', () => {
    const card = phaseStartedCard({
      campaignName: '区总工会党的群众路线教育实践活动', index: 1,
      phase: { name: '查摆问题、开展批评', start: '2027-05-01', end: '2027-06-30' },
      milestones: [{ name: '专题民主生活会', date: '2027-06-20' }, { name: '提交征求意见情况报告', date: '2027-05-20' }],
    });
    const text = str(card);
    expect(card.header?.title.content).toBe('第二阶段开始：查摆问题、开展批评');
    expect(card.header?.subtitle?.content).toBe('2027年5月1日（周六）至2027年6月30日（周三）');
    expect(text.indexOf('2027年5月20日（周四）　提交征求意见情况报告')).toBeGreaterThan(0);
    expect(text.indexOf('2027年5月20日')).toBeLessThan(text.indexOf('2027年6月20日（周日）　专题民主生活会'));
    expect(text).toContain('活动办');
    // No English in a Chinese card.
    expect(text).not.toMatch(/Phase|begins|Milestones|campaign office/);
  });

  it('shows names from the file as plain text only, never as markdown', () => {
    const card = CAMPAIGN_CASES.phaseStartedCard![1]!();
    expect(str(card)).not.toContain('"tag":"markdown"');
  });
});
