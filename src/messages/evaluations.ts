import { m, type Msg } from './catalog.js';

/** Catalog section for evaluations (民主测评, 满意度测评); merged into `msg` in src/messages/index.ts. */

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export const evaluationMsg = {
  kinds: {
    democratic: m('民主测评', 'Democratic evaluation'),
    satisfaction: m('满意度测评', 'Satisfaction survey'),
    outreach: m('走进职工满意度测评', 'Outreach visit survey'),
  },
  statuses: {
    draft: m('未开始', 'Not started'),
    open: m('进行中', 'Open'),
    closed: m('已结束', 'Closed'),
  },
  modes: {
    electronic: m('网上测评', 'Online ballots'),
    paper: m('纸质测评票（录入统计数）', 'Paper ballots (enter the tallies)'),
  },

  ballot: {
    intro: m('请您对下面每一项作出评价，每一项都需要选择。', 'Rate every item below; each one needs a choice.'),
    // DESIGN §3: promise exactly the threat model, nothing more.
    anonymousMeans: m('匿名测评：活动办和领导都看不到您的选择。系统只记录您是否已提交，用于提醒尚未提交的人。',
      'Anonymous: leaders and the office cannot see how you voted. We only note that you voted, to remind those who have not.'),
    final: m('每人只能提交一次测评票，提交后不能修改。', 'One ballot per person; it cannot be changed once submitted.'),
    page: (n: number, total: number): Msg => m(`第 ${n} / ${total} 页`, `Page ${n} of ${total}`),
    closesAt: (when: string): Msg => m(`截止时间：${when}`, `Closes: ${when}`),
    next: m('下一页', 'Next page'),
    submit: m('提交测评票', 'Submit the ballot'),
    pick: m('请选择', 'Choose'),
    earlierKept: m('前面各页的选择已保留，提交最后一页时一并计入。', 'Your choices on earlier pages are kept and counted when you submit the last page.'),
    moved: m(
      '这张测评票已过期（飞书卡片只能在 14 天内操作）。新的测评票已另行发送，请您在最新的消息中填写。',
      'This ballot expired (Lark cards accept clicks for 14 days). A new one was sent: please vote on the newer message.'),
    votedTitle: m('测评票已提交，谢谢！', 'Ballot received, thank you'),
    votedBody: m('您的测评票已计入。为保护匿名，这里不显示您的选择。', 'Your ballot is counted. To keep it anonymous, your choices are not shown here.'),
    votedNote: m('测评结束后由活动办汇总结果。', 'The admins publish the results after the round closes.'),
  },

  /** The stepped ballot of a direct message: one person a page, grade buttons, a summary before the final submit. */
  steps: {
    intro: m('请您逐位评价：每一项点选一个等次，已选的等次高亮显示。', 'Rate each person in turn: tap one grade per item; your choice is highlighted.'),
    person: (n: number, total: number): Msg => m(`第 ${n}/${total} 位`, `Person ${n} of ${total}`),
    part: (n: number, total: number): Msg => m(`（本位第 ${n}/${total} 页）`, ` (part ${n} of ${total})`),
    shortcut: m('一键评定：先全部评为同一等次，再逐项调整', 'Shortcut: give every item the same grade, then adjust'),
    all: m('全部评为', 'All as'),
    row: (dimension: string, grade: string | undefined): Msg =>
      grade === undefined ? m(`${dimension}：请选择`, `${dimension}: choose`) : m(`${dimension}：已选「${grade}」`, `${dimension}: “${grade}”`),
    prev: m('上一位', 'Previous'),
    next: m('下一位', 'Next person'),
    review: m('核对并提交', 'Review and submit'),
    summaryTitle: m('请核对您的选择', 'Please check your choices'),
    summaryPart: (n: number, total: number): Msg => m(`核对 第 ${n}/${total} 页`, `Review, page ${n} of ${total}`),
    summaryNote: m('提交后不能修改。需要调整的，请点「修改」回到该位。', 'A submitted ballot cannot be changed. To adjust, tap “Edit” to go back to that person.'),
    edit: m('修改', 'Edit'),
    allSame: (grade: string): Msg => m(`各项均为：${grade}`, `Every item: ${grade}`),
    rest: (grade: string): Msg => m(`其余各项：${grade}`, `Every other item: ${grade}`),
    moreSummary: m('继续核对', 'Continue reviewing'),
    submit: m('确认提交（提交后不能修改）', 'Submit (final: cannot be changed)'),
    missing: (person: string): Msg => m(`请先为「${person}」的每一项选择等次。`, `Please choose a grade for every item of “${person}” first.`),
    late: m('网络繁忙，您刚才的选择没有显示出来，请在测评票上再点一次。', 'The network was slow and your last tap did not show; please tap again on the ballot.'),
    incomplete: m('还有未选择的项目，请核对后再提交。', 'Some items have no choice yet; please check before submitting.'),
  },

  toast: {
    created: m('测评已创建，尚未开始。核对无误后请在列表中点“开始并发送测评票”。',
      'Round created, not started yet. Once checked, press “Start and send ballots” in the list.'),
    started: m('测评已开始，测评票正在发送；参评情况可在列表中查看。', 'Round started; ballots are being sent. Turnout shows in the list.'),
    duplicate: m('你已经提交过测评票，每人只能提交一次。', 'You have already voted; one ballot per person.'),
    closed: m('这次测评已经结束或还没有开始。', 'This round is closed or has not started.'),
    notElectorate: m('你不在本次测评的参评人员范围内。', 'You are not on the list of voters for this round.'),
    incomplete: m('请把本页每一项都选上再提交。', 'Please make a choice for every item on this page.'),
    invalid: m('测评票无效，请重新发送「测评」打开测评票。', 'This ballot is not valid; send “evaluate” to open it again.'),
    groupVoted: m('已提交，谢谢！你的选择不会显示在群里。', 'Voted, thank you. Your choices are not shown in the chat.'),
  },

  admin: {
    title: m('发起测评', 'New evaluation round'),
    name: m('测评名称', 'Title'),
    namePlaceholder: m('例如：第一次民主测评', 'e.g. First democratic evaluation'),
    kind: m('测评类型', 'Kind'),
    mode: m('测评方式', 'How people vote'),
    closes: m('截止日期（当天 18:00 截止）', 'Closing day (closes at 18:00)'),
    baseline: m('与哪一轮对比（可不选）', 'Compare with an earlier round (optional)'),
    baselineNone: m('不对比', 'No comparison'),
    k: m('匿名保护人数（少于此数不显示结果；默认 5，至少 3）', 'Anonymity threshold (no results below it; default 5, at least 3)'),
    kNote: m('某个群体的测评票少于匿名保护人数时，该格显示“样本不足”，以免推断出个人的选择。匿名保护人数在测评开始后不能修改。',
      'Cells with fewer ballots than the threshold show “sample too small”, so no one’s choice can be inferred. ' +
        'The threshold is fixed once the round opens.'),
    subjects: m('测评对象', 'Who is rated'),
    create: m('创建', 'Create'),
    createdNote: m(
      '创建后在测评列表中点击“开始”，测评票将通过私信发送给每位参评人员。',
      'After creating, press “Start” in the list; ballots go to each voter by direct message.'),
    invalid: {
      title: m('请填写测评名称（最多 100 字）', 'Enter a title (100 characters at most)'),
      kind: m('请选择测评类型', 'Choose a kind'),
      mode: m('请选择投票方式', 'Choose how people vote'),
      closes: m('请选择今天以后的截止日期', 'Choose a closing day after today'),
      k: m('匿名保护人数须为 3 到 1000 之间的整数', 'The threshold must be a whole number from 3 to 1000'),
      subjects: m('请至少选择一个测评对象', 'Choose at least one subject'),
      baseline: m('对比的轮次须为同类型且已结束的测评', 'The baseline must be a closed round of the same kind'),
    },
  },

  list: {
    title: m('测评', 'Evaluations'),
    empty: m('还没有测评。', 'No rounds yet.'),
    turnout: (voted: number, electorate: number): Msg => m(`已投 ${voted} / ${electorate} 人`, `${voted} of ${electorate} voted`),
    paperTag: m('纸质测评票', 'Paper'),
    closesAt: (when: string): Msg => m(`截止 ${when}`, `Closes ${when}`),
    start: m('开始并发送测评票', 'Start and send ballots'),
    close: m('提前结束', 'Close now'),
    closeConfirmTitle: m('提前结束测评', 'Close this round now'),
    closeConfirmText: m('结束后不能再提交测评票，结果将发送给活动办和督导组。确定结束吗？',
      'No more ballots after this; results go to the admins and supervisors. Close it?'),
    finishPaper: m('完成录入并出结果', 'Finish and publish'),
    results: m('查看结果', 'Results'),
    remind: m('提醒尚未提交的人', 'Remind non-voters'),
    reminded: (n: number): Msg => m(`已提醒 ${n} 位尚未提交测评票的人。`, `Reminded ${n} people who have not voted.`),
    remindNote: m('只提醒尚未提交测评票的人；这里只显示人数，不显示谁已提交。', 'Only those who have not voted are reminded; only numbers are shown, never who voted.'),
    paper: m('录入纸质测评票', 'Enter paper tallies'),
    create: m('发起测评', 'New round'),
    back: m('返回测评列表', 'Back to the rounds'),
    more: (n: number): Msg => m(`另有 ${n} 轮较早的测评未显示。`, `${n} older rounds not shown.`),
    yourRounds: m('待您参加的测评', 'Rounds waiting for your vote'),
    noOpen: m('目前没有需要您参加的测评。', 'No round is waiting for your vote.'),
    openBallot: m('打开测评票', 'Open the ballot'),
  },

  paper: {
    title: m('录入纸质测评票统计', 'Enter paper tallies'),
    help: (grades: string): Msg => m(`每格按“${grades}”的顺序填写票数，用空格分开；留空表示暂不填写。同一群体每一格的票数合计应相同（即该群体的有效票数）。`,
      `Type the counts in the order “${grades}”, separated by spaces; leave a box empty to fill it later. ` +
        `Within a group every item must add up to the same number of ballots.`),
    save: m('保存本页', 'Save this page'),
    saveNext: m('保存并下一页', 'Save and next page'),
    bad: m('以下各格填写有误，请检查：', 'These boxes are not valid; please check:'),
    mismatch: m('与前面各页同一群体的有效票数不一致。', 'A group’s ballot count differs from earlier pages.'),
    saved: m('本页已保存，请接着填写下一页。', 'Page saved; go on with the next page.'),
    savedLast: m('纸质票已全部录入，结果可在测评列表中查看。', 'Every page is entered; see the results from the list of rounds.'),
  },

  results: {
    title: (title: string): Msg => m(`测评结果：${title}`, `Results: ${title}`),
    summary: (ballots: number, k: number): Msg => m(
      `有效测评票 ${ballots} 张；为保护匿名，少于 ${k} 张的格子不显示。`,
      `${ballots} ballots; cells with fewer than ${k} are not shown.`),
    rateName: {
      democratic: m('好评率', 'Favourable rate'),
      satisfaction: m('满意率', 'Satisfaction rate'),
      outreach: m('满意率', 'Satisfaction rate'),
    },
    suppressed: m('样本不足', 'Sample too small'),
    hidden: m('已隐藏', 'Hidden'),
    suppressNote: m('“样本不足”：该格测评票少于匿名保护人数；“已隐藏”：为防止用总数减出样本不足的格子而一并隐藏。',
      '“Sample too small”: fewer ballots than the threshold; ' +
        '“Hidden”: also withheld so the small cells cannot be worked out by subtraction.'),
    weightNote: m('加权分按各群体权重计算，只用显示出来的群体；不加权分为全部有效票的平均分。',
      'Weighted scores use the group weights over the groups shown; unweighted scores average every ballot.'),
    partial: m('（部分群体样本不足，未计入）', '(some groups too small, left out)'),
    chartBySubject: m('按测评对象', 'By subject'),
    chartByDimension: m('按测评项目', 'By item'),
    chartDistribution: m('评价分布', 'Distribution of grades'),
    chartChange: m('与上一轮相比（百分点）', 'Change against the baseline (points)'),
    colSubject: m('对象', 'Subject'),
    colDimension: m('项目', 'Item'),
    colValid: m('有效票', 'Ballots'),
    colMean: m('不加权分', 'Unweighted'),
    colWeighted: m('加权分', 'Weighted'),
    colBaseline: m('上一轮', 'Baseline'),
    colCurrent: m('本轮', 'This round'),
    colChange: m('变化', 'Change'),
    notAvailable: m('—', 'n/a'),
    byGroup: m('各群体', 'By rater group'),
    byGroupOmitted: m('测评对象较多，部分明细（各群体）未在卡片中显示。', 'Too many subjects: some detail (per group) is not shown on this card.'),
    changeTitle: (title: string): Msg => m(`与「${title}」对比`, `Against “${title}”`),
    verdictMet: (overall: number): Msg => m(`总体满意率 ${pct(overall)}，达到目标。`, `Overall satisfaction ${pct(overall)}: target met.`),
    verdictContinue: m('未达到满意度目标：继续整改。', 'Below the satisfaction target: rectification continues.'),
    verdictItems: (n: number): Msg => m(`${n} 个项目低于目标。`, `${n} items below the target.`),
    visit: (contact: string, source: string, day: string): Msg => m(
      `走访：${contact} · ${source} · ${day}`,
      `Visit: ${contact} · ${source} · ${day}`),
    bySource: (source: string, visits: number): Msg => m(
      `来源群体「${source}」（合并已结束走访 ${visits} 次；各次走访中样本不足、未显示的结果不计入）`,
      `Source group “${source}” (${visits} closed visits pooled; results a visit did not show are left out)`),
    exportXlsx: m('导出 Excel', 'Export Excel'),
    exportCsv: m('导出 CSV', 'Export CSV'),
    exportNote: m('导出只含汇总数字（样本不足的格子同样隐藏），不含任何参评人员信息。', 'Exports hold aggregates only (small cells hidden as here), never a voter.'),
    verdictInsufficient: m('样本不足，无法判断是否达到满意度目标。', 'Too few ballots to judge against the target.'),
  },

  outreach: {
    title: m('发起走访测评（走进职工）', 'New outreach visit survey'),
    newButton: m('发起走访测评', 'New outreach survey'),
    contact: m('联系点名称', 'Contact point'),
    source: m('来源群体', 'Source group'),
    day: m('走访日期', 'Visit date'),
    closes: m('截止日期（当天 18:00 截止）', 'Closing day (closes at 18:00)'),
    delivery: m('测评票发送方式', 'How the ballot is sent'),
    deliveryDm: m('私信发给名单上的职工', 'By direct message to the listed people'),
    deliveryChat: m('发到联系点的群里（群成员每人一票）', 'Into the contact point’s chat (one vote per member)'),
    chat: m('联系点的群（已知的群）', 'The contact point’s chat (known chats)'),
    chatTyped: m('或填写群号（以 oc_ 开头）', 'Or type the chat_id (starts with oc_)'),
    create: m('创建', 'Create'),
    note: m(
      '创建后在测评列表中点击“开始”。群里的测评票所有人共用：提交后只弹出提示，卡片不变。',
      'After creating, press “Start” in the list. A ballot in a chat is shared: a vote is answered by a pop-up only.'),
    invalid: {
      contact: m('请填写联系点名称（最多 60 字）', 'Enter the contact point (60 characters at most)'),
      source: m('请选择来源群体', 'Choose the source group'),
      day: m('请选择走访日期', 'Choose the visit date'),
      closes: m('请选择今天以后的截止日期', 'Choose a closing day after today'),
      delivery: m('请选择发送方式', 'Choose how the ballot is sent'),
      chat: m('请选择或填写联系点的群（oc_ 开头）', 'Pick or type the contact point’s chat (oc_…)'),
      k: m('匿名保护人数须为 3 到 1000 之间的整数', 'The threshold must be a whole number from 3 to 1000'),
      members: m('读不到这个群的成员（机器人在群里吗？）', 'Cannot read this chat’s members (is the bot in it?)'),
    },
    suggestion: m('意见建议（选填，最多 1000 字）', 'Suggestions (optional, 1,000 characters at most)'),
    suggestionNote: m(
      '意见建议单独匿名保存，与您的测评票没有任何关联，将转交工会机关办理。',
      'Suggestions are stored anonymously and apart from your ballot, and passed to the union office.'),
    groupIntro: m(
      '这张测评票在群里共用：每人只能提交一次，提交后只会弹出提示，卡片不会改变，群里其他人看不到您的选择。',
      'This ballot is shared in the chat: one vote each; a vote is answered by a pop-up only, and nobody in the chat sees your choices.'),
    receipt: (code: string): Msg => m(
      `您的意见建议已匿名记录，回执码 ${code}（请您自行保存，丢失无法找回），可发送「查询 ${code}」查看办理情况。`,
      `Your suggestion is recorded anonymously. Receipt code ${code} (keep it; a lost code cannot be recovered); ` +
        `send “查询 ${code}” to follow it.`),
    groupSuggestion: m('已提交，谢谢！意见建议已匿名记录。', 'Voted, thank you. Your suggestion is recorded anonymously.'),
  },

  /** 我的测评结果: a leader's own cells of a closed round, with the round's suppression. */
  own: {
    listTitle: m('我的测评结果', 'My evaluation results'),
    listNote: m('以下测评已结束，您可以查看对您本人的测评结果（仅您本人可见）。',
      'These rounds are closed: you may see the results about yourself (shown to you alone).'),
    open: m('我的测评结果', 'My results'),
    title: (round: string): Msg => m(`我的测评结果 · ${round}`, `My results · ${round}`),
    summary: (ballots: number, k: number): Msg => m(
      `本轮共收到有效测评票 ${ballots} 张。为保护投票人，不足 ${k} 张的格子及可据以推算的格子不显示。`,
      `${ballots} ballots in this round. To protect the voters, cells under ${k} ballots, and those that would reveal them, are hidden.`),
    overall: (rate: string): Msg => m(`您的总体好评率：${rate}`, `Your overall favourable rate: ${rate}`),
    overallHidden: m('您的总体好评率：样本不足，不显示', 'Your overall favourable rate: too few ballots to show'),
    colTotal: m('合计', 'All groups'),
    byGroup: m('按评价群体', 'By rater group'),
    notSubject: m('您不是这次测评的测评对象。', 'You are not a subject of this round.'),
    notClosed: m('这次测评还没有结束，结束后才能查看结果。', 'This round is not closed yet; results show once it is.'),
  },
} as const;
