import { milestoneCard, milestoneDoneFormCard } from '../../../cards/campaign/milestone.js';
import { phaseStartedCard } from '../../../cards/campaign/phase.js';
import type { Card } from '../../../cards/types.js';

/** View models for the campaign timeline's cards; names come from the campaign file, hostile ones included. */
const HOSTILE_NAMES = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))', '长'.repeat(120)];

const milestones = (n: number) => Array.from({ length: n }, (_, i) => ({
  name: `${HOSTILE_NAMES[i % HOSTILE_NAMES.length]} 节点${i + 1}`, date: `2027-05-${String(28 - (i % 28)).padStart(2, '0')}`,
}));

const MILESTONE = {
  id: 'AbCdEf012345', name: '提交征求意见情况报告', date: '2027-05-20', phaseIndex: 1, phaseName: '查摆问题、开展批评',
  deliverable: '征求意见情况报告（报区委督导组）',
};
const HOSTILE_MILESTONE = {
  id: 'AbCdEf012345', name: HOSTILE_NAMES.join(''), date: '2027-06-20', phaseIndex: 11, phaseName: HOSTILE_NAMES.join(''),
  deliverable: `${HOSTILE_NAMES.join('')}`.slice(0, 200),
};

export const CAMPAIGN_CASES: Record<string, (() => Card)[]> = {
  phaseStartedCard: [
    () => phaseStartedCard({
      campaignName: '区总工会党的群众路线教育实践活动', index: 1,
      phase: { name: '查摆问题、开展批评', start: '2027-05-01', end: '2027-06-30' },
      milestones: [{ name: '专题民主生活会', date: '2027-06-20' }, { name: '提交征求意见情况报告', date: '2027-05-20' }],
    }),
    () => phaseStartedCard({
      campaignName: HOSTILE_NAMES.join(''), index: 11, phase: { name: HOSTILE_NAMES.join(''), start: '2027-02-15', end: '2027-04-30' },
      milestones: milestones(40),
    }),
    () => phaseStartedCard({
      campaignName: 'Campaign', index: 0, phase: { name: 'Study', start: '2027-02-15', end: '2027-04-30' }, milestones: [], locale: 'en',
    }),
  ],
  milestoneCard: [
    () => milestoneCard({ milestone: MILESTONE, state: 'dueSoon', step: 't-3', ownerName: '刘办公室主任' }),
    () => milestoneCard({ milestone: MILESTONE, state: 'dueToday', step: 't0' }),
    () => milestoneCard({ milestone: MILESTONE, state: 'overdue', step: 'late1', ownerName: '刘办公室主任', doneButton: true }),
    () => milestoneCard({ milestone: HOSTILE_MILESTONE, state: 'overdue', step: 'late3', ownerName: HOSTILE_NAMES[3], doneButton: true }),
    () => milestoneCard({
      milestone: MILESTONE, state: 'done', done: {
        byName: '陈干事', day: '2027-05-21', note: HOSTILE_NAMES.join('').slice(0, 500), link: 'https://example.feishu.cn/docx/abc',
      },
    }),
    () => milestoneCard({ milestone: MILESTONE, state: 'overdue', step: 'late1', doneButton: true, locale: 'en' }),
  ],
  milestoneDoneFormCard: [
    () => milestoneDoneFormCard({ milestone: MILESTONE }),
    () => milestoneDoneFormCard({ milestone: HOSTILE_MILESTONE, error: 'link' }),
  ],
};
