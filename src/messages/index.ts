/**
 * The one catalog of user-facing text: Chinese first, English beside it. Cards and handlers take their
 * words from here. Entries are trusted text (they may go into markdown); the `fmt` helpers splice in
 * parameters such as names, which are NOT escaped: render their result as plain text
 * (cards/components `div`) or escape the parameters before putting them into markdown.
 */
import { evaluationMsg } from './evaluations.js';
import { ledgerMsg } from './ledger.js';
import { lookbackMsg } from './lookback.js';
import { boardMsg } from './board.js';
import { opinionMsg, triageMsg } from './opinions.js';
import { studyMsg } from './study.js';

export type Locale = 'zh' | 'en';
export interface Msg { readonly zh: string; readonly en: string }

const m = (zh: string, en: string): Msg => ({ zh, en });

/** The text of an entry in a locale (Chinese by default). */
export function t(entry: Msg, locale: Locale = 'zh'): string {
  return entry[locale];
}

/** Chinese and English on one line, for places every reader sees (group notices). */
export function both(entry: Msg): string {
  return `${entry.zh} / ${entry.en}`;
}

const join = (names: readonly string[], locale: Locale) => names.join(locale === 'zh' ? '、' : ', ');

export const msg = {
  opinion: opinionMsg,
  triage: triageMsg,
  evaluation: evaluationMsg,
  ledger: ledgerMsg,
  lookback: lookbackMsg,
  study: studyMsg,
  board: boardMsg,
  roles: {
    admin: m('管理员', 'Admin'),
    topLeader: m('一把手', 'Top leader'),
    leader: m('班子成员', 'Leadership member'),
    supervisor: m('督导组', 'Supervision group'),
    member: m('党员干部', 'Party member'),
    anyone: m('所有人', 'Everyone'),
  },

  /** Per command: how to type it and what it does (help card). */
  commands: {
    help: { usage: m('帮助', 'help'), desc: m('查看你能用的命令', 'What you can do here') },
    opinion: { usage: m('提意见', 'opinion'), desc: m('提意见建议，默认匿名：领导和办公室都看不到是谁写的', 'Give an opinion, anonymous by default') },
    status: { usage: m('查询 回执码', 'status <code>'), desc: m('查看意见的办理状态和答复', 'Status and reply of your opinion') },
    triage: { usage: m('意见处理', 'triage'), desc: m('梳理归并、答复、转整改', 'Sort, merge, reply, turn into ledger items') },
    report: { usage: m('意见报告', 'report'), desc: m('意见统计、图表和导出', 'Opinion report, charts and exports') },
    evaluate: { usage: m('测评', 'evaluate'), desc: m('参加民主测评、满意度测评；管理员发起、结束、看结果', 'Vote in evaluations; admins run rounds') },
    study: { usage: m('学习', 'study'), desc: m('下次集中学习、签到、提交心得体会', 'Next study session, check-in, reflections') },
    ledger: { usage: m('整改', 'ledger'), desc: m('我的整改事项；管理员和督导组看整改台账', 'My rectification items; the ledger') },
    progress: { usage: m('进度', 'progress'), desc: m('活动进展总览', 'Campaign dashboard') },
    settings: { usage: m('设置 管理员 @某人', 'settings admin @someone'), desc: m('设置角色（管理员、班子成员、督导组）', 'Set roles (admin, leader, supervisor)') },
    remove: { usage: m('移除 管理员 @某人', 'remove admin @someone'), desc: m('移除在这里设置的角色', 'Remove a role set here') },
    studySettings: { usage: m('学习 设置', 'study settings'), desc: m('学习主题、材料、地点和临时安排', 'Study topic, materials, place, extra sessions') },
  },

  help: {
    title: m('帮助', 'Help'),
    yourRoles: m('你的角色', 'Your roles'),
    slashNote: m('命令前加不加 / 都可以，中英文都行。', 'With or without a leading /, in Chinese or English.'),
    groupNote: m('在群里请先 @我 再输入命令；提意见、查询等个人内容我会私信回复你。', 'In a group, @ me first; personal things are answered by direct message.'),
    rolesButton: m('查看角色', 'Roles'),
  },

  welcome: {
    intro: m('我是本次群众路线教育实践活动的助手：收集意见建议、组织测评和学习、跟踪整改。', 'I help with this campaign: opinions, evaluations, study and rectification.'),
    anonymous: m('意见默认匿名：领导和办公室都看不到是谁写的。提交后会给你一个回执码，凭它查询答复。', 'Opinions are anonymous by default: nobody sees who wrote them. Keep the receipt code to check the reply.'),
    p2p: m('直接发送命令即可，例如「提意见」「帮助」。', 'Just send a command, e.g. “opinion” or “help”.'),
    group: m('在群里使用时请先 @我 再输入命令。提意见、查询、投票等个人内容我会私信回复你。', 'In this group, @ me first. Opinions, look-ups and ballots are answered by direct message.'),
    helpButton: m('查看帮助', 'Help'),
    opinionHint: m('想提意见？发送「提意见」。', 'Want to give an opinion? Send “opinion”.'),
  },

  hint: {
    title: m('提示', 'Hint'),
    unknownCommand: m('没看懂这条消息。发送「帮助」查看可用的命令。', 'Sorry, I did not get that. Send “help” to see the commands.'),
    emptyMention: m('请在 @我 后面输入命令，例如「帮助」。', 'Type a command after the @, e.g. “help”.'),
  },

  errors: {
    noPermission: m('无权限', 'Not allowed'),
    noPermissionFor: m('无权限：这个操作只有管理员可以使用。', 'Not allowed: admins only.'),
    badInput: m('输入有误', 'Invalid input'),
    staleButton: m('这个按钮已失效，请重新发送命令。', 'This button is no longer valid; send the command again.'),
    tryAgain: m('出错了，请稍后再试。', 'Something went wrong; please try again later.'),
    dmFailed: m('私信发送失败，请稍后再问一次。', 'Could not send you a direct message; please ask again.'),
  },

  dm: {
    sentByDm: m('已通过私信发送，请查看与我的单聊。', 'Sent to you by direct message.'),
    codeShownInGroup: m('提醒：你在群里发送了回执码，群里的人都看到了它。', 'Note: you posted the receipt code in a group, so everyone there saw it.'),
  },

  /** A card action still running at its answer deadline: the result follows by direct message. */
  late: {
    working: m('正在处理，完成后将通过私信告知您结果。', 'Working on it; the result will come to you by direct message.'),
    done: m('您刚才的操作已处理完成。', 'Your last action has been completed.'),
    failed: m('您刚才的操作未能完成，请稍后再试一次。', 'Your last action could not be completed; please try it again later.'),
  },

  unreachable: {
    title: m('以下人员未能收到消息', 'These people could not be reached'),
    note: m('他们不计入参与率。请检查应用的可用范围或人员状态。', 'They are left out of turnout. Check the app’s availability scope or their status.'),
    colName: m('人员', 'Person'),
    colReason: m('原因', 'Reason'),
    reasons: {
      outOfScope: m('不在应用可用范围内', 'Outside the app’s availability scope'),
      leftCompany: m('已离职或账号停用', 'Left the company or deactivated'),
      botNotInChat: m('机器人不在该群', 'The bot is not in that chat'),
      other: m('其他原因', 'Other reason'),
    },
    unknownPerson: m('（未知）', '(unknown)'),
  },

  rolesCard: {
    title: m('角色设置', 'Roles'),
    none: m('（暂无）', '(none)'),
    fromFile: m('配置文件', 'config file'),
    runtime: m('在这里设置', 'set here'),
    removeButton: m('移除', 'Remove'),
    removeConfirmTitle: m('确认移除', 'Confirm removal'),
    fileOnlyNote: m('配置文件里的人员只能通过修改配置文件调整。', 'People named in the config file can only be changed there.'),
    howToAdd: m('添加：设置 管理员 @某人　设置 班子成员 @某人 职务　设置 督导组 @某人', 'Add: settings admin @x · settings leader @x title · settings supervisor @x'),
    unknownName: m('（未知姓名）', '(unknown name)'),
  },

  settings: {
    usage: m('用法：设置 管理员 @某人；设置 班子成员 @某人 职务；设置 督导组 @某人；移除 管理员 @某人', 'Usage: settings admin @x; settings leader @x title; settings supervisor @x; remove admin @x'),
    unknownRole: m('没有这个角色。可以设置：管理员、班子成员、督导组。', 'Unknown role. Roles: admin, leader, supervisor.'),
    topLeaderFileOnly: m('一把手只能在配置文件中设置。', 'The top leader is set in the config file only.'),
    needMention: m('请用 @ 选择要设置的人（直接输入名字无法识别）。', 'Pick the person with an @ mention.'),
    titleOnlyLeader: m('只有班子成员需要填写职务。', 'Only leaders take a title.'),
    titleOneTarget: m('填写职务时一次只能设置一位班子成员。', 'With a title, set one leader at a time.'),
    titleTooLong: m('职务太长了（最多 20 个字）。', 'The title is too long (20 characters at most).'),
    removeTitle: m('移除角色时不用填写职务。', 'No title is needed to remove a role.'),
    fileAdminNotRemovable: m('配置文件中的管理员不能在这里移除。', 'Admins named in the config file cannot be removed here.'),
    notFound: m('没有找到这条角色记录，可能已被移除。', 'No such role entry; it may have been removed already.'),
  },

  /** 意见报告: the report card, the exports and the draft report (numbers are the only parameters). */
  report: {
    title: m('意见建议统计', 'Opinion report'),
    summary: (total: number, handled: number, pct: number): Msg => m(
      `共收到意见建议 **${total}** 条，已办理 **${handled}** 条（${pct}%）。`, `**${total}** opinions received, **${handled}** handled (${pct}%).`),
    mergedLine: (n: number): Msg => m(`其中 ${n} 条已梳理归并。`, `${n} of them merged into groups.`),
    empty: m('还没有收到意见建议。', 'No opinions yet.'),
    chartCategory: m('按类别', 'By category'),
    chartSource: m('按来源', 'By source group'),
    chartWeekly: m('每周收到', 'Received per week'),
    chartTarget: m('按对象', 'By target'),
    otherTargets: m('其他对象', 'Other targets'),
    weeksCapped: (n: number): Msg => m(`…仅显示最近 ${n} 周，完整数据见导出文件。`, `…only the last ${n} weeks; the exports hold all of them.`),
    topGroups: m('主要问题（梳理归并后）', 'Main issues (merged groups)'),
    noGroups: m('还没有归并的意见。', 'No merged groups yet.'),
    colIssue: m('问题', 'Issue'),
    colSize: m('条数', 'Opinions'),
    moreGroups: (n: number): Msg => m(`…另有 ${n} 组未显示。`, `…${n} more groups not shown.`),
    exportXlsx: m('导出 Excel', 'Export Excel'),
    exportCsv: m('导出 CSV', 'Export CSV'),
    exportDocx: m('报告初稿 Word', 'Draft report (Word)'),
    exportNote: m('导出文件通过私信发给你，不含提交人信息。', 'Exports are sent to you by direct message and never name who wrote an opinion.'),
    exportQueued: m('正在生成，稍后通过私信发送', 'Generating; it will come to you by direct message'),
    noPermission: m('无权限：只有管理员和督导组可以查看意见报告。', 'Not allowed: admins and the supervision group only.'),
    tooLarge: m('导出文件超过飞书 30 MB 的上限，无法通过消息发送。CSV 可改用 Excel 导出（文件小得多）。', 'The export is over Lark’s 30 MB file limit and cannot be sent. For CSV, use the Excel export instead (much smaller).'),
    fileSummary: m('征求意见汇总', 'opinions'),
    fileReport: m('征求意见情况报告', 'opinion-report'),
    fileEvaluation: m('测评结果汇总', 'evaluation-results'),
    xlsx: {
      sheetSummary: m('汇总', 'Summary'),
      sheetDetail: m('明细', 'Detail'),
      colId: m('编号', 'ID'),
      colDay: m('日期', 'Date'),
      colCategory: m('类别', 'Category'),
      colSource: m('来源', 'Source group'),
      colTarget: m('对象', 'Target'),
      colText: m('内容', 'Text'),
      colStatus: m('状态', 'Status'),
      colTags: m('标签', 'Tags'),
      colMergedInto: m('归并到', 'Merged into'),
      colReply: m('答复', 'Reply'),
      colQuickNote: m('立行立改说明', 'Fixed-at-once note'),
      item: m('项目', 'Item'),
      count: m('数量', 'Count'),
      total: m('合计', 'Total'),
      handled: m('已办理', 'Handled'),
      merged: m('已归并', 'Merged'),
      byCategory: m('按类别', 'By category'),
      bySource: m('按来源', 'By source group'),
      byTarget: m('按对象', 'By target'),
      byStatus: m('按状态', 'By status'),
      byWeek: m('按周', 'By week'),
      categoryBySource: m('类别 × 来源', 'Category × source group'),
      categoryByTarget: m('类别 × 对象', 'Category × target'),
    },
    docx: {
      title: (campaign: string): Msg => m(`${campaign}征求意见情况报告`, `${campaign}: report on the opinions collected`),
      draft: m('（初稿）', '(draft)'),
      s1: m('一、基本情况', '1. Overview'),
      s2: m('二、意见建议分类汇总', '2. Opinions by category'),
      s3: m('三、主要问题', '3. Main issues'),
      s4: m('四、下一步打算', '4. Next steps'),
      basic: (total: number, handled: number, merged: number): Msg => m(
        `活动开展以来，通过“走进职工”等方式共收到意见建议 ${total} 条，梳理归并 ${merged} 条，目前已办理 ${handled} 条。`,
        `Since the campaign began, ${total} opinions were collected (outreach and others); ${merged} were merged; ${handled} have been handled.`),
      bySource: (list: string): Msg => m(`按来源分：${list}。`, `By source group: ${list}.`),
      byTarget: (list: string): Msg => m(`按对象分：${list}。`, `By target: ${list}.`),
      byCategory: (list: string): Msg => m(`按类别分：${list}。分类汇总如下表。`, `By category: ${list}. The table below breaks them down.`),
      tableCorner: m('类别＼来源', 'Category \\ source'),
      mainIntro: m('经梳理归并，反映较集中的问题主要有：', 'After merging, the issues raised most often are:'),
      groupNote: (size: number, category: string): Msg => m(`共 ${size} 条意见反映，${category}`, `${size} opinions, ${category}`),
      noGroups: m('（暂无归并的意见，请根据意见明细梳理后填写。）', '(No merged groups yet; fill in from the detail export.)'),
      nextSteps: [
        m('（一）〔请填写：对意见建议逐条研究、分类办理的安排。〕', '(1) [To fill in: how each opinion will be studied and handled.]'),
        m('（二）〔请填写：立行立改事项的落实和反馈。〕', '(2) [To fill in: fixes made at once and the feedback given.]'),
        m('（三）〔请填写：纳入整改台账的问题、责任人和时限。〕', '(3) [To fill in: issues put on the rectification ledger, owners, deadlines.]'),
      ],
      signature: (campaign: string): Msg => m(`${campaign}领导小组办公室`, `${campaign} leading group office`),
      dateLine: m('年　月　日', 'Date:'),
    },
  },
} as const;

