import { m, type Msg } from './catalog.js';
import { settingsMsg } from './campaign-settings.js';

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

/** 结束活动: the gates, the top leader's override, the archive and the purge (DESIGN §2.8). */
const endMsg = {
  archiveFile: m('活动归档', 'campaign-archive'),
  title: m('结束活动', 'End the campaign'),
  readyIntro: m(
    '各项结束条件均已满足。确认后，将结束活动并生成归档文件发送给活动办；活动结束后不能恢复。',
    'Every condition is met. Confirming ends the campaign and sends the archive to the campaign office; this cannot be undone.',
  ),
  confirm: m('确认结束活动', 'End the campaign'),
  confirmTitle: m('确认结束活动？', 'End the campaign?'),
  confirmText: m('将结束活动并生成归档文件发送给活动办。', 'The campaign ends and its archive is sent to the campaign office.'),
  refusedTitle: m('暂不能结束活动', 'The campaign cannot end yet'),
  refusedIntro: (n: number): Msg => m(`以下 ${n} 项尚未满足结束条件：`, `${n} conditions are not met:`),
  reasons: {
    notOver: (day: Msg): Msg => m(`活动最后一天（${day.zh}）尚未过去。`, `The campaign's last day (${day.en}) has not passed.`),
    ledger: (seq: number, problem: string, status: Msg): Msg => m(
      `整改事项 ${seq}. ${problem}：${status.zh}，尚未销号。`, `Item ${seq}. ${problem}: ${status.en}, not signed off.`,
    ),
    milestone: (name: string, day: Msg): Msg => m(
      `时间节点“${name}”（计划日期 ${day.zh}）尚未标记完成。`, `Milestone "${name}" (due ${day.en}) is not marked done.`,
    ),
    continue: (title: string): Msg => m(
      `最近一轮满意度测评「${title}」未达到目标。`, `The latest satisfaction round "${title}" is below target.`,
    ),
    insufficient: (title: string): Msg => m(
      `最近一轮满意度测评「${title}」参评人数不足，无法判断是否达到目标。`, `The latest satisfaction round "${title}" had too few ballots to judge.`,
    ),
  },
  ledgerStatuses: { draft: m('草稿', 'draft'), active: m('整改中', 'in progress'), review: m('待销号', 'awaiting sign-off') },
  more: (n: number): Msg => m(`另有 ${n} 项未列出，详见「进度」和整改台账。`, `${n} more not listed; see progress and the ledger.`),
  refusedNote: m('上述事项办结后，请再次发送「结束活动」。', 'Send “end” again once these are done.'),
  overrideIntro: m(
    '如确需在上述条件未满足时结束活动，请您写明理由。理由将记入操作记录和归档文件；确认后将结束活动并生成归档文件发送给活动办。',
    'To end the campaign anyway, write the reason. It is recorded in the audit log and the archive; the archive goes to the office.',
  ),
  overrideLabel: m('结束理由（必填，500 字以内）', 'Reason (required, up to 500 characters)'),
  override: m('说明理由并结束活动', 'End the campaign with this reason'),
  endedTitle: m('活动已结束', 'The campaign has ended'),
  endedBy: (name: string, day: Msg): Msg => m(`${name}于${day.zh}结束活动。`, `Ended by ${name} on ${day.en}.`),
  overrideLine: (reason: string): Msg => m(`结束理由：${reason}`, `Reason: ${reason}`),
  archiveNote: m('归档文件已发送给活动办。如需再次清点，请以归档文件为准。', 'The archive was sent to the campaign office.'),
  purgeFrom: (day: Msg): Msg => m(`活动数据最早可于${day.zh}清除（结束满 30 天后）。`, `The data may be purged from ${day.en} (30 days after the end).`),
  purgedLine: (name: string, day: Msg): Msg => m(`${name}于${day.zh}清除了活动数据。`, `Purged by ${name} on ${day.en}.`),
  purge: m('清除活动数据', 'Purge the campaign data'),
  purgeTitle: m('确认清除活动数据', 'Purge the campaign data'),
  purgeWhat: m(
    '将永久删除本活动在系统中保存的全部数据：意见建议及其答复、民主测评、集中学习记录、整改台账及其记录、时间节点完成情况、操作记录和消息发送记录。' +
      '仅保留活动结束记录和本次清除的操作记录。此操作不可撤销，请先确认归档文件已妥善保存。',
    'Deletes everything this campaign stored: opinions and replies, evaluations, study records, the ledger and its history, milestones, ' +
      'the audit log and the message records. Only the end record and this purge\'s audit entry remain. This cannot be undone.',
  ),
  purgeConfirm: m('确认清除', 'Purge'),
  purgeConfirmText: m('清除后无法恢复。', 'This cannot be undone.'),
  notice: (name: string, day: Msg): Msg => m(
    `${name}于${day.zh}结束了活动，归档文件随后发送给您。`, `${name} ended the campaign on ${day.en}; the archive follows.`,
  ),
  toast: {
    ended: m('活动已结束，归档文件正在生成，稍后发送给活动办。', 'The campaign has ended; the archive follows.'),
    already: m('活动已经结束，无需重复操作。', 'The campaign has ended already.'),
    refused: m('尚有结束条件未满足，请查看卡片所列事项。', 'Some conditions are not met; see the card.'),
    empty: m('请填写结束理由。', 'Write the reason.'),
    long: m('结束理由不能超过 500 字，请精简后重新提交。', 'The reason is longer than 500 characters.'),
    topLeaderOnly: m('只有主要负责同志可以在结束条件未满足时结束活动。', 'Only the top leader may end the campaign over open conditions.'),
    notEnded: m('活动尚未结束，不能清除活动数据。', 'The campaign has not ended.'),
    tooEarly: (day: Msg): Msg => m(`活动数据最早可于${day.zh}清除，请届时再操作。`, `The data may be purged from ${day.en}.`),
    purged: m('活动数据已清除。', 'The campaign data was purged.'),
    alreadyPurged: m('活动数据已经清除，无需重复操作。', 'The data was purged already.'),
    busy: m('正在处理，请勿重复点击。', 'Being handled; please do not click again.'),
  },
};

