import { m, type Msg } from './catalog.js';

/**
 * Catalog section for the admin side of evaluation rounds added by issue #14: the electorate by rater group,
 * the confirmations of 开始 and 提前结束, the below-k hints of the results. Merged into `msg` as `evaluationAdmin`.
 */

const joinZh = (xs: readonly string[]) => xs.join('、');
const pctOf = (x: number) => `${Math.round(x * 1000) / 10}%`;

export const evaluationAdminMsg = {
  electorate: {
    title: m('参评人员', 'Voters'),
    summary: (n: number, groups: number): Msg => m(`共 ${n} 人，分 ${groups} 个群体`, `${n} people in ${groups} groups`),
    group: (name: string, n: number, weight?: number): Msg => m(
      `${name}：${n} 人${weight !== undefined ? `（权重 ${weight}）` : ''}`,
      `${name}: ${n} people${weight !== undefined ? ` (weight ${weight})` : ''}`),
    left: (name: string): Msg => m(`${name}：本轮不参加`, `${name}: left out of this round`),
    nobody: m('（无人）', '(nobody)'),
    belowK: (k: number): Msg => m(
      `人数少于匿名保护人数 ${k}，该群体的结果不会单独显示。`,
      `Fewer people than the threshold ${k}: this group’s results will not be shown on their own.`),
    more: (n: number): Msg => m(`另有 ${n} 人，见下一页`, `${n} more on the next page`),
    page: (n: number, total: number): Msg => m(`第 ${n} / ${total} 页`, `Page ${n} of ${total}`),
    next: m('下一页', 'Next page'),
    prev: m('上一页', 'Previous page'),
    leaveOut: m('本轮不参加', 'Leave out of this round'),
    putBack: m('恢复该群体', 'Put the group back'),
    person: m('人员（已知人员）', 'Person (people the bot knows)'),
    personGroup: m('计入群体', 'Counted in group'),
    add: m('加入本轮', 'Add to this round'),
    remove: m('移出本轮', 'Remove from this round'),
    note: m(
      '参评人员按活动方案中的测评群体确定；同时属于两个群体的，计入方案中排在前面的群体。调整只对本轮有效，测评开始后不能再调整。',
      'Voters come from the campaign file’s rater groups; a person in two groups counts in the one listed first. ' +
        'Changes apply to this round only and close when the round starts.'),
    fromMembers: m('活动方案未设测评群体：参评人员为全体党员干部。', 'The campaign file has no rater groups: the members vote.'),
    open: m('查看参评人员', 'Voters'),
    adjusted: (n: number): Msg => m(`已调整，本轮参评人员现为 ${n} 人。`, `Changed: this round now has ${n} voters.`),
    notDraft: m('测评已经开始，参评人员不能再调整。', 'The round has started: its voters can no longer change.'),
    badPerson: m('请选择一位已知人员和计入的群体。', 'Choose a known person and the group to count them in.'),
    notIn: m('此人不在本轮参评人员中。', 'This person is not a voter in this round.'),
  },
  confirm: {
    startTitle: m('开始测评', 'Start the round'),
    start: (n: number, parts: readonly string[]): Msg => m(
      `将向 ${n} 人发送测评票${parts.length ? `（${joinZh(parts)}）` : ''}。开始后参评人员和匿名保护人数不能再修改。确定开始吗？`,
      `Ballots will go to ${n} people${parts.length ? ` (${parts.join(', ')})` : ''}. ` +
        'Voters and the threshold are fixed once it starts. Start now?'),
    part: (name: string, n: number): Msg => m(`${name} ${n} 人`, `${name} ${n}`),
    small: (names: readonly string[], k: number): Msg => m(
      `${joinZh(names)}的人数少于匿名保护人数 ${k}，其结果不会单独显示。`,
      `${names.join(', ')}: fewer people than the threshold ${k}, so never shown on their own. `),
    closeTitle: m('提前结束测评', 'Close this round now'),
    close: (voted: number, n: number): Msg => m(
      `目前已有 ${voted} / ${n} 人提交。结束后不再接受测评票，结果将发送给活动办和督导组。确定结束吗？`,
      `${voted} of ${n} have voted. No more ballots will be taken after this; results go to the office and supervisors. Close now?`),
    changed: (n: number): Msg => m(
      `参评人员已变为 ${n} 人，请核对后再点“开始”。`, `The round now has ${n} voters: please check and press Start again.`),
    noVoters: m('本轮没有参评人员，请先在“查看参评人员”中加入。', 'This round has no voters: add some under Voters first.'),
  },
  hints: {
    title: m('未显示的部分', 'What is not shown'),
    more: (name: string, need: number): Msg => m(
      `${name}：再有 ${need} 张有效票即可显示。`, `${name}: ${need} more valid ballots would show it.`),
    tooFew: (name: string, people: number, k: number): Msg => m(
      `${name}：参评人员只有 ${people} 人，少于匿名保护人数 ${k}，不会单独显示。`,
      `${name}: only ${people} voters, fewer than the threshold ${k}: never shown on its own.`),
    complementary: (name: string, others: string): Msg => m(
      `${name}：为防止推算而一并隐藏，待${others}达到匿名保护人数后显示。`,
      `${name}: hidden so the small groups cannot be worked out; shown once ${others} reach the threshold.`),
    total: (need: number): Msg => m(`合计：再有 ${need} 张有效票即可显示。`, `Total: ${need} more valid ballots would show it.`),
    closed: m('测评已结束，不再接受测评票；以上人数供今后安排测评参考。', 'The round is closed; these numbers are a guide for later rounds.'),
  },
  /** Issue #17: a satisfaction round counted over its channels (members in Lark, outreach links, paper tallies). */
  channels: {
    title: m('各渠道测评情况', 'By channel'),
    /** A channel's name (src/domain/evaluations/channels.ts channelSource). */
    label: (s: { kind: 'lark' | 'paper' | 'link'; contact?: string; day?: string }): Msg => (s.kind === 'lark'
      ? m('机关成员（飞书）', 'Members (in Lark)') : s.kind === 'paper' ? m('纸质计票', 'Paper tallies')
      : s.contact && s.day ? m(`走访 · ${s.contact}（${s.day}）`, `Visit · ${s.contact} (${s.day})`) : m('走访链接', 'Outreach link')),
    line: (label: string, ballots: number, verdict: string): Msg => m(
      `${label}：有效测评票 ${ballots} 张；${verdict}`, `${label}: ${ballots} ballots; ${verdict}`),
    count: (label: string, ballots: number): Msg => m(`${label}：有效测评票 ${ballots} 张`, `${label}: ${ballots} ballots`),
    met: (rate: number): Msg => m(`满意率 ${pctOf(rate)}，达到目标`, `satisfaction ${pctOf(rate)}, target met`),
    below: (rate: number | null): Msg => m(
      `${rate === null ? '' : `满意率 ${pctOf(rate)}，`}未达到目标`, `${rate === null ? '' : `satisfaction ${pctOf(rate)}, `}below the target`),
    insufficient: m('样本不足', 'sample too small'),
    overall: m('总体结论依据以上全部渠道：各渠道只合并自身显示出来的格子。', 'The verdict counts every channel above, each only where its own results show.'),
    more: (n: number): Msg => m(`另有 ${n} 个渠道未列出。`, `${n} more channels not listed.`),
    paperButton: m('录入纸质计票', 'Enter paper tallies'),
    paperTitle: m('录入第三方纸质计票', 'Enter third-party paper tallies'),
    paperNote: m('第三方组织的纸质测评统计数，按群体录入，与飞书测评票和走访链接的结果分开计算、合并得出结论。',
      'Paper tallies from a third party, by rater group: counted apart from the Lark ballots and the links, then combined.'),
  },
} as const;
