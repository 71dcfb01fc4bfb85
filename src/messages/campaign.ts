import { m, type Msg } from './catalog.js';

/** Catalog section for the campaign's own timeline (phases, milestones); merged into `msg` in src/messages/index.ts. */
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A `YYYY-MM-DD` day as WORDING.md writes dates: 2027年5月1日（周六）. */
export function dayText(day: string): Msg {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return m(`${y}年${mo}月${d}日（周${WEEKDAYS_ZH[wd]}）`, `${WEEKDAYS_EN[wd]} ${day}`);
}

/** A milestone's state as the reminder card names it (src/domain/campaign/milestones.ts milestoneState). */
const STATES = {
  done: m('已完成', 'Done'),
  upcoming: m('未到期', 'Upcoming'),
  dueSoon: m('即将到期', 'Due soon'),
  dueToday: m('今日到期', 'Due today'),
  overdue: m('已超过计划日期', 'Overdue'),
};

/** Milestones: their reminders (ask), overdue notices (facts), and the office's 标记完成. */
const milestoneMsg = {
  title: (name: string): Msg => m(`时间节点：${name}`, `Milestone: ${name}`),
  state: STATES,
  subtitle: (state: Msg, day: Msg): Msg => m(`${state.zh}｜计划日期 ${day.zh}`, `${state.en} | due ${day.en}`),
  askBefore: (day: Msg, name: string): Msg => m(`请您于${day.zh}前完成“${name}”。`, `Please complete "${name}" by ${day.en}.`),
  askToday: (name: string): Msg => m(`今天是“${name}”的计划日期，请您于今日完成。`, `"${name}" is due today; please complete it today.`),
  overdue: m('以下节点已超过计划日期，尚未标记完成：', 'This milestone has passed its date and is not marked done:'),
  phase: (index: number, name: string): Msg => m(
    `所属阶段：第${ORDINALS[index] ?? index + 1}阶段 ${name}`, `Phase: ${index + 1}. ${name}`,
  ),
  date: (day: Msg): Msg => m(`计划日期：${day.zh}`, `Due: ${day.en}`),
  owner: (name: string): Msg => m(`责任人：${name}`, `Owner: ${name}`),
  deliverable: (text: string): Msg => m(`成果要求：${text}`, `Deliverable: ${text}`),
  stateLine: (state: Msg): Msg => m(`状态：${state.zh}`, `State: ${state.en}`),
  doneBy: (name: string, day: Msg): Msg => m(`${name}于${day.zh}标记完成`, `Marked done by ${name} on ${day.en}`),
  doneNote: (text: string): Msg => m(`完成情况：${text}`, `Note: ${text}`),
  doneLink: (url: string): Msg => m(`相关链接：${url}`, `Link: ${url}`),
  remindNote: m('如已完成，请告知活动办标记完成。', 'If it is done, please tell the campaign office.'),
  escalateNote: m('如已完成，请活动办标记完成；完成后不再提醒。', 'Once marked done by the office, no further notices are sent.'),
  markDone: m('标记完成', 'Mark done'),
  form: {
    title: (name: string): Msg => m(`标记完成：${name}`, `Mark done: ${name}`),
    intro: m('请填写完成情况，或附上相关文件的链接（以 https:// 开头），至少填写一项。', 'Add a note, or a link (https://), or both.'),
    note: m('完成情况（500 字以内）', 'Note (up to 500 characters)'),
    link: m('相关链接（https://…）', 'Link (https://…)'),
    submit: m('确认标记完成', 'Mark done'),
  },
  toast: {
    saved: m('已标记完成，后续提醒不再发送。', 'Marked done; no further reminders.'),
    already: m('该节点已标记完成，无需重复操作。', 'This milestone is marked done already.'),
    gone: m('该节点已调整或不存在，请在“进度”中查看最新安排。', 'This milestone was changed or removed; see 进度.'),
    empty: m('请填写完成情况或相关链接，至少填写一项。', 'Add a note or a link.'),
    long: m('完成情况不能超过 500 字，请精简后重新提交。', 'The note is longer than 500 characters.'),
    link: m('链接应以 https:// 开头、不超过 1000 个字符，请核对后重新输入。', 'The link must start with https:// (up to 1,000 characters).'),
  },
  unresolved: (lines: string[]): Msg => m(
    `以下时间节点的提醒对象在飞书通讯录中未找到，暂不会收到提醒。请核对活动配置文件中的邮箱或手机号：\n${lines.join('\n')}`,
    `These milestone people were not found in Lark and get no reminders; check their email or mobile in the campaign file:\n${
      lines.join('\n')}`,
  ),
};

export const campaignMsg = {
  phaseStarted: (index: number, name: string): Msg => m(
    `第${ORDINALS[index] ?? index + 1}阶段开始：${name}`,
    `Phase ${index + 1} begins: ${name}`,
  ),
  phaseDates: (start: Msg, end: Msg): Msg => m(`${start.zh}至${end.zh}`, `${start.en} to ${end.en}`),
  phaseIntro: (campaign: string, start: Msg, end: Msg): Msg => m(
    `根据${campaign}的安排，本阶段自${start.zh}开始，至${end.zh}结束。`,
    `Under the ${campaign} plan, this phase runs from ${start.en} to ${end.en}.`,
  ),
  milestonesHeading: m('本阶段的时间节点：', 'Milestones of this phase:'),
  milestoneLine: (day: Msg, name: string): Msg => m(`${day.zh}　${name}`, `${day.en}  ${name}`),
  noMilestones: m('本阶段没有安排时间节点。', 'This phase has no milestones.'),
  phaseNote: m('请各位按照安排做好相关工作。如有疑问，请与活动办联系。', 'Please prepare accordingly; the campaign office can help with questions.'),
  milestone: milestoneMsg,
};
