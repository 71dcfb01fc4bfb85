import { milestoneCard, milestoneDoneFormCard } from '../../../cards/campaign/milestone.js';
import { phaseStartedCard } from '../../../cards/campaign/phase.js';
import { progressCard } from '../../../cards/campaign/progress.js';
import { weeklyDigestCard } from '../../../cards/campaign/digest.js';
import { campaignEndedCard, endGatesCard, purgeConfirmCard } from '../../../cards/campaign/end.js';
import {
  milestoneAddCard, milestoneEditCard, timelineSettingsCard, type TimelineSettingsView,
} from '../../../cards/campaign/settings.js';
import type { EndReason } from '../../../src/domain/campaign/end.js';
import { weeklyDigest } from '../../../src/domain/campaign/digest.js';
import type { Card } from '../../../cards/types.js';
import { progressView, type ProgressAudience, type ProgressInput } from '../../../src/domain/campaign/progress.js';
import { RULE_STATES } from '../../../src/domain/rules/rule.js';
import type { MaterialRow } from '../../../src/domain/campaign/progress-materials.js';
import type { MeetingRow, TalkRow } from '../../../src/domain/campaign/progress-talks.js';

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

/** Every kind of reason against 结束活动, hostile text where people typed it, and more than the card lists. */
const END_REASONS: EndReason[] = [
  { kind: 'notOver', until: '2027-09-30' },
  ...Array.from({ length: 34 }, (_, i): EndReason => ({
    kind: 'ledger', seq: i + 1, problem: `${HOSTILE_NAMES[i % 4]} 问题${i}`, status: (['draft', 'active', 'review'] as const)[i % 3]!,
  })),
  { kind: 'milestone', name: HOSTILE_NAMES[1]!, date: '2027-09-20' },
  { kind: 'satisfaction', title: HOSTILE_NAMES[0]!, verdict: 'continue' },
];
const OVERRIDABLE = END_REASONS.slice(1, 4).concat({ kind: 'satisfaction', title: '第二次满意度测评', verdict: 'insufficient' });

export const CAMPAIGN_CASES: Record<string, (() => Card)[]> = {
  endGatesCard: [
    () => endGatesCard({ reasons: [] }),
    () => endGatesCard({ reasons: END_REASONS }),
    () => endGatesCard({ reasons: OVERRIDABLE, override: true }),
    () => endGatesCard({ reasons: OVERRIDABLE, override: true, error: 'long' }),
    () => endGatesCard({ reasons: OVERRIDABLE, override: true, locale: 'en' }),
  ],
  campaignEndedCard: [
    () => campaignEndedCard({ byName: '刘办公室主任', day: '2027-10-08', purgeFrom: '2027-11-07', purgeButton: true }),
    () => campaignEndedCard({
      byName: HOSTILE_NAMES.join(''), day: '2027-10-08', purgeFrom: '2027-11-07', override: HOSTILE_NAMES.join('').slice(0, 500),
      purgeButton: false,
    }),
    () => campaignEndedCard({
      byName: '王主席', day: '2027-10-08', purgeFrom: '2027-11-07', purged: { byName: '陈干事', day: '2027-11-08' }, purgeButton: true,
    }),
    () => campaignEndedCard({ byName: 'Liu', day: '2027-10-08', purgeFrom: '2027-11-07', purgeButton: true, locale: 'en' }),
  ],
  purgeConfirmCard: [() => purgeConfirmCard(), () => purgeConfirmCard({ locale: 'en' })],
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
  progressCard: [
    ...(['full', 'leader', 'public'] as const).map((a) => () => progressCard(progressView(progressInput(a, '2027-05-21', 60)))),
    () => progressCard(progressView(progressInput('full', '2027-01-10', 0)), { markDone: true }),
    () => progressCard(progressView(progressInput('full', '2027-05-21', 60)), { markDone: true }),
    () => progressCard(progressView({ ...progressInput('leader', '2027-05-21', 60), talks: talkRows(11, true).slice(0, 3) })),
    () => progressCard(progressView({ ...progressInput('full', '2027-05-21', 60), talks: [], meetings: [] })),
    () => progressCard(progressView({ ...progressInput('full', '2027-05-21', 60), meetings: [] }), { locale: 'en' }),
    () => progressCard(progressView(progressInput('full', '2027-10-10', 3)), { locale: 'en' }),
    () => progressCard(progressView({ ...progressInput('public', '2027-05-21', 0), campaign: { name: '活动', phases: [] } })),
    // Before the 整改方案 is accepted: the public view has no ledger figure; the full view is unchanged.
    () => progressCard(progressView({ ...progressInput('public', '2027-05-21', 60), ledgerPublic: false })),
    () => progressCard(progressView({ ...progressInput('full', '2027-05-21', 60), ledgerPublic: false }), { locale: 'en' }),
  ],
  weeklyDigestCard: [
    () => weeklyDigestCard(weeklyDigest(digestInput(40)), { campaignName: HOSTILE_NAMES.join('') }),
    () => weeklyDigestCard(weeklyDigest({ ...digestInput(0), evaluation: undefined, study: [] }), { campaignName: '活动' }),
    () => weeklyDigestCard(weeklyDigest(digestInput(3)), { campaignName: 'Campaign', locale: 'en' }),
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
  timelineSettingsCard: [
    () => timelineSettingsCard(settingsView(3, 2, 5)),
    () => timelineSettingsCard({ ...settingsView(0, 0, 0), locale: 'en' }),
    // More than a card carries: twelve phases of six milestones (the rows past the budget are counted, not listed).
    () => timelineSettingsCard(settingsView(12, 6, 100)),
  ],
  milestoneAddCard: [() => milestoneAddCard({ people: people(3) }), () => milestoneAddCard({ people: people(150), locale: 'en' })],
  milestoneEditCard: [
    () => milestoneEditCard({ milestone: { ...MILESTONE, owner: 'ou_p1' }, people: people(5) }),
    () => milestoneEditCard({ milestone: HOSTILE_MILESTONE, people: people(120), locale: 'en' }),
  ],
};

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ openId: `ou_p${i}`, name: HOSTILE_NAMES[i % HOSTILE_NAMES.length]! }));

