import { m, type Msg } from './catalog.js';

/** 材料 设置: the kinds' settings card, the form of one kind and its toasts; merged into `msg.materials.settings`. */

const q = (s: string) => `“${s}”`;

export const materialSettingsMsg = {
  title: m('材料设置', 'Materials settings'),
  subtitle: m('各类材料的审阅流程和默认完成时限｜仅活动办可修改', 'Review chains and default due days | admins only'),
  intro: m(
    '修改后，此后新建的材料按新的审阅流程和完成时限办理；已建立的材料保持原审阅流程。',
    'After a change, materials created later follow the new chain and due day; existing materials keep their chain.',
  ),
  kind: (name: string, author: Msg, chain: string, due: Msg, edited: boolean): Msg => m(
    `${name}${edited ? '（已在此调整）' : ''}\n撰写：${author.zh}；审阅流程：${chain}；完成时限：${due.zh}`,
    `${name}${edited ? ' (changed here)' : ''}\nWritten by: ${author.en}; chain: ${chain}; due: ${due.en}`,
  ),
  authors: {
    office: m('活动办指定撰写人', 'People the office names'),
    eachLeader: m('各位班子成员本人', 'Each leader'),
  },
  noChain: m('无需审阅', 'No review'),
  due: {
    day: (day: Msg): Msg => m(day.zh, day.en),
    milestone: (name: string, day: Msg): Msg => m(`随时间节点${q(name)}（${day.zh}）`, `With the milestone "${name}" (${day.en})`),
    missing: m('所随时间节点已不存在，建立材料时指定', 'Its milestone is gone; set per material'),
    none: m('建立材料时指定', 'Set per material'),
    rule: m('随建章立制台账逐项设定', 'Set per rule in the register'),
  },
  edit: m('修改', 'Edit'),
  editTitle: (name: string): Msg => m(`修改材料设置：${name}`, `Edit the settings of ${name}`),
  chain: m('审阅流程', 'Review chain'),
  chains: {
    'top-sup': m('主要负责同志 → 督导组', 'Top leader, then the supervision group'),
    sup: m('仅督导组', 'Supervision group only'),
    top: m('仅主要负责同志', 'Top leader only'),
    'sup-top': m('督导组 → 主要负责同志', 'Supervision group, then the top leader'),
  },
  keepChain: m(
    '已建立的材料保持原审阅流程，只有此后新建的材料按新的流程报审。',
    'Existing materials keep their chain; only materials created later follow the new one.',
  ),
  selfCheckNote: m(
    '对照检查材料须报督导组审阅；主要负责同志本人的对照检查材料直接报督导组。',
    'Self-examinations must reach the supervision group; the top leader\'s own goes to it directly.',
  ),
  ruleNote: m('制度的完成时限在建章立制台账中逐项设定，此处只设审阅流程。', 'Rules take their due day from the register; only the chain here.'),
  mode: m('默认完成时限', 'Default due day'),
  modes: {
    day: m('指定日期', 'A fixed day'),
    milestone: m('随时间节点', 'A milestone\'s date'),
    none: m('不设，建立材料时指定', 'None: set per material'),
  },
  day: m('日期（默认完成时限选“指定日期”时填写）', 'Day (for a fixed day)'),
  milestone: m('时间节点（默认完成时限选“随时间节点”时填写）', 'Milestone (for a milestone\'s date)'),
  milestoneOption: (day: Msg, name: string): Msg => m(`${day.zh} ${name}`, `${day.en} ${name}`),
  move: m('同时调整尚未审定材料的完成时限', 'Also move the due day of materials not accepted yet'),
  moveNote: (n: number, day?: Msg): Msg => (n && day
    ? m(
      `目前有 ${n} 份尚未审定的材料按原默认时限（${day.zh}）办理；勾选上项，保存时一并调整为新的时限，并重新安排提醒。`,
      `${n} materials not accepted yet are due on the old default (${day.en}); tick the box to move them and their reminders.`,
    )
    : m('目前没有按原默认时限办理、尚未审定的材料。', 'No material not accepted yet is due on the old default.')),
  save: m('保存', 'Save'),
  back: m('返回材料设置', 'Back to materials settings'),
  toast: {
    saved: m('已保存材料设置', 'Saved'),
    moved: (n: number): Msg => m(`已保存材料设置，${n} 份材料的完成时限已一并调整`, `Saved; ${n} materials moved to the new due day`),
    chain: m('请选择审阅流程', 'Choose a review chain'),
    selfCheckChain: m('对照检查材料须报督导组审阅，请选择包含督导组的审阅流程', 'Self-examinations must reach the supervision group'),
    mode: m('请选择默认完成时限的设定方式', 'Choose how the default due day is set'),
    day: m('请选择默认完成时限的日期', 'Choose the day'),
    pastDay: m('完成时限不能早于今天，请重新选择日期', 'The due day cannot be in the past'),
    milestone: m('该时间节点不存在，请重新选择（可发送「进度」查看时间节点）', 'That milestone does not exist; choose another'),
    pastMilestone: m('该时间节点的日期已过，请选择其他时间节点或指定日期', 'That milestone has passed; choose another or a day'),
  },
} as const;
