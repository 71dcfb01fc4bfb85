import { m, type Msg } from './catalog.js';

/** 谈心谈话 and 生活会 on the 进度 card and in the weekly digest; merged into `msg` as `progressTalks` in ./index.ts. */
export const progressTalksMsg = {
  heading: m('谈心谈话与生活会', 'Talks and life meetings'),
  talksLine: (done: number, planned: number, overdue: number): Msg => m(
    `谈心谈话：已谈 ${done} 次，共安排 ${planned} 次${overdue ? `，其中逾期 ${overdue} 次` : ''}。`,
    `Talks: ${done} of ${planned} held${overdue ? `, ${overdue} overdue` : ''}.`,
  ),
  meetingsLine: (held: number, planned: number): Msg => m(`生活会：已召开 ${held} 次，共安排 ${planned} 次。`,
    `Life meetings: ${held} of ${planned} held.`),
  recordsLine: (confirmed: number, total: number): Msg => m(`会议记录：本人已确认 ${confirmed} 份，共 ${total} 份。`,
    `Meeting records: ${confirmed} of ${total} confirmed by their subject.`),
  overdueHeading: m('逾期未谈的谈心谈话', 'Overdue talks'),
  noOverdue: m('没有逾期未谈的谈心谈话。', 'No talk is overdue.'),
  mineHeading: m('您的谈心谈话', 'Your talks'),
  noMine: m('没有安排您的谈心谈话。', 'No talk is planned for you.'),
  pairLine: (a: string, b: string, due: Msg): Msg => m(`${a}与${b}（${due.zh}前）`, `${a} and ${b} (due ${due.en})`),
  mineLine: (other: string, state: Msg, due: Msg): Msg =>
    m(`与${other}：${state.zh}（${due.zh}前）`, `With ${other}: ${state.en} (due ${due.en})`),
  overdueMark: m('【逾期】', '[overdue] '),
  digestTalks: m('逾期未谈的谈心谈话', 'Overdue talks'),
  noDigestTalks: m('没有逾期未谈的谈心谈话。', 'No talk is overdue.'),
  digestRecords: m('待本人确认的生活会记录', 'Meeting records awaiting confirmation'),
  noDigestRecords: m('生活会记录均已由本人确认。', 'Every meeting record is confirmed.'),
  recordLine: (title: string, name: string, state: Msg): Msg => m(`${title}：${name}（${state.zh}）`, `${title}: ${name} (${state.en})`),
  more: (n: number): Msg => m(`另有 ${n} 项未列出。`, `${n} more not listed.`),
};