/** 进度 设置 with `phases` phases of `perPhase` milestones each (hostile names), and `n` people to choose owners from. */
function settingsView(phases: number, perPhase: number, n: number): TimelineSettingsView {
  return {
    campaignName: HOSTILE_NAMES.join(''), people: people(n),
    phases: Array.from({ length: phases }, (_, i) => ({
      key: `p${i}`, name: HOSTILE_NAMES[i % HOSTILE_NAMES.length]!, start: '2027-02-15', end: '2027-04-30', edited: i === 1,
      milestones: milestones(perPhase).map((m, j) => ({
        ...m, id: `AbCdEf01${String(i).padStart(2, '0')}${j}x`, ...(j % 2 ? { ownerName: HOSTILE_NAMES[j % 4] } : {}),
      })),
    })),
  };
}

/** Dashboard data at `today` with `n` ledger items and `n` rules, and hostile text where people typed it. */
export function progressInput(audience: ProgressAudience, today: string, n: number): ProgressInput {
  const phases = [
    { key: 'study', name: HOSTILE_NAMES[0]!, start: '2027-02-15', end: '2027-04-30', milestones: milestones(4) },
    { key: 'criticism', name: '查摆问题、开展批评', start: '2027-05-01', end: '2027-06-30', milestones: milestones(30) },
    { key: 'rectify', name: HOSTILE_NAMES[3]!, start: '2027-07-01', end: '2027-09-30', milestones: [] },
  ];
  const statuses = ['draft', 'active', 'review', 'closed'] as const;
  return {
    campaign: {
      name: HOSTILE_NAMES.join(''), phases: phases.map((p) => ({ ...p, milestones: p.milestones.map((x) => ({ ...x, remind: [] })) })),
    },
    today, audience, caller: 'ou_leader_zhao', milestonesDone: new Map(),
    opinions: {
      total: 50_000, handled: 31_234,
      bySource: Array.from({ length: 14 }, (_, i) => ({
        label: `${HOSTILE_NAMES[i % 4]!.slice(0, 30)}${i}`, count: 1000 * (i + 1), handled: 600 * (i + 1),
      })),
    },
    evaluation: { title: HOSTILE_NAMES[2]!, voted: 23, electorate: 30 },
    satisfaction: { title: HOSTILE_NAMES[1]!, verdict: 'continue' },
    study: Array.from({ length: 8 }, (_, i) => ({ label: `0${i + 1}/0${i + 1}`, attendance: 60 + i * 5 })),
    ledger: Array.from({ length: n }, (_, i) => ({
      seq: i + 1, problem: `${HOSTILE_NAMES[i % 4]} 问题${i}`, status: statuses[i % 4]!, overdue: i % 3 === 1,
      owner: i % 2 ? 'ou_leader_zhao' : 'ou_member_01', leader: 'ou_leader_zhao',
      ownerName: `赵钱孙${i}${HOSTILE_NAMES[(i + 1) % 4]!.slice(0, 10)}`,
    })),
    lookback: { total: 8, holds: 5, reopened: 1, pending: 2, done: false },
    ledgerPublic: true,
    rules: Array.from({ length: n }, (_, i) => ({ state: RULE_STATES[i % 4]!, overdue: i % 4 < 2 && i % 3 === 0 })),
    materials: materialRows(n),
    talks: talkRows(n, audience !== 'public'),
    meetings: meetingRows(Math.min(n, 3), audience !== 'public'),
  };
}

