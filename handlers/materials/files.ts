import { sizeLabel, type FilePurpose, type ReceivedFile } from '../../src/domain/files/files.js';
import { fileSource } from '../../src/domain/materials/file-version.js';
import { awaitsVersion, isAuthor, type Material } from '../../src/domain/materials/material.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import type { MessageEvent } from '../../src/pipeline.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { deliverOpinionReportDraft } from '../files/draft.js';
import { expectFile } from '../files/intake.js';
import { fileAnswerKey } from '../files/outbox-keys.js';
import type { CardHandler } from '../types.js';
import { denied, seen } from './common.js';
import { materialFileAskKey } from './outbox-keys.js';
import { sendCards, sendText } from './send.js';
import { resumeAfterVersion, submitMaterialVersion } from './versions.js';

/**
 * Versions sent as files (DESIGN §2.9): 发送文件 on the card makes the bot wait 30 minutes for the author's next file
 * in the p2p chat (handlers/files/intake.ts); the file taken becomes the next version through the same path as a link
 * or a text (./versions.ts), and each reviewer it reaches gets the file forwarded (./effects.ts). The 征求意见情况报告
 * starts from the bot's own .docx draft (生成初稿), which its authors edit and send back as a version.
 */

const M = msg.materials;

/** 发送文件: an author of a material a version is due for; the bot waits for version n+1's file. */
export const onMaterialFile: CardHandler<'mt.file'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await seen(a.id, actor, ctx);
  if ('answer' in g) return g.answer;
  const m = g.material;
  if (!isAuthor(m, actor)) return denied();
  if (m.state === 'accepted') return toast('warning', M.toast.accepted);
  if (!awaitsVersion(m)) return toast('warning', M.toast.wrongState);
  const n = m.versions.length + 1;
  await expectFile(ctx, actor, { kind: 'material', id: m.id, version: n });
  await sendText([actor], () => materialFileAskKey(m.id, n, event.eventId), M.notices.sendFileNow(m.title, n), ctx);
  return toast('info', msg.files.sendNow);
};

/** 生成初稿 (征求意见情况报告 only): the bot's .docx draft to the caller's chat, for its authors and the office. */
export const onMaterialDraft: CardHandler<'mt.draft'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await seen(a.id, actor, ctx);
  if ('answer' in g) return g.answer;
  if (!isAuthor(g.material, actor) && !hasAnyRole(g.viewer.roles, 'admin')) return denied();
  if (g.material.kind !== 'opinionReport') return toast('warning', M.toast.draftOnlyOpinionReport);
  if (g.material.state === 'accepted') return toast('warning', M.toast.accepted);
  await deliverOpinionReportDraft(ctx, actor, event.eventId);
  return toast('success', M.toast.draftSent);
};

type Purpose = Extract<FilePurpose, { kind: 'material' }>;

/** Why a file was not taken as the version (the material moved on since 发送文件); nothing was changed. */
function refusedText(reason: string, name: string, m: Material | undefined): Msg {
  if (!m || reason === 'notFound') return M.fileRefused.notFound(name);
  if (reason === 'notReviewer') return M.fileRefused.notAuthor(name, m.title);
  if (reason === 'accepted') return M.fileRefused.accepted(name, m.title);
  return M.fileRefused.movedOn(name, m.title);
}

/**
 * The file taken for `purpose` becomes version `purpose.version` of the material; the sender gets the material's card
 * with the receipt, or a message saying why it was not taken (the material gone or accepted, a newer version, the
 * sender no longer one of its authors). A re-run of the same file message finishes what followed the first run.
 */
export async function receiveFileVersion(purpose: Purpose, file: ReceivedFile, ctx: HandlerCtx, event: MessageEvent): Promise<void> {
  const actor = event.senderOpenId;
  const source = fileSource(file);
  const r = await submitMaterialVersion(purpose.id, purpose.version, source, actor, ctx);
  let material: Material;
  if (r.ok) material = r.material;
  else {
    if (r.reason === 'conflict') throw new Error(`material ${purpose.id}: too many concurrent changes; the inbound job retries`);
    const cur = await ctx.store.materials.get(purpose.id);
    const v = cur?.versions[purpose.version - 1];
    if (!cur || v?.source.type !== 'file' || v.source.messageId !== file.messageId) {
      const text = t(refusedText(r.reason, source.fileName, cur));
      await ctx.outbox.send({ key: fileAnswerKey(event.eventId, 'refused'), to: { chatId: event.chatId }, body: { type: 'text', text } });
      ctx.log.info({ eventId: event.eventId, material: purpose.id, reason: r.reason }, 'material file not taken as a version');
      return;
    }
    if (cur.versions.length === purpose.version) await resumeAfterVersion(cur, ctx);
    material = cur;
  }
  const banner = M.notices.fileReceived(source.fileName, sizeLabel(source.size), material.title, purpose.version);
  await sendCards(material, [actor], () => fileAnswerKey(event.eventId, 'receipt'), banner, ctx);
}
