import { z } from 'zod';

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

/**
 * What a file is awaited for. One kind today: a material's new version (提交新版本). A new kind is added here, in
 * handlers/files/registry.ts `fileHandlers`, and nowhere else.
 */
export const filePurposeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('material'), id: z.string().min(1).max(64), version: z.int().min(1).max(10_000) }),
]);
export type FilePurpose = z.infer<typeof filePurposeSchema>;
export type FilePurposeKind = FilePurpose['kind'];
/** Every purpose kind, for the registry's exhaustiveness. */
export const FILE_PURPOSES = ['material'] as const satisfies readonly FilePurposeKind[];

/** A file a person sent, checked: its key at Lark, its name, the message it came in and its size. */
export const receivedFileSchema = z.strictObject({
  fileKey: z.string().min(1).max(512), fileName: z.string().min(1).max(512), messageId: z.string().min(1).max(200),
  size: z.int().min(0).max(FILE_MAX_BYTES),
});
export type ReceivedFile = z.infer<typeof receivedFileSchema>;

/**
 * One person's pending "send me the file" (one at a time: a new 提交新版本 replaces it). `expiresAt` is campaign time;
 * once a file was taken for it, `taken` records which event took it (a re-run of that event gets the same answer).
 */
export const fileIntentSchema = z.strictObject({
  purpose: filePurposeSchema,
  at: z.number(),
  expiresAt: z.number(),
  taken: z.strictObject({ eventId: z.string().min(1).max(128), file: receivedFileSchema }).optional(),
});
export type FileIntent = z.infer<typeof fileIntentSchema>;
