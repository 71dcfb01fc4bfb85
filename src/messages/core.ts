import { m, type Locale, type Msg } from './catalog.js';

/** Catalog section of the feature-less core: roles, commands, help, welcome, hints, errors, role settings. */
export const coreMsg = {
  roles: {
    admin: m('活动办', 'Admin'),
    topLeader: m('主要负责同志', 'Top leader'),
    leader: m('班子成员', 'Leadership member'),
    supervisor: m('督导组', 'Supervision group'),
    member: m('党员干部', 'Party member'),
    anyone: m('所有人', 'Everyone'),
  },

  /** Per command: how to type it and what it does (help card). */
  commands: {
    help: { usage: m('帮助', 'help'), desc: m('查看您可以使用的命令', 'What you can do here') },
    opinion: { usage: m('提意见', 'opinion'), desc: m('提意见建议，默认匿名：活动办和领导都看不到是谁写的', 'Give an opinion, anonymous by default') },
    status: { usage: m('查询 回执码', 'status <code>'), desc: m('查看意见建议的办理状态和答复', 'Status and reply of your opinion') },
    triage: { usage: m('意见处理', 'triage'), desc: m('梳理归并、答复、转为整改事项', 'Sort, merge, reply, turn into ledger items') },
    report: { usage: m('意见报告', 'report'), desc: m('意见建议统计、图表和导出', 'Opinion report, charts and exports') },
    evaluate: { usage: m('测评', 'evaluate'), desc: m('参加民主测评、满意度测评；活动办发起、结束测评并查看结果', 'Vote in evaluations; admins run rounds') },
    study: { usage: m('学习', 'study'), desc: m('下次集中学习、签到、提交心得体会', 'Next study session, check-in, reflections') },
    ledger: { usage: m('整改', 'ledger'), desc: m('我的整改事项；活动办和督导组查看整改台账', 'My rectification items; the ledger') },
    rules: { usage: m('制度', 'rules'), desc: m('建章立制清单；牵头人推进起草和审议', 'The rules register (make, revise, abolish)') },
    progress: { usage: m('进度', 'progress'), desc: m('活动进展总览', 'Campaign dashboard') },
    meeting: {
      usage: m('生活会', 'meeting'), desc: m('专题民主生活会和组织生活会：会前条件、签到、发言记录和整改措施', 'Life meetings: preconditions, sign-in, records, measures'),
    },
    materials: { usage: m('材料', 'materials'), desc: m('撰写、审阅报送督导组的材料', 'Write and review the materials reported for review') },
    talks: { usage: m('谈心', 'talks'), desc: m('谈心谈话的安排、登记和仅本人可见的笔记', 'One-to-one talks: plan, record, private notes') },
    outreach: {
      usage: m('走访', 'outreach'),
      desc: m('走访链接和二维码：不在飞书中的职工用手机提意见建议、参加测评', 'Outreach links and QR codes: opinions and ratings by phone from outside Lark'),
    },
    materialsSettings: {
      usage: m('材料 设置', 'materials settings'), desc: m('各类材料的审阅流程和默认完成时限', 'Review chains and due days of the kinds'),
    },
    progressSettings: {
      usage: m('进度 设置', 'progress settings'), desc: m('调整阶段日期和时间节点', 'Move phase dates, edit milestones'),
    },
    endCampaign: { usage: m('结束活动', 'end'), desc: m('结束活动、生成归档文件，结束满 30 天后清除活动数据', 'End the campaign, archive it, purge it later') },
    settings: { usage: m('设置 管理员 @某人', 'settings admin @someone'), desc: m('设置角色（活动办、班子成员、督导组）', 'Set roles (admin, leader, supervisor)') },
    remove: { usage: m('移除 管理员 @某人', 'remove admin @someone'), desc: m('移除在这里设置的角色', 'Remove a role set here') },
    studySettings: { usage: m('学习 设置', 'study settings'), desc: m('学习主题、材料、地点和临时安排', 'Study topic, materials, place, extra sessions') },
  },

  help: {
    title: m('帮助', 'Help'),
    yourRoles: m('您的角色', 'Your roles'),
    slashNote: m('命令前加不加 / 都可以，中英文都行。', 'With or without a leading /, in Chinese or English.'),
    groupNote: m('在群里请先 @我 再输入命令；提意见、查询等个人内容将通过私信回复您。', 'In a group, @ me first; personal things are answered by direct message.'),
    rolesButton: m('查看角色', 'Roles'),
  },

  welcome: {
    intro: m('我是本次群众路线教育实践活动的助手：收集意见建议、组织民主测评和集中学习、跟踪整改事项。', 'I help with this campaign: opinions, evaluations, study and rectification.'),
    anonymous: m(
      '意见建议默认匿名：活动办和领导都看不到是谁写的。提交后您会收到一个回执码，凭回执码查询答复。',
      'Opinions are anonymous by default: nobody sees who wrote them. Keep the receipt code to check the reply.'),
    p2p: m('直接发送命令即可，例如「提意见」「帮助」。', 'Just send a command, e.g. “opinion” or “help”.'),
    group: m(
      '在群里使用时请先 @我 再输入命令。提意见、查询、测评等个人内容将通过私信回复您。',
      'In this group, @ me first. Opinions, look-ups and ballots are answered by direct message.'),
    helpButton: m('查看帮助', 'Help'),
    opinionHint: m('有意见建议？请发送「提意见」。', 'Want to give an opinion? Send “opinion”.'),
  },

  hint: {
    title: m('提示', 'Hint'),
    unknownCommand: m('未能识别这条消息。请发送「帮助」查看可用的命令。', 'Sorry, I did not get that. Send “help” to see the commands.'),
    emptyMention: m('请在 @我 后面输入命令，例如「帮助」。', 'Type a command after the @, e.g. “help”.'),
  },

  errors: {
    noPermission: m('无权限', 'Not allowed'),
    noPermissionFor: m('无权限：此项操作仅限活动办使用。', 'Not allowed: admins only.'),
    noPermissionReaders: m('无权限：此项内容仅限活动办和督导组查看。', 'Not allowed: admins and the supervision group only.'),
    noPermissionEnd: m('无权限：结束活动仅限活动办和主要负责同志。', 'Not allowed: admins and the top leader only.'),
    badInput: m('有几项填写有误，请按红字提示修改后再提交；已填的内容都保留着。',
      'Some fields need fixing: see the notes in red, then submit again; what you entered is kept.'),
    staleButton: m('这个按钮已失效，请重新发送命令。', 'This button is no longer valid; send the command again.'),
    tryAgain: m('出错了，请稍后再试。', 'Something went wrong; please try again later.'),
    dmFailed: m('私信发送失败，请稍后重新发送。', 'Could not send you a direct message; please ask again.'),
  },

  dm: {
    sentByDm: m('已通过私信发送，请查看与我的单聊。', 'Sent to you by direct message.'),
    codeShownInGroup: m('提醒：您在群里发送了回执码，群里的人都能看到。', 'Note: you posted the receipt code in a group, so everyone there saw it.'),
  },

  /** A personal card (opinion form, receipt, ballot) clicked somewhere other than the clicker's own chat with the bot. */
  personal: {
    elsewhere: m('这张卡片仅供您本人在与我的单聊中使用，本次操作未生效。已通过私信为您重新发送，请在单聊中操作。',
      'This card is only for your own chat with me; nothing was changed. A fresh one was sent to you by direct message.'),
    elsewhereDm: m('您刚才在其他会话中点击了一张个人卡片（意见建议表、回执或测评票）。为保护匿名，这类卡片只能在您与我的单聊中使用，'
      + '本次操作未生效，内容未保存。请使用本单聊中的卡片重新填写。',
      'You just clicked a personal card (opinion form, receipt or ballot) in another chat. To keep it anonymous, such cards work only '
      + 'in your own chat with me; nothing was changed or kept. Please fill in the card in this chat instead.'),
    unsure: m('暂时无法确认这张卡片所在的会话，本次操作未生效，请稍后再试。',
      'Could not confirm which chat this card is in; nothing was changed. Please try again shortly.'),
  },

  /** A card action still running at its answer deadline: the result follows by direct message. */
  late: {
    working: m('正在处理，完成后将通过私信告知您结果。', 'Working on it; the result will come to you by direct message.'),
    done: m('您刚才的操作已处理完成。', 'Your last action has been completed.'),
    failed: m('您刚才的操作未能完成，请稍后再试一次。', 'Your last action could not be completed; please try it again later.'),
    notDelivered: m('您刚才的提交已处理完成，但结果未能通过私信送达。', 'Your submission was handled, but its result could not reach you by direct message.'),
  },

  unreachable: {
    title: m('以下人员未能收到消息', 'These people could not be reached'),
    note: m('这些人员不计入参与率。烦请检查应用的可用范围或人员状态。', 'They are left out of turnout. Check the app’s availability scope or their status.'),
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
    usage: m(
      '用法：设置 管理员 @某人；设置 班子成员 @某人 职务；设置 督导组 @某人；移除 管理员 @某人',
      'Usage: settings admin @x; settings leader @x title; settings supervisor @x; remove admin @x'),
    unknownRole: m('没有这个角色。可以设置：管理员（活动办）、班子成员、督导组。', 'Unknown role. Roles: admin, leader, supervisor.'),
    topLeaderFileOnly: m('主要负责同志（常务主席）只能在配置文件中设置。', 'The top leader is set in the config file only.'),
    needMention: m('请用 @ 选择要设置的人（直接输入名字无法识别）。', 'Pick the person with an @ mention.'),
    titleOnlyLeader: m('只有班子成员需要填写职务。', 'Only leaders take a title.'),
    titleOneTarget: m('填写职务时一次只能设置一位班子成员。', 'With a title, set one leader at a time.'),
    titleTooLong: m('职务太长了（最多 20 个字）。', 'The title is too long (20 characters at most).'),
    removeTitle: m('移除角色时不用填写职务。', 'No title is needed to remove a role.'),
    fileAdminNotRemovable: m('配置文件中的活动办人员不能在这里移除。', 'Admins named in the config file cannot be removed here.'),
    notFound: m('没有找到这条角色记录，可能已被移除。', 'No such role entry; it may have been removed already.'),
  },

} as const;

