import { m, type Msg } from './catalog.js';

/** Catalog section for files people send to the bot and files it makes (handlers/files/); merged in src/messages/index.ts. */
export const filesMsg = {
  /** A file nobody waits for. */
  noIntent: m('如需提交材料文件，请先在材料卡片上点击「提交新版本」，再在 30 分钟内把文件发给我。',
    'To hand in a material as a file, tap “Submit new version” on the material\'s card first, then send me the file within 30 minutes.'),
  /** What the bot says after 提交新版本, while it waits. */
  sendNow: m('请在 30 分钟内把文件发到这里（Word 文档 .docx、PDF 或 Excel 表格 .xlsx，不超过 20 MB）。',
    'Send me the file here within 30 minutes (Word .docx, PDF or Excel .xlsx, up to 20 MB).'),
  expired: m('提交新版本已超过 30 分钟，已失效，这个文件没有收下。请在材料卡片上重新点击「提交新版本」后再发送。',
    'More than 30 minutes have passed since “Submit new version”, so this file was not taken. '
    + 'Tap it again on the card, then send the file.'),
  wrongType: (name: string): Msg => m(
    `「${name}」不是可以提交的文件类型，没有收下。请发送 Word 文档（.docx）、PDF 或 Excel 表格（.xlsx）；仍在等您的文件。`,
    `“${name}” is not a type the bot takes, so it was not taken. Send a Word (.docx), PDF or Excel (.xlsx) file; `
    + 'the bot still waits for it.'),
  tooLarge: (name: string, size: string): Msg => m(
    `「${name}」有 ${size}，超过 20 MB 的上限，没有收下。请压缩或拆分后重新发送；仍在等您的文件。`,
    `“${name}” is ${size}, over the 20 MB limit, so it was not taken. Make it smaller or split it, then send it again; `
    + 'the bot still waits.'),
  unreadable: (name: string): Msg => m(`未能读取「${name}」，没有收下。请重新发送这个文件；仍在等您的文件。`,
    `Could not read “${name}”, so it was not taken. Please send the file again; the bot still waits for it.`),
  /** The bot's own .docx draft of the 征求意见情况报告. */
  opinionDraftFile: m('征求意见情况报告（草稿）', 'Opinion report (draft)'),
  draftNotAllowed: m('无权限：征求意见情况报告草稿仅限活动办和督导组。', 'Not allowed: the draft report is for admins and the supervision group only.'),
};