/**
 * `n` talks: each 3rd with 赵 (the leader asking), states in turn, due days from 10 May, the planned ones before 21 May
 * overdue; names (hostile) only when `named`, as the handler loads them.
 */
export function talkRows(n: number, named: boolean): TalkRow[] {
  return Array.from({ length: n }, (_, i) => {
    const due = `2027-05-${String(10 + (i % 20)).padStart(2, '0')}`;
    const state = i % 2 ? 'done' as const : 'planned' as const;
    const a = i % 3 ? `ou_leader_${i}` : 'ou_leader_zhao';
    return {
      a, b: `ou_member_${i}`, aName: named ? `谈话甲${i}${HOSTILE_NAMES[i % 4]}` : '',
      bName: named ? `谈话乙${i}${HOSTILE_NAMES[(i + 1) % 4]}` : '',
      due, state, overdue: state === 'planned' && due < '2027-05-21',
    };
  });
}

/** `n` meetings, the first ended, each with records of 4 attendees in every state. */
export function meetingRows(n: number, named: boolean): MeetingRow[] {
  const states = ['pending', 'confirmed', 'correction', 'confirmed'] as const;
  return Array.from({ length: n }, (_, i) => ({
    title: `${HOSTILE_NAMES[i % 4]} 生活会${i}`, state: i ? 'started' as const : 'ended' as const,
    records: states.map((state, j) => ({ openId: `ou_leader_${j}`, name: named ? `参会${j}${HOSTILE_NAMES[j]}` : '', state })),
  }));
}

const MATERIAL_STATES = ['drafting', 'inReview', 'returned', 'accepted'] as const;

/**
 * `n` materials: every 4th one a 对照检查材料 of 赵 (the leader asking), every 4th of 孙, the others the office's with
 * 孙 or the 督导组 reviewing; states in turn, due days from 15 May, the open ones before 21 May overdue. Hostile titles.
 */
export function materialRows(n: number): MaterialRow[] {
  return Array.from({ length: n }, (_, i) => {
    const state = MATERIAL_STATES[i % 4]!;
    const due = `2027-05-${String(15 + (i % 14)).padStart(2, '0')}`;
    const selfCheck = i % 4 === 0 ? 'ou_leader_zhao' : i % 4 === 1 ? 'ou_leader_sun' : undefined;
    return {
      kindName: selfCheck ? '对照检查材料' : '实施方案', title: `${HOSTILE_NAMES[i % 4]} 材料${i}`,
      authors: selfCheck ? [selfCheck] : ['ou_admin_liu'], authorNames: selfCheck ? `撰写人${i}` : `刘办公室主任${HOSTILE_NAMES[i % 4]}`,
      reviewers: state === 'inReview' ? (i % 8 === 1 ? ['ou_leader_wang'] : ['ou_leader_zhao']) : [],
      due, state, overdue: state !== 'accepted' && due < '2027-05-21',
    };
  });
}

/** Digest data for the week of Monday 17 May 2027 with `n` open items, half of them overdue, hostile text throughout. */
export function digestInput(n: number): Parameters<typeof weeklyDigest>[0] {
  const input = progressInput('full', '2027-05-17', 0);
  const now = Date.UTC(2027, 4, 17, 0, 30);
  return {
    campaign: input.campaign, monday: '2027-05-17', now,
    ledger: Array.from({ length: n }, (_, i) => ({
      seq: i + 1, problem: `${HOSTILE_NAMES[i % 4]} 问题${i}`, status: 'active' as const, deadline: i % 2 ? '2027-05-20' : '2027-05-01',
      owner: 'ou_member_01', overdue: i % 2 === 0, ownerName: `赵钱孙${i}`,
      history: [{ at: now - 86_400_000, by: 'ou_admin_liu', what: 'activate' as const }],
    })),
    milestonesDone: new Map(),
    opinions: { thisWeek: 12, lastWeek: 30, total: 50_000, handled: 31_000 },
    evaluation: input.evaluation, study: input.study, materials: materialRows(n),
    talks: talkRows(n, true), meetings: meetingRows(Math.ceil(n / 4), true),
  };
}
