import type { ReceivedFile } from '../files/files.js';
import { FILE_NAME_MAX, type VersionSource } from './material.js';

/**
 * A file a person sent (handlers/files/intake.ts checked its type and size) as a material version's source: the
 * bytes stay at Lark, the version keeps the file key, the message it came in, its name and size. Pure.
 */
export function fileSource(file: ReceivedFile): Extract<VersionSource, { type: 'file' }> {
  return { type: 'file', fileKey: file.fileKey, fileName: clipFileName(file.fileName), messageId: file.messageId, size: file.size };
}

/** A file name of at most FILE_NAME_MAX characters: a longer one keeps its start and its extension ("…" between). */
export function clipFileName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= FILE_NAME_MAX) return chars.join('');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 9 ? [...name.slice(dot)] : [];
  return [...chars.slice(0, FILE_NAME_MAX - ext.length - 1), '…', ...ext].join('');
}
