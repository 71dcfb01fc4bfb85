import { m, type Msg } from './catalog.js';
import { materialSettingsMsg } from './materials-settings.js';

/** Catalog section for materials for review (材料报审, DESIGN §2.9); merged into `msg` in src/messages/index.ts. */

const q = (s: string) => `“${s}”`;

export const materialsMsg = {
  states: {
    drafting: m('待提交', 'Not submitted'),
    inReview: m('审阅中', 'In review'),
    returned: m('退回修改', 'Returned for revision'),
    accepted: m('审阅通过', 'Accepted'),
  },
  stepStates: {
    passed: m('已审阅通过', 'Passed'),
    current: m('正在审阅', 'Reviewing now'),
    returned: m('已退回修改', 'Returned'),
    pending: m('尚未审阅', 'Not yet'),
  },
  steps: {
    topLeader: m('主要负责同志', 'Top leader'),
    supervisors: m('督导组', 'Supervision group'),
  },
  history: {
    create: m('建立', 'Created'),
    version: m('提交新版本', 'New version'),
    pass: m('审阅通过', 'Passed'),
    return: m('退回修改', 'Returned'),
    accept: m('全部审阅通过', 'Accepted'),
    comment: m('意见', 'Comment'),
    edit: m('修改', 'Edited'),
    remind: m('提醒', 'Reminder'),
  },
  fields: {
    rule: (seq: number, name: string): Msg => m(`所属制度：#${seq} ${name}`, `For rule #${seq}: ${name}`),
    kind: m('材料类别', 'Kind'),
    title: m('材料名称', 'Title'),
    authors: m('撰写人', 'Authors'),
    due: m('完成时限', 'Due'),
    dueOrDefault: m('完成时限（不选则按该类材料的默认完成时限，见「材料 设置」）', 'Due (none: the kind\'s default, see materials settings)'),
    versions: m('历次版本', 'Versions'),
    chain: m('审阅流程', 'Review chain'),
    history: m('全部记录', 'History'),
    link: m('文档链接（飞书文档，https 开头）', 'Document link (https)'),
    text: m('或直接填写文字内容（1000 字以内）', 'Or a short text (up to 1,000 characters)'),
    returnComment: m('修改意见（必填）', 'What to revise (required)'),
    passNote: m('审阅意见（可不填）', 'Review note (optional)'),
    comment: m('意见', 'Comment'),
    latest: m('最新版本', 'Latest version'),
    none: m('（无）', '(none)'),
    noVersion: m('尚未提交', 'none yet'),
    system: m('系统', 'System'),
    file: m('文件', 'File'),
  },
  list: {
    title: m('材料报审', 'Materials for review'),
    mine: m('我负责撰写', 'I write'),
    toReview: m('待我审阅', 'Waiting for my review'),
    all: m('全部材料', 'All materials'),
    empty: m('暂无材料。', 'No materials yet.'),
    intro: m('活动各阶段报区委督导组审阅的材料。点击“查看”打开材料。', 'The documents reported for review. Open one to see it.'),
    more: (n: number): Msg => m(`另有 ${n} 份未列出，可在“全部材料”中查看。`, `${n} more not listed; see all materials.`),
    prev: m('上一页', 'Previous'),
    next: m('下一页', 'Next'),
    page: (n: number, of: number): Msg => m(`第 ${n} / ${of} 页`, `Page ${n} of ${of}`),
  },
  line: (kind: string, title: string, state: Msg, due: Msg, latest: string): Msg =>
    m(`${kind}｜${title}｜${state.zh}｜完成时限 ${due.zh}｜${latest}`, `${kind} | ${title} | ${state.en} | due ${due.en} | ${latest}`),
  versionShort: (n: number): Msg => m(`第 ${n} 稿`, `version ${n}`),
  cardTitle: (kind: string, title: string): Msg => m(`${kind}：${title}`, `${kind}: ${title}`),
  subtitle: (state: Msg, due: Msg): Msg => m(`${state.zh}｜完成时限 ${due.zh}`, `${state.en} | due ${due.en}`),
  waitsFor: (step: string): Msg => m(`现由${step}审阅。`, `Waiting for: ${step}.`),
  buttons: {
    open: m('查看', 'Open'),
    openRule: m('查看制度', 'Open the rule'),
    back: m('返回列表', 'Back to the list'),
    newMaterial: m('新建材料', 'New material'),
    selfChecks: m('为各位班子成员生成对照检查材料', 'Create each leader’s self-examination'),
    create: m('建立', 'Create'),
    submitVersion: m('提交新版本', 'Submit a new version'),
    sendFile: m('发送文件', 'Send a file'),
    draft: m('生成初稿', 'Make a draft'),
    getFile: m('获取文件', 'Get the file'),
    getFileOf: (n: number): Msg => m(`获取第 ${n} 稿文件`, `Get the file of version ${n}`),
    pass: m('审阅通过', 'Pass'),
    return: m('退回修改', 'Return for revision'),
    comment: m('添加意见', 'Add a comment'),
    edit: m('修改时限和撰写人', 'Change due day and authors'),
    save: m('保存', 'Save'),
  },
  panels: {
    submit: m('提交新版本', 'Submit a new version'),
    review: m('审阅', 'Review'),
    comment: m('添加意见（发送给撰写人）', 'Add a comment (sent to the authors)'),
  },
  form: {
    title: m('新建材料', 'New material'),
    editTitle: (title: string): Msg => m(`修改材料：${title}`, `Edit material: ${title}`),
    intro: m('对照检查材料请用“为各位班子成员生成对照检查材料”一次生成。', 'Self-examinations are created for all leaders at once.'),
    errors: {
      kind: m('请选择材料类别。', 'Choose a kind.'),
      title: m('请填写材料名称（100 字以内，一行）。', 'Enter a title (one line, up to 100 characters).'),
      authors: m('请选择撰写人（最多 10 人）。', 'Choose the authors (up to 10).'),
      due: m('请选择完成时限（不早于今天；该类材料未设默认完成时限时必选）。', 'Choose a due day (today or later; required without a default).'),
    },
  },
  toast: {
    notFound: m('未找到这份材料。', 'Material not found.'),
    stale: m('这张卡片已过时：材料已有新的进展，请重新打开查看。', 'This card is out of date: open the material again.'),
    accepted: m('这份材料已审阅通过。', 'This material is accepted already.'),
    wrongState: m('材料正在审阅中，审阅后如需修改再提交新版本。', 'The material is in review; submit after it is returned.'),
    conflict: m('其他人刚刚处理了这份材料，请重新打开查看。', 'Someone just acted on it; open it again.'),
    versionSubmitted: (n: number): Msg => m(`第 ${n} 稿已提交。`, `Version ${n} submitted.`),
    passed: m('已审阅通过。', 'Passed.'),
    returned: m('已退回修改，意见已发送给撰写人。', 'Returned; the comment was sent to the authors.'),
    commented: m('意见已发送给撰写人。', 'Comment sent to the authors.'),
    created: m('材料已建立，已通知撰写人。', 'Created; the authors were told.'),
    selfChecks: (made: number, had: number): Msg =>
      m(`已生成 ${made} 份对照检查材料${had ? `（另有 ${had} 份此前已生成）` : ''}。`, `${made} created${had ? ` (${had} existed)` : ''}.`),
    edited: m('已保存。', 'Saved.'),
    needComment: m('请填写修改意见（500 字以内）。', 'Enter what to revise (up to 500 characters).'),
    needCommentText: m('请填写意见（500 字以内）。', 'Enter a comment (up to 500 characters).'),
    noteTooLong: m('审阅意见请在 500 字以内。', 'Keep the note under 500 characters.'),
    badLink: (domains: string): Msg =>
      m(`请填写 https 开头的飞书文档链接（${domains}）。`, `Enter an https document link on ${domains}.`),
    emptyVersion: m('请填写文档链接或文字内容。', 'Enter a document link or a text.'),
    both: m('文档链接和文字内容请只填一项。', 'Enter either a link or a text, not both.'),
    tooLong: m('文字内容请在 1000 字以内；更长的材料请用飞书文档链接。', 'Keep the text under 1,000 characters, or use a link.'),
    formErrors: m('请按提示修改后再提交。', 'Please correct the marked fields.'),
    draftSent: m('征求意见情况报告初稿已发到与您的对话中，修改后可作为新版本提交。',
      'The draft opinion report was sent to our chat; edit it and submit it as a new version.'),
    fileSent: (name: string, n: number): Msg => m(`第 ${n} 稿文件「${name}」已转发到与您的对话中。`,
      `The file “${name}” of version ${n} was forwarded to our chat.`),
    fileSentAlready: (name: string, n: number): Msg => m(`第 ${n} 稿文件「${name}」此前已发到与您的对话中，请在对话记录中查看。`,
      `The file “${name}” of version ${n} is in our chat already; look for it there.`),
    noSuchVersion: (n: number): Msg => m(`这份材料没有第 ${n} 稿。`, `The material has no version ${n}.`),
    notAFile: (n: number): Msg => m(`第 ${n} 稿不是文件，内容请在材料卡片上查看。`, `Version ${n} is not a file; see it on the card.`),
    draftOnlyOpinionReport: m('只有征求意见情况报告可以生成初稿。', 'Only the opinion report has a draft.'),
  },
  notices: {
    sendFileNow: (title: string, n: number): Msg => m(
      `请在 30 分钟内把${q(title)}第 ${n} 稿的文件发到这里（Word 文档 .docx、PDF 或 Excel 表格 .xlsx，不超过 20 MB），收到后即报送审阅。`,
      `Send the file of "${title}" version ${n} here within 30 minutes (.docx, .pdf or .xlsx, up to 20 MB); it then goes to review.`),
    fileReceived: (name: string, size: string, title: string, n: number): Msg => m(
      `已收到文件「${name}」（${size}），作为${q(title)}第 ${n} 稿提交。`,
      `Received “${name}” (${size}) as version ${n} of "${title}".`),
    toReviewFile: (kind: string, title: string, n: number, name: string, size: string): Msg => m(
      `烦请审阅：${kind}${q(title)}第 ${n} 稿已报送，文件「${name}」（${size}）已转发到本对话，请您审阅。`,
      `Please review ${kind} "${title}", version ${n}: the file “${name}” (${size}) is forwarded to this chat.`),
    assigned: (kind: string, title: string, due: Msg): Msg =>
      m(`请您撰写${kind}${q(title)}，完成时限为${due.zh}。完成后请在“材料”中提交。`, `Please write ${kind} "${title}" by ${due.en}.`),
    toReview: (kind: string, title: string, n: number): Msg =>
      m(`烦请审阅：${kind}${q(title)}第 ${n} 稿已报送，请您审阅。`, `Please review ${kind} "${title}", version ${n}.`),
    returned: (title: string, n: number, by: string, comment: string): Msg =>
      m(`您撰写的${q(title)}第 ${n} 稿已由${by}退回修改。修改意见：${comment}`, `"${title}" v${n} was returned by ${by}: ${comment}`),
    commented: (title: string, by: string, comment: string): Msg =>
      m(`${by}对${q(title)}提出意见：${comment}`, `${by} commented on "${title}": ${comment}`),
    acceptedAuthors: (title: string, n: number): Msg =>
      m(`您撰写的${q(title)}第 ${n} 稿已审阅通过。`, `"${title}" version ${n} is accepted.`),
    acceptedAdmins: (kind: string, title: string, n: number): Msg =>
      m(`${kind}${q(title)}第 ${n} 稿已全部审阅通过。`, `${kind} "${title}" version ${n} is accepted.`),
  },
  /** Answers to a file sent for a material that moved on meanwhile: nothing was changed. */
  fileRefused: {
    notFound: (name: string): Msg => m(`这份材料已不存在，文件「${name}」没有收下。`, `The material no longer exists; “${name}” was not taken.`),
    notAuthor: (name: string, title: string): Msg => m(
      `您已不是${q(title)}的撰写人，文件「${name}」没有收下。`, `You no longer write "${title}"; “${name}” was not taken.`),
    accepted: (name: string, title: string): Msg => m(
      `${q(title)}已审阅通过，文件「${name}」没有收下。`, `"${title}" is accepted already; “${name}” was not taken.`),
    movedOn: (name: string, title: string): Msg => m(
      `${q(title)}已有新的进展（已有新版本在审阅中），文件「${name}」没有收下。如需再次提交，请在最新的材料卡片上点击「提交新版本」。`,
      `"${title}" has moved on (a newer version is in review); “${name}” was not taken. Tap “Submit a new version” on its latest card.`),
  },
  reminders: {
    d3: (title: string, due: Msg): Msg => m(`${q(title)}的完成时限为${due.zh}，还有 3 天，请您按时提交。`, `"${title}" is due ${due.en}.`),
    d1: (title: string, due: Msg): Msg => m(`${q(title)}的完成时限为明天（${due.zh}），请您按时提交。`, `"${title}" is due tomorrow.`),
    due: (title: string, due: Msg): Msg =>
      m(`${q(title)}已超过完成时限（${due.zh}），请您尽快提交。`, `"${title}" is past its due day (${due.en}).`),
    h2: (kind: string, title: string, n: number): Msg =>
      m(`${kind}${q(title)}第 ${n} 稿已报送 2 个工作日，烦请您审阅。`, `${kind} "${title}" v${n} has waited 2 working days for you.`),
    h4: (kind: string, title: string, n: number, step: string): Msg =>
      m(`${kind}${q(title)}第 ${n} 稿已等待${step}审阅 4 个工作日。`, `${kind} "${title}" v${n} has waited 4 working days (${step}).`),
  },
  /** 材料 设置 (src/messages/materials-settings.ts). */
  settings: materialSettingsMsg,
} as const;
