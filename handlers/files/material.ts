import { receiveFileVersion } from '../materials/files.js';
import type { FileHandler } from './intake.js';

/**
 * A material's new version arrived as a file: it becomes the version through the materials' own path (the store's
 * compare-and-set, audit, the reviewer asked and sent the file, reminders), or the sender is told why not.
 */
export const receiveMaterialFile: FileHandler<'material'> = (purpose, file, ctx, event) => receiveFileVersion(purpose, file, ctx, event);
