import { describe, expect, it } from 'vitest';
import { parseCardAction } from '../../../cards/actions.js';
import { milestoneCard, milestoneDoneButton, milestoneDoneFormCard } from '../../../cards/campaign/milestone.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import { CAMPAIGN_CASES } from '../../helpers/card-cases/campaign.js';

const str = (x: unknown) => JSON.stringify(x);
const M = {
  id: 'AbCdEf012345', name: '提交征求意见情况报告', date: '2027-05-20', phaseIndex: 1, phaseName: '查摆问题、开展批评',
  deliverable: '征求意见情况报告',
};
const ENGLISH = /Milestone|Please|Phase|Due|Owner|Deliverable|Overdue|Mark done|campaign office/;

describe('the milestone cards', () => {
  it('are valid Card JSON 2.0 cards within the limits for every view model, names as plain text only', () => {
    for (const make of [...CAMPAIGN_CASES.milestoneCard!, ...CAMPAIGN_CASES.milestoneDoneFormCard!]) {
      const card = make();
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_LIMITS.maxBytes);
      expect(str(card)).not.toContain('"tag":"markdown"');
    }
  });

  it('a reminder asks, with the milestone, its phase, date, owner, deliverable and state', () => {
    const card = milestoneCard({ milestone: M, state: 'dueSoon', step: 't-3', ownerName: '刘办公室主任' });
    const text = str(card);
    expect(card.header?.title.content).toBe('时间节点：提交征求意见情况报告');
    expect(card.header?.subtitle?.content).toBe('即将到期｜计划日期 2027年5月20日（周四）');
    for (const s of ['请您于2027年5月20日（周四）前完成“提交征求意见情况报告”。', '所属阶段：第二阶段 查摆问题、开展批评',
      '责任人：刘办公室主任', '成果要求：征求意见情况报告', '状态：即将到期', '活动办']) expect(text).toContain(s);
    expect(text).not.toContain('ms.done');
    expect(text).not.toMatch(ENGLISH);
    expect(str(milestoneCard({ milestone: M, state: 'dueToday', step: 't0' }))).toContain('请您于今日完成');
  });

  it('an overdue notice states the facts and carries 标记完成 for admins', () => {
    const card = milestoneCard({ milestone: M, state: 'overdue', step: 'late1', doneButton: true });
    const text = str(card);
    expect(text).toContain('以下节点已超过计划日期');
    expect(text).not.toContain('请您于');
    expect(text).toContain('标记完成');
    expect(text).toContain(str(milestoneDoneButton(M.id).behaviors));
    const behavior = milestoneDoneButton(M.id).behaviors?.[0];
    expect(behavior?.type === 'callback' && parseCardAction(behavior.value)).toEqual({ v: 1, a: 'ms.done', id: M.id });
    expect(text).not.toMatch(ENGLISH);
  });

  it('once done, shows who marked it and the note or link, with no button', () => {
    const card = milestoneCard({
      milestone: M, state: 'done', doneButton: true, done: { byName: '陈干事', day: '2027-05-21', link: 'https://example.feishu.cn/docx/abc' },
    });
    const text = str(card);
    expect(text).toContain('陈干事于2027年5月21日（周五）标记完成');
    expect(text).toContain('相关链接：https://example.feishu.cn/docx/abc');
    expect(text).not.toContain('ms.done');
  });

  it('the form takes a note and a link, saved by ms.doneSave; an error says what to do', () => {
    const text = str(milestoneDoneFormCard({ milestone: M, error: 'link' }));
    expect(text).toContain('"name":"ms_note"');
    expect(text).toContain('"name":"ms_link"');
    expect(text).toContain('"a":"ms.doneSave"');
    expect(text).toContain('链接应以 https:// 开头');
    expect(text).not.toMatch(ENGLISH);
  });
});