export const campaignMsg = {
  /** 进度 设置 (src/messages/campaign-settings.ts). */
  settings: settingsMsg,
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
  end: endMsg,
};

/** The 进度 dashboard. Numbers and dates are the only parameters, plus names from the file and the ledger (plain text). */
export const progressMsg = {
  title: m('活动进度', 'Campaign progress'),
  phaseIn: (name: string, days: number): Msg => m(
    `当前阶段：${name}（距本阶段结束还有 ${days} 天）`, `Current phase: ${name} (${days} days left)`,
  ),
  phaseBefore: (name: string, days: number): Msg => m(
    `活动尚未开始：${days} 天后进入${name}`, `The campaign has not begun: ${name} starts in ${days} days`,
  ),
  phaseBetween: (name: string, days: number): Msg => m(`${days} 天后进入${name}`, `${name} starts in ${days} days`),
  phaseAfter: m('活动各阶段均已结束。', 'Every phase of the campaign is over.'),
  noPhases: m('活动方案中还没有安排阶段。', 'The campaign file sets no phases.'),
  phaseDates: (start: Msg, end: Msg): Msg => m(`${start.zh}至${end.zh}`, `${start.en} to ${end.en}`),
  milestones: m('近期时间节点', 'Next milestones'),
  noMilestones: m('近期没有时间节点。', 'No milestones ahead.'),
  milestoneStates: {
    done: m('已完成', 'done'),
    upcoming: m('未到期', 'upcoming'),
    dueSoon: m('即将到期', 'due soon'),
    dueToday: m('今天到期', 'due today'),
    overdue: m('已逾期', 'overdue'),
  },
  milestoneLine: (day: Msg, name: string, state: Msg): Msg => m(`${day.zh}　${name}　${state.zh}`, `${day.en}  ${name}  ${state.en}`),
  opinions: m('意见建议', 'Opinions'),
  opinionsLine: (total: number, handled: number, pct: number): Msg => m(
    `共收到 ${total} 条，已办理 ${handled} 条（${pct}%）。`, `${total} received, ${handled} handled (${pct}%).`,
  ),
  chartBySource: m('按来源收到的意见建议', 'Opinions by source group'),
  chartHandledBySource: m('按来源已办理的意见建议', 'Opinions handled, by source group'),
  evaluation: m('民主测评', 'Evaluations'),
  evaluationLine: (title: string, voted: number, electorate: number, pct: number): Msg => m(
    `最近一轮「${title}」：已参评 ${voted} 人，应参评 ${electorate} 人（${pct}%）。`,
    `Latest round "${title}": ${voted} of ${electorate} voted (${pct}%).`,
  ),
  noEvaluation: m('还没有开始测评。', 'No evaluation round yet.'),
  verdicts: {
    met: (title: string): Msg => m(`满意度测评「${title}」：达到目标。`, `Satisfaction round "${title}": target met.`),
    continue: (title: string): Msg => m(
      `满意度测评「${title}」：未达到目标，继续整改。`, `Satisfaction round "${title}": below target, rectification continues.`,
    ),
    insufficient: (title: string): Msg => m(
      `满意度测评「${title}」：参评人数不足，无法判断。`, `Satisfaction round "${title}": too few ballots to judge.`,
    ),
  },
  study: m('集中学习', 'Study'),
  chartAttendance: m('近几次集中学习出勤率（%）', 'Attendance of the last sessions (%)'),
  noStudy: m('还没有已举行的集中学习。', 'No study session has taken place yet.'),
  ledger: m('整改台账', 'Rectification ledger'),
  ledgerLine: (c: { active: number; review: number; closed: number; overdue: number }): Msg => m(
    `整改中 ${c.active} 项，待销号 ${c.review} 项，已销号 ${c.closed} 项，其中逾期 ${c.overdue} 项。`,
    `${c.active} in progress, ${c.review} awaiting sign-off, ${c.closed} closed; ${c.overdue} overdue.`,
  ),
  chartLedger: m('整改事项状态', 'Items by status'),
  statuses: { active: m('整改中', 'In progress'), review: m('待销号', 'Awaiting sign-off'), closed: m('已销号', 'Closed') },
  overdueHeading: m('逾期事项', 'Overdue items'),
  mineHeading: m('您负责或分管的整改事项', 'Your items'),
  itemLine: (seq: number, problem: string, owner?: string): Msg => m(
    `${seq}. ${problem}${owner ? `（责任人：${owner}）` : ''}`, `${seq}. ${problem}${owner ? ` (owner: ${owner})` : ''}`,
  ),
  overdueMark: m('【逾期】', '[overdue] '),
  noOverdue: m('没有逾期事项。', 'No overdue items.'),
  noMine: m('您没有负责或分管的整改事项。', 'You have no items.'),
  lookback: (t: { holds: number; reopened: number; pending: number }): Msg => m(
    `回头看：整改到位 ${t.holds} 项，重新整改 ${t.reopened} 项，待确认 ${t.pending} 项。`,
    `Look-back: ${t.holds} hold, ${t.reopened} reopened, ${t.pending} to check.`,
  ),
  materials: m('材料报审', 'Materials for review'),
  materialsLine: (c: { due: number; overdue: number; returned: number; accepted: number }): Msg => m(
    `7 天内到期 ${c.due} 份，逾期 ${c.overdue} 份，退回修改 ${c.returned} 份，审阅通过 ${c.accepted} 份。`,
    `${c.due} due within 7 days, ${c.overdue} overdue, ${c.returned} returned for revision, ${c.accepted} accepted.`,
  ),
  materialsOverdueHeading: m('逾期或退回修改的材料', 'Materials overdue or returned'),
  materialsMineHeading: m('您撰写或待您审阅的材料', 'Materials you write or review'),
  materialLine: (kind: string, title: string, due: Msg, state: Msg, author?: string): Msg => m(
    `${kind}：${title}（完成时限 ${due.zh}，${state.zh}${author ? `，撰写人：${author}` : ''}）`,
    `${kind}: ${title} (due ${due.en}, ${state.en}${author ? `, by ${author}` : ''})`,
  ),
  noOverdueMaterials: m('没有逾期或退回修改的材料。', 'No material is overdue or returned.'),
  noMineMaterials: m('没有您撰写或待您审阅的材料。', 'No material for you to write or review.'),
  rules: m('建章立制', 'Rules register'),
  rulesLine: (c: { drafting: number; review: number; adopted: number; abolished: number }): Msg => m(
    `起草 ${c.drafting} 项，审议 ${c.review} 项，印发 ${c.adopted} 项，废止 ${c.abolished} 项。`,
    `${c.drafting} drafting, ${c.review} under review, ${c.adopted} issued, ${c.abolished} abolished.`,
  ),
  rulesOverdue: (n: number): Msg => m(`其中 ${n} 项已超过完成时限。`, `${n} past their due date.`),
  noRules: m('还没有登记建章立制事项。', 'No rule in the register yet.'),
  publicNote: m('本卡片只显示数字，不显示任何人的姓名。', 'This card shows figures only, never anyone\'s name.'),
};

