import { sizeLabel } from '../../src/domain/files/files.js';
import { msg, t } from '../../src/messages/index.js';
import type { FileHandler } from './intake.js';
import { fileAnswerKey } from './outbox-keys.js';

/**
 * A material's new version arrived as a file. Until the materials feature is merged this only sends the person a
 * receipt naming the file; the merge replaces the body with the materials call (the version recorded, the chain
 * started), keeping the signature.
 */
export const receiveMaterialFile: FileHandler<'material'> = async (purpose, file, ctx, event) => {
  const text = t(msg.files.materialReceived(file.fileName, sizeLabel(file.size), purpose.version));
  await ctx.outbox.send({ key: fileAnswerKey(event.eventId, 'receipt'), to: { chatId: event.chatId }, body: { type: 'text', text } });
};
