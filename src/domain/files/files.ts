/**
 * Files people send to the bot (a material's new version, DESIGN §2.9): which kinds are taken and how large.
 * Pure rules; the bytes stay at Lark (kept through the file key), never in Redis.
 */

/** The largest file the bot takes: 20 MB. */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;

/** How long a "send me the file now" intent waits (提交新版本 → the file message), in seconds. */
export const FILE_INTENT_TTL_SECONDS = 30 * 60;

/** Extensions taken, and the `file_type` each is uploaded as (im.v1.file.create). */
const TYPES = { docx: 'doc', pdf: 'pdf', xlsx: 'xls' } as const;

export type FileExtension = keyof typeof TYPES;
export type LarkFileType = 'xls' | 'doc' | 'stream' | 'pdf';

export const FILE_EXTENSIONS = Object.keys(TYPES) as FileExtension[];

/** The file's extension when it is one we take (case-insensitive), else undefined. */
export function acceptedExtension(fileName: string): FileExtension | undefined {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext !== undefined && ext in TYPES ? (ext as FileExtension) : undefined;
}

/** The `file_type` to upload a file under: doc / pdf / xls for ours, `stream` for anything else. */
export function larkFileType(fileName: string): LarkFileType {
  const ext = acceptedExtension(fileName);
  return ext ? TYPES[ext] : 'stream';
}

/** Size for people: "3.2 MB", "180 KB". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}