/** The weekly digest to the top leader and the office. */
export const digestMsg = {
  title: m('每周活动情况', 'Weekly campaign digest'),
  week: (monday: Msg, sunday: Msg): Msg => m(`${monday.zh}至${sunday.zh}`, `${monday.en} to ${sunday.en}`),
  due: m('本周到期', 'Due this week'),
  noDue: m('本周没有到期的时间节点和整改事项。', 'Nothing falls due this week.'),
  overdue: m('已超过时限', 'Overdue'),
  noOverdue: m('没有超过时限的时间节点和整改事项。', 'Nothing is overdue.'),
  line: (label: string, day?: Msg, who?: string): Msg => m(
    `${label}${day ? `（${day.zh}` : ''}${day && who ? `，责任人：${who}` : ''}${day ? '）' : ''}`,
    `${label}${day ? ` (${day.en}` : ''}${day && who ? `, owner: ${who}` : ''}${day ? ')' : ''}`,
  ),
  more: (n: number): Msg => m(`另有 ${n} 项未列出，详见「进度」和整改台账。`, `${n} more not listed; see progress and the ledger.`),
  materials: m('材料报审', 'Materials for review'),
  noMaterials: m('没有逾期、退回修改或本周到期的材料。', 'No material is overdue, returned or due this week.'),
  materialFlags: { overdue: m('【逾期】', '[overdue] '), returned: m('【退回修改】', '[returned] '), due: m('【本周到期】', '[due] ') },
  materialLine: (kind: string, title: string, day: Msg, who: string): Msg => m(
    `${kind}：${title}（完成时限 ${day.zh}${who ? `，撰写人：${who}` : ''}）`, `${kind}: ${title} (due ${day.en}${who ? `, by ${who}` : ''})`,
  ),
  moreMaterials: (n: number): Msg => m(`另有 ${n} 份未列出，详见「材料」。`, `${n} more not listed; see materials.`),
  changes: m('近七天变化', 'The last seven days'),
  changesLine: (c: { started: number; submitted: number; closed: number; reopened: number; milestonesDone: number }): Msg => m(
    `整改事项启动 ${c.started} 项，申请销号 ${c.submitted} 项，确认销号 ${c.closed} 项，重新整改 ${c.reopened} 项；` +
      `完成时间节点 ${c.milestonesDone} 个。`,
    `${c.started} items started, ${c.submitted} submitted, ${c.closed} closed, ${c.reopened} reopened; ` +
      `${c.milestonesDone} milestones done.`,
  ),
  opinionsLine: (o: { thisWeek: number; lastWeek: number; total: number; handled: number }): Msg => m(
    `意见建议：本周收到 ${o.thisWeek} 条（上周 ${o.lastWeek} 条），累计 ${o.total} 条，已办理 ${o.handled} 条。`,
    `Opinions: ${o.thisWeek} this week (${o.lastWeek} last week), ${o.total} in all, ${o.handled} handled.`,
  ),
  note: m('详细情况请发送「进度」查看。', 'Send “progress” for the details.'),
};
