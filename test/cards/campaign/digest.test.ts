import { describe, expect, it } from 'vitest';
import { weeklyDigestCard } from '../../../cards/campaign/digest.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import { weeklyDigest } from '../../../src/domain/campaign/digest.js';
import { CAMPAIGN_CASES, digestInput, materialRows, meetingRows, talkRows } from '../../helpers/card-cases/campaign.js';

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
    // User text sits in plain-text blocks: the only markdown is the six headings.
    expect(text.match(/"tag":"markdown"/g)).toHaveLength(6);
    expect(str(weeklyDigestCard(weeklyDigest(digestInput(40)), { campaignName: '区总工会' }))).toMatch(/另有 \d+ 项未列出/);
  });

  it('lists materials overdue, then returned for revision, then due this week, with their authors; caps the list', () => {
    const v = weeklyDigest({ ...digestInput(0), materials: materialRows(12) });
    expect(v.materials.map((x) => [x.title.split(' ').at(-1), x.flag])).toEqual([
      ['材料0', 'overdue'], ['材料1', 'overdue'], ['材料2', 'overdue'], ['材料4', 'overdue'], ['材料5', 'overdue'],
      ['材料6', 'returned'], ['材料10', 'returned'], ['材料8', 'due'],
    ]);
    const text = str(weeklyDigestCard(v, { campaignName: '区总工会' }));
    expect(text).toContain('【逾期】对照检查材料：');
    expect(text).toContain('（完成时限 2027年5月15日（周六），撰写人：撰写人0）');
    expect(text).toContain('【本周到期】对照检查材料：');
    expect(str(weeklyDigestCard(weeklyDigest({ ...digestInput(0), materials: materialRows(60) }), { campaignName: '区总工会' })))
      .toMatch(/另有 \d+ 份未列出，详见「材料」/);
    expect(str(weeklyDigestCard(weeklyDigest({ ...digestInput(0), materials: [] }), { campaignName: '区总工会' })))
      .toContain('没有逾期、退回修改或本周到期的材料');
  });

  it('names the overdue talks and the meeting records their subjects have not confirmed (a meeting still planned: none)', () => {
    const meetings = [...meetingRows(2, true), { title: '筹备中的会', state: 'planned' as const, records: [] }];
    const v = weeklyDigest({ ...digestInput(0), talks: talkRows(6, true), meetings });
    expect(v.talks.overdue.map((x) => x.due)).toEqual(['2027-05-10', '2027-05-12', '2027-05-14']);
    expect(v.talks.unconfirmed.map((x) => [x.name.slice(0, 3), x.state])).toEqual([
      ['参会0', 'pending'], ['参会2', 'correction'], ['参会0', 'pending'], ['参会2', 'correction'],
    ]);
    const text = str(weeklyDigestCard(v, { campaignName: '区总工会' }));
    expect(text).toContain('谈话甲0');
    expect(text).toContain('（2027年5月10日（周一）前）');
    expect(text).toContain('（待本人确认）');
    expect(text).toContain('（本人申请更正）');
    const none = str(weeklyDigestCard(weeklyDigest({ ...digestInput(0), talks: [], meetings: [] }), { campaignName: '区总工会' }));
    expect(none).toContain('没有逾期未谈的谈心谈话');
    expect(none).toContain('生活会记录均已由本人确认');
  });
});
