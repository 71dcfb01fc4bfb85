import { describe, expect, it } from 'vitest';
import { parseCardAction } from '../../../cards/actions.js';
import { campaignEndedCard, endGatesCard, purgeConfirmCard } from '../../../cards/campaign/end.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import { CAMPAIGN_CASES } from '../../helpers/card-cases/campaign.js';

const str = (x: unknown) => JSON.stringify(x);
const ENGLISH = /campaign|Reason|Purge|ended|item|Milestone/;
const values = (card: unknown) => [...str(card).matchAll(/"value":(\{[^}]*\})/g)].map((m) => parseCardAction(JSON.parse(m[1]!)));

describe('the 结束活动 cards', () => {
  it('are valid Card JSON 2.0 within the limits for every view model, user text as plain text only', () => {
    for (const make of [...CAMPAIGN_CASES.endGatesCard!, ...CAMPAIGN_CASES.campaignEndedCard!, ...CAMPAIGN_CASES.purgeConfirmCard!]) {
      const card = make();
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_LIMITS.maxBytes);
      expect(str(card)).not.toContain('"tag":"markdown"');
    }
  });

  it('with every gate passed: a confirmation that says what will happen', () => {
    const text = str(endGatesCard({ reasons: [] }));
    expect(text).toContain('将结束活动并生成归档文件发送给活动办');
    expect(text).toContain('"confirm"');
    expect(values(endGatesCard({ reasons: [] }))).toEqual([{ v: 1, a: 'ce.end' }]);
    expect(text).not.toMatch(ENGLISH);
  });

  it('a refusal lists each reason; the override form only when asked for', () => {
    const reasons = [
      { kind: 'notOver', until: '2027-09-30' }, { kind: 'ledger', seq: 3, problem: '会议过多过长', status: 'review' },
      { kind: 'milestone', name: '满意度测评', date: '2027-09-20' }, { kind: 'satisfaction', title: '第二次满意度测评', verdict: 'continue' },
    ] as const;
    const text = str(endGatesCard({ reasons: [...reasons] }));
    for (const s of ['以下 4 项尚未满足结束条件', '活动最后一天（2027年9月30日（周四））尚未过去', '整改事项 3. 会议过多过长：待销号，尚未销号',
      '时间节点“满意度测评”（计划日期 2027年9月20日（周一））尚未标记完成', '最近一轮满意度测评「第二次满意度测评」未达到目标']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('ce.override');
    expect(text).not.toMatch(ENGLISH);
    const form = str(endGatesCard({ reasons: [...reasons.slice(1)], override: true, error: 'empty' }));
    expect(form).toContain('ce.override');
    expect(form).toContain('请填写结束理由');
    expect(form).toContain('"max_length":500');
  });

  it('after the end: who and when, the reason, the purge offered to admins; then the purge recorded', () => {
    const ended = str(campaignEndedCard({
      byName: '王主席', day: '2027-10-08', purgeFrom: '2027-11-07', override: '经研究决定', purgeButton: true,
    }));
    for (const s of ['王主席于2027年10月8日（周五）结束活动', '结束理由：经研究决定', '2027年11月7日（周日）', 'ce.purge']) expect(ended).toContain(s);
    expect(str(campaignEndedCard({ byName: '王主席', day: '2027-10-08', purgeFrom: '2027-11-07' }))).not.toContain('ce.purge');
    const purged = str(campaignEndedCard({
      byName: '王主席', day: '2027-10-08', purgeFrom: '2027-11-07', purged: { byName: '陈干事', day: '2027-11-08' }, purgeButton: true,
    }));
    expect(purged).toContain('陈干事于2027年11月8日（周一）清除了活动数据');
    expect(purged).not.toContain('ce.purge');
    const confirm = str(purgeConfirmCard());
    for (const s of ['将永久删除', '意见建议', '操作记录', '不可撤销', 'ce.purgeConfirm', '"confirm"']) expect(confirm).toContain(s);
  });
});
