import { m, type Msg } from './catalog.js';

/** 走访链接 (outreach links, issue #17): the list, the forms, the link card, the printable sheet, toasts. */
export const outreachMsg = {
  states: {
    open: m('有效', 'Open'), expired: m('已过期', 'Expired'), revoked: m('已撤销', 'Revoked'), full: m('已满', 'Full'),
  },
  list: {
    title: m('走访链接', 'Outreach links'),
    intro: m('走访时，不在本单位飞书中的离退休干部、先模人物、职工代表和各联系点职工，可用手机打开链接或扫描二维码提意见建议、参加满意度测评，无需登录，匿名提交。',
      'For visits beyond the tenant: people open the link or scan the QR code on their phone to give opinions and ratings, '
      + 'without logging in, anonymously.'),
    introLeader: m('以下是您带队走访的链接。', 'The links of the visits you lead.'),
    empty: m('暂无走访链接。', 'No outreach links yet.'),
    line: (contact: string, source: string, day: Msg, state: Msg): Msg =>
      m(`${contact}｜${source}｜${day.zh}｜${state.zh}`, `${contact} | ${source} | ${day.en} | ${state.en}`),
    detail: (until: Msg, entries: number, cap: number, group: string): Msg =>
      m(`有效期至 ${until.zh}｜已提交 ${entries}/${cap} 份｜测评对象分组：${group}`,
        `Valid until ${until.en} | ${entries}/${cap} entries | rater group: ${group}`),
    round: (title: string): Msg => m(`附带测评：${title}`, `With the round: ${title}`),
    noRound: m('仅收集意见建议', 'Opinions only'),
    page: (n: number, of: number): Msg => m(`第 ${n}/${of} 页`, `Page ${n} of ${of}`),
  },
  buttons: {
    new: m('新建走访链接', 'New outreach link'),
    qr: m('二维码', 'QR code'),
    extend: m('延期', 'Extend'),
    revoke: m('撤销', 'Revoke'),
    revokeConfirm: m('确认撤销', 'Revoke it'),
    create: m('生成链接和二维码', 'Make the link and QR code'),
    save: m('保存', 'Save'),
    back: m('返回列表', 'Back to the list'),
    prev: m('上一页', 'Previous'),
    next: m('下一页', 'Next'),
  },
  form: {
    title: m('新建走访链接', 'New outreach link'),
    contact: m('走访对象（联系点、单位或人员，60 字以内）', 'Whom you visit (contact point, unit or people; up to 60 characters)'),
    source: m('意见来源分组', 'Source group'),
    day: m('走访日期', 'Day of the visit'),
    until: m('链接有效期至（当天 24 时止，最长 180 天）', 'Valid until (the end of that day; at most 180 days)'),
    round: m('附带的测评（可不选）', 'Round attached (optional)'),
    noRound: m('不附带测评，仅收集意见建议', 'None: opinions only'),
    group: m('测评对象分组（计入所选测评的哪一组）', 'Rater group (the round\'s group the ratings count in)'),
    otherGroup: m('其他', 'Other'),
    cap: m('最多提交份数', 'At most this many entries'),
    leader: m('带队领导（可不选）', 'Leader of the visit (optional)'),
    noLeader: m('不指定', 'None'),
    leaderSelf: m('带队领导：您本人。', 'Leader of the visit: you.'),
    note: m('链接和二维码只发给您本人。请只交给走访对象，不要转发到工作群；如有泄露，可随时撤销。',
      'The link and QR code go to you alone. Give them to the people you visit only; revoke the link any time if it leaks.'),
  },
  invalid: {
    contact: m('请填写走访对象，60 字以内。', 'Name whom you visit, up to 60 characters.'),
    source: m('请选择意见来源分组。', 'Choose the source group.'),
    day: m('请选择走访日期。', 'Choose the day of the visit.'),
    until: m('有效期应晚于今天此刻，且不超过 180 天。', 'The link must stay valid past now and at most 180 days ahead.'),
    round: m('所选测评已结束或不存在，请重新选择。', 'That round has closed or does not exist; choose again.'),
    group: m('所选分组不属于该测评，请重新选择。', 'That group is not one of the round\'s; choose again.'),
    cap: m('最多提交份数应为 1 至 100000 的整数。', 'The cap is a whole number from 1 to 100,000.'),
    leader: m('请从列表中选择带队领导。', 'Choose the leader from the list.'),
  },
  extend: {
    title: (contact: string): Msg => m(`延期：${contact}`, `Extend: ${contact}`),
    current: (until: Msg): Msg => m(`当前有效期至 ${until.zh}。`, `Valid now until ${until.en}.`),
    until: m('新的有效期至（当天 24 时止）', 'New end of validity (the end of that day)'),
  },
  revoke: {
    title: (contact: string): Msg => m(`撤销：${contact}`, `Revoke: ${contact}`),
    warn: m('撤销后，这个链接和二维码立即失效，不能恢复，也不能再延期；已提交的意见建议和测评保留。',
      'Once revoked, the link and QR code stop working for good and cannot be extended; what was submitted stays.'),
  },
  created: {
    title: (contact: string): Msg => m(`走访链接：${contact}`, `Outreach link: ${contact}`),
    intro: m('请复制下面的链接发给走访对象，或请对方扫描随后发送的二维码。', 'Copy the link below for the people you visit, or let them scan the QR code that follows.'),
    url: m('链接', 'Link'),
    open: m('打开链接', 'Open the link'),
    file: m('随后发送的图片文件可直接打印，二维码下方印有走访对象和日期。', 'The PNG file that follows prints as is, with the visit under the QR code.'),
  },
  sheet: {
    scan: m('请用手机扫码，提意见建议', 'Scan with your phone to give your opinion'),
    file: (contact: string): Msg => m(`${contact}-二维码`, `${contact}-qr`),
  },
  toast: {
    created: m('已生成，链接和二维码已发给您。', 'Made: the link and QR code were sent to you.'),
    sent: m('二维码已重新发给您。', 'The QR code was sent to you again.'),
    extended: m('已延期。', 'Extended.'),
    revoked: m('已撤销。', 'Revoked.'),
    revokedAlready: m('该链接已撤销，不能再延期或撤销。', 'The link is revoked; it cannot be extended or revoked.'),
    missing: m('找不到该链接。', 'No such link.'),
    badUntil: m('有效期应晚于今天此刻，且不超过 180 天。', 'The link must stay valid past now and at most 180 days ahead.'),
  },
} as const;
