import {
  acceptedExtension, FILE_INTENT_TTL_SECONDS, FILE_MAX_BYTES, filePurposeSchema, sizeLabel,
  type FilePurpose, type FilePurposeKind, type ReceivedFile,
} from '../../src/domain/files/files.js';
import { isLarkApiError } from '../../src/lark/errors.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import type { MessageEvent } from '../../src/pipeline.js';
import type { HandlerCtx } from '../context.js';
import { fileAnswerKey } from './outbox-keys.js';

export { FILE_PURPOSES, type FilePurpose, type ReceivedFile } from '../../src/domain/files/files.js';

/**
 * Files sent to the bot in a p2p chat (DESIGN §2.9: a material's new version as a docx, pdf or xlsx up to 20 MB, kept
 * through Lark's file key, never copied into Redis). A feature first says it waits for a file (`expectFile`, e.g.
 * on 提交新版本); the next file the person sends is checked here (`takeFile`) and handed to that feature through the
 * registry in handlers/files/registry.ts. This module imports no feature, so a feature may import `expectFile`.
 */

/** What a feature does with a file taken for one of its purposes. */
export type FileHandler<K extends FilePurposeKind> = (
  purpose: Extract<FilePurpose, { kind: K }>, file: ReceivedFile, ctx: HandlerCtx, event: MessageEvent,
) => Promise<void>;
/** The registry's type: one handler per purpose kind. */
export type FileHandlers = { [K in FilePurposeKind]: FileHandler<K> };

/** A file taken for a purpose. */
export interface TakenFile {
  purpose: FilePurpose;
  file: ReceivedFile;
}

/** Waits for the next file `openId` sends the bot, for `purpose`: 30 minutes, one at a time (this replaces any other). */
export async function expectFile(ctx: HandlerCtx, openId: string, purpose: FilePurpose): Promise<void> {
  const at = ctx.now();
  const intent = { purpose: filePurposeSchema.parse(purpose), at, expiresAt: at + FILE_INTENT_TTL_SECONDS * 1000 };
  await ctx.store.fileIntents.put(openId, intent, FILE_INTENT_TTL_SECONDS);
}

async function answer(event: MessageEvent, ctx: HandlerCtx, what: 'hint' | 'refused', text: Msg): Promise<undefined> {
  await ctx.outbox.send({ key: fileAnswerKey(event.eventId, what), to: { chatId: event.chatId }, body: { type: 'text', text: t(text) } });
  return undefined;
}

/**
 * The file of a p2p file message, taken for the sender's pending purpose; undefined when the person was answered
 * instead: the hint (nobody waits, a second file after one was taken, a group or unreadable message), or a refusal
 * (expired, wrong type, too large, unreadable at Lark). A refusal keeps the intent, except "expired", which ends it.
 * A re-run of the same event answers what the first run took. Lark outages throw (the inbound job retries).
 */
export async function takeFile(event: MessageEvent, ctx: HandlerCtx): Promise<TakenFile | undefined> {
  const sent = event.file;
  if (event.chatType !== 'p2p' || !sent || !event.senderOpenId) return answer(event, ctx, 'hint', msg.files.noIntent);
  const record = await ctx.store.fileIntents.get(event.senderOpenId);
  if (!record) return answer(event, ctx, 'hint', msg.files.noIntent);
  const { intent, raw } = record;
  if (intent.taken) {
    if (intent.taken.eventId === event.eventId) return { purpose: intent.purpose, file: intent.taken.file };
    return answer(event, ctx, 'hint', msg.files.noIntent);
  }
  if (ctx.now() > intent.expiresAt) {
    await ctx.store.fileIntents.drop(event.senderOpenId, raw);
    return answer(event, ctx, 'refused', msg.files.expired);
  }
  if (!acceptedExtension(sent.fileName)) return answer(event, ctx, 'refused', msg.files.wrongType(sent.fileName));
  let size: number;
  try {
    size = await ctx.lark.fileSize(event.messageId, sent.fileKey, FILE_MAX_BYTES);
  } catch (e) {
    if (!isLarkApiError(e) || e.kind !== 'permanent') throw e;
    ctx.log.warn({ eventId: event.eventId, code: e.code }, 'file intake: Lark refused the file\'s resource');
    return answer(event, ctx, 'refused', msg.files.unreadable(sent.fileName));
  }
  if (size > FILE_MAX_BYTES) return answer(event, ctx, 'refused', msg.files.tooLarge(sent.fileName, sizeLabel(size)));
  const file: ReceivedFile = { fileKey: sent.fileKey, fileName: sent.fileName, messageId: event.messageId, size };
  if (!(await ctx.store.fileIntents.take(event.senderOpenId, raw, event.eventId, file))) {
    // Another file (or a new 提交新版本) got there first: this one is not awaited.
    return answer(event, ctx, 'hint', msg.files.noIntent);
  }
  ctx.log.info({ eventId: event.eventId, purpose: intent.purpose.kind, size }, 'file intake: file taken');
  return { purpose: intent.purpose, file };
}
