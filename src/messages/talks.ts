import { m, type Msg } from './catalog.js';

/** 谈心谈话 (talks): the list, a talk's card, the plan under review, the matrix, reminders and toasts. */
export const talksMsg = {
  kinds: {
    topLeader: m('主要负责同志与班子成员', 'Top leader with a leader'),
    leaders: m('班子成员之间', 'Between leaders'),
    members: m('班子成员与分管同志', 'Leader with a member'),
  },
  states: { planned: m('待谈', 'Planned'), done: m('已谈', 'Held') },
  list: {
    title: m('谈心谈话', 'One-to-one talks'),
    intro: m('查摆问题阶段，主要负责同志与每位班子成员、班子成员之间、班子成员与分管同志开展谈心谈话。',
      'In the second phase the top leader talks with each leader, the leaders with each other and with the members they lead.'),
    mine: m('我的谈心谈话', 'My talks'),
    all: m('全部谈心谈话', 'All talks'),
    empty: m('暂无谈心谈话安排。', 'No talks planned yet.'),
    counts: (done: number, planned: number): Msg => m(`已谈 ${done} 次，共安排 ${planned} 次。`, `${done} of ${planned} talks held.`),
    more: (n: number): Msg => m(`另有 ${n} 次未列出。`, `${n} more not listed.`),
    line: (other: string, state: Msg, due: Msg): Msg =>
      m(`与${other}｜${state.zh}｜请于 ${due.zh} 前完成`, `With ${other} | ${state.en} | due ${due.en}`),
    pairLine: (a: string, b: string, state: Msg, due: Msg): Msg =>
      m(`${a} 与 ${b}｜${state.zh}｜${due.zh}`, `${a} and ${b} | ${state.en} | ${due.en}`),
  },
  card: {
    title: (other: string): Msg => m(`谈心谈话：与${other}`, `Talk with ${other}`),
    titlePair: (a: string, b: string): Msg => m(`谈心谈话：${a} 与 ${b}`, `Talk: ${a} and ${b}`),
    subtitle: (state: Msg, due: Msg): Msg => m(`${state.zh}｜请于 ${due.zh} 前完成`, `${state.en} | due ${due.en}`),
    doneOn: (day: Msg, place: string, by: string): Msg =>
      m(`已于 ${day.zh} 在${place}谈话（${by}登记）。`, `Held on ${day.en} at ${place} (recorded by ${by}).`),
    noteIntro: m('谈话笔记仅您本人可见，不进入导出、进度和归档，他人（包括活动办和督导组）都看不到。',
      'Your note is visible to you alone: not in exports, progress or the archive; nobody else, office or supervisors included, sees it.'),
    noteSaved: (at: string): Msg => m(`您的笔记已于 ${at} 保存。`, `Your note was saved at ${at}.`),
    noNote: m('您尚未写笔记。', 'You have no note yet.'),
  },
  fields: {
    day: m('谈话日期（不晚于今天）', 'Day held (today or earlier)'),
    place: m('谈话地点（100 字以内）', 'Place (up to 100 characters)'),
    note: m('我的谈话笔记（1000 字以内，仅本人可见）', 'My note (up to 1,000 characters, visible to me only)'),
    due: m('完成时限', 'Due'),
    a: m('谈话一方（班子成员）', 'First person (a leader)'),
    b: m('谈话另一方', 'Second person'),
    pair: m('要调整时限的谈话', 'The talk to move'),
    newDue: m('新的完成时限', 'New due day'),
  },
  buttons: {
    open: m('查看', 'Open'),
    back: m('返回列表', 'Back to the list'),
    done: m('登记已谈', 'Record as held'),
    saveDone: m('提交', 'Submit'),
    note: m('我的笔记', 'My note'),
    saveNote: m('保存笔记', 'Save the note'),
    plan: m('生成谈话安排', 'Generate the talk plan'),
    drop: m('移除', 'Remove'),
    add: m('添加', 'Add'),
    setDue: m('调整时限', 'Move the due day'),
    save: m('确认并保存安排', 'Confirm and save the plan'),
    matrix: m('谈话情况一览', 'Who has talked with whom'),
    prev: m('上一页', 'Previous'),
    next: m('下一页', 'Next'),
  },
  plan: {
    title: m('谈话安排（待确认）', 'Talk plan (to confirm)'),
    intro: m('以下为系统按班子分工生成的谈话安排，已安排过的不再重复。可移除、添加或调整时限，确认后保存并通知双方。',
      'The pairs below come from the team; pairs planned before are left out. Remove, add or move them, then save: both are told.'),
    empty: m('没有需要新安排的谈话。', 'No new talks to plan.'),
    count: (n: number): Msg => m(`共 ${n} 次谈话。`, `${n} talks.`),
    addTitle: m('添加一次谈话', 'Add a talk'),
    dueTitle: m('调整一次谈话的时限', 'Move a talk’s due day'),
    page: (n: number, of: number): Msg => m(`第 ${n} / ${of} 页`, `Page ${n} of ${of}`),
  },
  matrix: {
    title: m('谈心谈话情况一览', 'Who has talked with whom'),
    intro: m('“✓”为已谈，“○”为已安排待谈，“—”为未安排。', '“✓” held, “○” planned, “—” not planned.'),
    person: m('班子成员', 'Leader'),
    members: m('与分管同志', 'With members'),
  },
  notices: {
    planned: (other: string, due: Msg): Msg =>
      m(`活动办已安排您与${other}开展谈心谈话，请您于 ${due.zh} 前完成，谈后点击“登记已谈”。`,
        `A talk with ${other} is planned for you; please hold it by ${due.en} and record it.`),
    held: (by: string, day: Msg): Msg => m(`${by}已登记你们于 ${day.zh} 的谈心谈话。`, `${by} recorded your talk of ${day.en}.`),
    d1: (other: string, due: Msg): Msg =>
      m(`提醒：请您于 ${due.zh} 前与${other}开展谈心谈话，谈后点击“登记已谈”。`, `Reminder: your talk with ${other} is due ${due.en}.`),
    over: (other: string, due: Msg): Msg =>
      m(`您与${other}的谈心谈话已超过完成时限（${due.zh}），请您尽快安排，谈后点击“登记已谈”。`,
        `Your talk with ${other} is past its due day (${due.en}); please hold it soon.`),
  },
  toast: {
    notFound: m('未找到这次谈话，可能已被删除。', 'This talk was not found.'),
    done: m('这次谈话已登记，无需重复登记。', 'This talk is recorded already.'),
    recorded: m('已登记，已告知对方。', 'Recorded; the other person is told.'),
    formErrors: m('请按提示修改后重新提交。', 'Please correct the fields marked and submit again.'),
    noteSaved: m('笔记已保存，仅您本人可见。', 'Note saved, visible to you only.'),
    noteCleared: m('笔记已清空。', 'Note cleared.'),
    noteTooLong: m('笔记请在 1000 字以内。', 'A note has at most 1,000 characters.'),
    saved: (made: number): Msg => m(`已保存 ${made} 次谈话安排，并通知双方。`, `${made} talks saved; both people told.`),
    noDraft: m('安排已过期或已保存，请重新点击“生成谈话安排”。', 'The plan expired or was saved; generate it again.'),
    badPair: m('请选择一位班子成员、另一位不同的人员和不早于今天的时限；这两人已有安排的不再添加。',
      'Pick a leader, another person and a due day not in the past; a pair planned already is not added again.'),
    badDue: m('请选择要调整的谈话和不早于今天的时限。', 'Pick the talk and a due day not in the past.'),
    changed: m('已更新。', 'Updated.'),
  },
  errors: {
    day: m('请选择谈话日期', 'Pick the day'),
    future: m('谈话日期不能晚于今天', 'The day cannot be in the future'),
    place: m('请填写谈话地点（100 字以内）', 'Enter the place (up to 100 characters)'),
  },
} as const;