/** Messages with parameters. Results carry raw parameters: render as plain text or escape them. */
export const fmt = {
  welcomeTitle: (campaign: string): Msg => m(`欢迎使用「${campaign}」助手`, `Welcome to the ${campaign} assistant`),
  helpTitle: (campaign: string): Msg => m(`${campaign} · 帮助`, `${campaign} · Help`),
  roleAdded: (role: Msg, names: readonly string[], title?: string): Msg => m(
    `已将 ${join(names, 'zh')} 设为${role.zh}${title ? `（${title}）` : ''}。`,
    `${join(names, 'en')} now ${names.length > 1 ? 'have' : 'has'} the role ${role.en}${title ? ` (${title})` : ''}.`),
  roleRemoved: (role: Msg, names: readonly string[]): Msg => m(
    `已移除 ${join(names, 'zh')} 的${role.zh}角色。`, `Removed the role ${role.en} from ${join(names, 'en')}.`),
  removeConfirm: (role: Msg, name: string): Msg => m(`确定移除 ${name} 的${role.zh}角色吗？`, `Remove the role ${role.en} from ${name}?`),
  moreNotShown: (n: number): Msg => m(`另有 ${n} 人未显示。`, `${n} more not shown.`),
  unreachableCount: (n: number): Msg => m(`共 ${n} 人未能收到。`, `${n} people could not be reached.`),
};
