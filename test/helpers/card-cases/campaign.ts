import { phaseStartedCard } from '../../../cards/campaign/phase.js';
import type { Card } from '../../../cards/types.js';

/** View models for the campaign timeline's cards; names come from the campaign file, hostile ones included. */
const HOSTILE_NAMES = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))', '长'.repeat(120)];

const milestones = (n: number) => Array.from({ length: n }, (_, i) => ({
  name: `${HOSTILE_NAMES[i % HOSTILE_NAMES.length]} 节点${i + 1}`, date: `2027-05-${String(28 - (i % 28)).padStart(2, '0')}`,
}));

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
};
