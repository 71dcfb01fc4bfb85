import { describe, expect, it } from 'vitest';
import { weeklyDigestCard } from '../../../cards/campaign/digest.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import { weeklyDigest } from '../../../src/domain/campaign/digest.js';
import { CAMPAIGN_CASES, digestInput } from '../../helpers/card-cases/campaign.js';

const str = (x: unknown) => JSON.stringify(x);

describe('the weekly digest card', () => {
  it('is a valid card within the limits for every view model', () => {
    for (const make of CAMPAIGN_CASES.weeklyDigestCard!) {
      const card = make();
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_LIMITS.maxBytes);
    }
  });

  it('names overdue items with their owners as plain text, caps long lists, and says the week', () => {
    const card = weeklyDigestCard(weeklyDigest(digestInput(4)), { campaignName: '区总工会' });
    const text = str(card);
    expect(card.header?.subtitle?.content).toBe('区总工会 · 2027年5月17日（周一）至2027年5月23日（周日）');
    expect(text).toContain('（2027年5月20日（周四），责任人：赵钱孙1）');
    expect(text).toContain('本周收到 12 条（上周 30 条）');
    // User text sits in plain-text blocks: the only markdown is the three headings.
    expect(text.match(/"tag":"markdown"/g)).toHaveLength(3);
    expect(str(weeklyDigestCard(weeklyDigest(digestInput(40)), { campaignName: '区总工会' }))).toMatch(/另有 \d+ 项未列出/);
  });
});
