import { m, type Msg } from './catalog.js';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 进度 设置: the timeline settings card and its toasts; merged into `msg.campaign.settings` (src/messages/campaign.ts). */
export const settingsMsg = {
  title: m('活动安排设置', 'Campaign timeline settings'),
  subtitle: (name: string): Msg => m(`${name}｜仅活动办可修改`, `${name} | admins only`),
  intro: m(
    '修改后，阶段开始通知、时间节点提醒、集中学习和每周情况汇总均按新的安排重新安排；已按原日期安排的提醒不再发送。',
    'After a change, phase notices, milestone reminders, study and the weekly digest are planned anew; ' +
      'those planned for the old dates send nothing.',
  ),
  phase: (index: number, name: string, start: Msg, end: Msg, edited: boolean): Msg => m(
    `第${ORDINALS[index] ?? index + 1}阶段 ${name}：${start.zh}至${end.zh}${edited ? '（已在此调整）' : ''}`,
    `Phase ${index + 1}: ${name}: ${start.en} to ${end.en}${edited ? ' (changed here)' : ''}`,
  ),
  start: m('开始日期', 'Start'),
  end: m('结束日期', 'End'),
  savePhase: m('保存阶段日期', 'Save the phase dates'),
  milestone: (day: Msg, name: string, owner?: string): Msg => m(
    `${day.zh}　${name}${owner ? `（责任人：${owner}）` : ''}`, `${day.en}  ${name}${owner ? ` (owner: ${owner})` : ''}`,
  ),
  noMilestones: m('本阶段没有时间节点。', 'No milestones in this phase.'),
  edit: m('修改', 'Edit'),
  remove: m('删除', 'Remove'),
  removeConfirm: (name: string): Msg => m(
    `删除后将不再发送“${name}”的提醒，确定删除吗？`, `"${name}" will no longer be reminded. Remove it?`,
  ),
  addHeading: m('新增时间节点', 'Add a milestone'),
  hidden: (n: number): Msg => m(`另有 ${n} 个时间节点未列出，可在「进度」中查看。`, `${n} more milestones not listed; see progress.`),
  addName: m('节点名称（必填，100 字以内）', 'Name (required, up to 100 characters)'),
  addDate: m('计划日期（必填，须在某一阶段之内）', 'Date (required, inside a phase)'),
  owner: m('责任人（可不选）', 'Owner (optional)'),
  noOwner: m('不指定', 'None'),
  addDeliverable: m('成果要求（可不填，200 字以内）', 'Deliverable (optional, up to 200 characters)'),
  add: m('新增', 'Add'),
  editTitle: (name: string): Msg => m(`修改时间节点：${name}`, `Edit milestone: ${name}`),
  editDate: m('计划日期', 'Date'),
  saveEdit: m('保存修改', 'Save'),
  back: m('返回活动安排', 'Back to the timeline'),
  toast: {
    saved: m('已保存，提醒已按新的安排重新安排', 'Saved; reminders are planned anew'),
    removed: m('已删除该时间节点，其提醒不再发送', 'Removed; its reminders will not be sent'),
    gone: m('该时间节点已不存在，请重新发送「进度 设置」查看', 'That milestone no longer exists; send the command again'),
    noPhase: m('该阶段已不存在，请重新发送「进度 设置」查看', 'That phase no longer exists; send the command again'),
    day: m('请选择开始和结束日期后再保存', 'Please pick the dates, then save'),
    name: m('请填写节点名称（100 字以内）后再保存', 'Please give a name of up to 100 characters'),
    deliverable: m('成果要求请控制在 200 字以内', 'Keep the deliverable under 200 characters'),
    owner: m('请从列表中选择责任人', 'Please choose the owner from the list'),
    tooMany: (n: number): Msg => m(`最多可新增 ${n} 个时间节点，请先删除不需要的节点`, `At most ${n} milestones may be added; remove one first`),
    inverted: (phase: string): Msg => m(
      `“${phase}”的开始日期晚于结束日期，请调整后再保存`, `"${phase}" starts after it ends; please fix the dates`,
    ),
    overlap: (phase: string, other: string): Msg => m(
      `“${phase}”与“${other}”的日期重叠，请调整为前后衔接后再保存`, `"${phase}" overlaps "${other}"; please fix the dates`,
    ),
    outsidePhase: (milestone: string, phase: string): Msg => m(
      `时间节点“${milestone}”不在“${phase}”的日期之内，请先调整该节点或阶段日期`,
      `"${milestone}" falls outside "${phase}"; move the milestone or the phase first`,
    ),
    noPhaseOnDay: m('该日期不在任何阶段之内，请选择某一阶段内的日期', 'That day is in no phase; pick a day inside a phase'),
    duplicate: (milestone: string): Msg => m(
      `同一阶段同一天已有“${milestone}”，请修改名称或日期`, `"${milestone}" already exists on that day`,
    ),
  },
};
