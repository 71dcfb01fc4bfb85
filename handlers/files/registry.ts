import type { FilePurposeKind } from '../../src/domain/files/files.js';
import type { MessageEvent } from '../../src/pipeline.js';
import type { HandlerCtx } from '../context.js';
import type { FileHandler, FileHandlers, TakenFile } from './intake.js';
import { receiveMaterialFile } from './material.js';

/**
 * The one dispatch of taken files by purpose kind (handlers/files/intake.ts). Imported by handlers/message-receive.ts
 * only, so the features it names can import `expectFile` without an import cycle.
 */
export const fileHandlers: FileHandlers = {
  material: receiveMaterialFile,
};

/** Runs the handler of the taken file's purpose. */
export function handleTakenFile(taken: TakenFile, ctx: HandlerCtx, event: MessageEvent): Promise<void> {
  // Each entry takes its own kind; the lookup by the purpose's own kind makes the widening safe.
  const handler = fileHandlers[taken.purpose.kind] as FileHandler<FilePurposeKind>;
  return handler(taken.purpose, taken.file, ctx, event);
}