const join = (names: readonly string[], locale: Locale) => names.join(locale === 'zh' ? '、' : ', ');

/** Messages with parameters. Results carry raw parameters: render as plain text or escape them. */
export const fmt = {
  welcomeTitle: (campaign: string): Msg => m(`欢迎使用「${campaign}」助手`, `Welcome to the ${campaign} assistant`),
  helpTitle: (campaign: string): Msg => m(`${campaign} · 帮助`, `${campaign} · Help`),
  roleAdded: (role: Msg, names: readonly string[], title?: string): Msg => m(
    `已为 ${join(names, 'zh')} 设置${role.zh}角色${title ? `（${title}）` : ''}。`,
    `${join(names, 'en')} now ${names.length > 1 ? 'have' : 'has'} the role ${role.en}${title ? ` (${title})` : ''}.`),
  roleRemoved: (role: Msg, names: readonly string[]): Msg => m(
    `已移除 ${join(names, 'zh')} 的${role.zh}角色。`, `Removed the role ${role.en} from ${join(names, 'en')}.`),
  removeConfirm: (role: Msg, name: string): Msg => m(`确定移除 ${name} 的${role.zh}角色吗？`, `Remove the role ${role.en} from ${name}?`),
  moreNotShown: (n: number): Msg => m(`另有 ${n} 人未显示。`, `${n} more not shown.`),
  unreachableCount: (n: number): Msg => m(`共 ${n} 人未能收到。`, `${n} people could not be reached.`),
};
