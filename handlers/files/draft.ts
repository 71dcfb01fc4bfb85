import { hasAnyRole } from '../../src/domain/commands.js';
import { AppError } from '../../src/errors.js';
import { msg, t } from '../../src/messages/index.js';
import { buildOpinionReport } from '../../src/reports/opinion-report.js';
import { callerRoles } from '../access.js';
import type { HandlerCtx } from '../context.js';
import { opinionDraftKey } from './outbox-keys.js';

/** Refused: the person may not have the draft (admins and supervisors only, as the 意见报告 itself). */
export class DraftNotAllowed extends AppError {
  constructor() {
    super('forbidden', t(msg.files.draftNotAllowed), 403, true);
  }
}

export interface SentDraft {
  fileKey: string;
  fileName: string;
}

/**
 * The 征求意见情况报告 started from the bot's own .docx draft, in one tap (DESIGN §2.9): builds the draft from the
 * opinions as they are now (src/reports/opinion-docx.ts), uploads it, and sends it to `openId` as a file message
 * through the outbox (exactly once per request). Answers the file_key (a material version may keep it) and the name.
 * `requestId` names the request (the tap's event_id: a re-run sends nothing twice); without it, each call is its own.
 * Only admins and supervisors get it (checked here, on the server): anyone else gets `DraftNotAllowed`.
 */
export async function sendOpinionReportDraft(ctx: HandlerCtx, openId: string, requestId?: string): Promise<SentDraft> {
  if (!hasAnyRole(await callerRoles(openId, ctx), 'admin', 'supervisor')) throw new DraftNotAllowed();
  return deliverOpinionReportDraft(ctx, openId, requestId);
}

/**
 * The same draft sent without the role check, for a caller that checked the person against a record on the server
 * itself: the 生成初稿 button of a 征求意见情况报告 material, for its authors (handlers/materials/files.ts).
 */
export async function deliverOpinionReportDraft(ctx: HandlerCtx, openId: string, requestId?: string): Promise<SentDraft> {
  const { opinionReportDocx } = await import('../../src/reports/opinion-docx.js');
  const data = await opinionReportDocx(await buildOpinionReport(ctx.store.opinions, ctx.campaign), ctx.campaign);
  const fileName = `${t(msg.files.opinionDraftFile)}.docx`;
  const { fileKey } = await ctx.lark.uploadFile(fileName, 'doc', data);
  const key = opinionDraftKey(requestId ?? fileKey, openId);
  await ctx.outbox.send({ key, to: { openId }, body: { type: 'file', fileKey } });
  await ctx.store.audit.add({ at: ctx.now(), actor: openId, action: 'opinion.draft', detail: { bytes: data.length } });
  return { fileKey, fileName };
}
