import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { LarkFault, type FakeFile, type FakeMessage } from './fake-lark-types.js';
import { shortDigest } from '../domain/digest.js';

/**
 * The fake's files: what the bot uploaded (im.v1.file.create) and what people sent in file messages (the tests'
 * `bot.sendFile`, the playground's file chooser). Kept in memory, bounded: past the count or the total size the oldest
 * files are forgotten, as a long playground session would otherwise grow without end.
 */

/** Lark's upload limit (im.v1.file.create): 30 MB. */
const UPLOAD_MAX_BYTES = 30 * 1024 * 1024;
/** Lark's image limit (im.v1.image.create): 10 MB. */
const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

export interface FileBounds {
  /** At most this many files (default 500). */
  maxFiles?: number;
  /** At most this many bytes in all (default 256 MB). */
  maxBytes?: number;
}

export class FakeFiles extends Map<string, FakeFile> {
  private bytes = 0;
  private readonly maxFiles: number;
  private readonly maxBytes: number;

  constructor(bounds: FileBounds = {}) {
    super();
    this.maxFiles = bounds.maxFiles ?? 500;
    this.maxBytes = bounds.maxBytes ?? 256 * 1024 * 1024;
  }

  override set(key: string, file: FakeFile): this {
    this.delete(key);
    super.set(key, file);
    this.bytes += file.size;
    // Oldest first (a Map keeps insertion order); the newest file always stays.
    for (const k of this.keys()) {
      if ((this.size <= this.maxFiles && this.bytes <= this.maxBytes) || k === key) break;
      this.delete(k);
    }
    return this;
  }

  override delete(key: string): boolean {
    const f = this.get(key);
    if (f) this.bytes -= f.size;
    return super.delete(key);
  }

  override clear(): void {
    this.bytes = 0;
    super.clear();
  }

  /** Bytes held in all. */
  get totalBytes(): number {
    return this.bytes;
  }

  /** A new file under a fresh key (`file_v3_…`), stored; refused as Lark refuses empty or too large uploads. */
  add(fields: { fileType?: string; fileName?: string; data?: Buffer }, now: number): FakeFile {
    if (!fields.fileType || !fields.fileName) throw new LarkFault(400, 230001, 'file_type and file_name are required');
    if (!fields.data || fields.data.length === 0) throw new LarkFault(400, 230001, 'empty files cannot be uploaded');
    if (fields.data.length > UPLOAD_MAX_BYTES) throw new LarkFault(400, 230001, 'files are limited to 30 MB');
    const file: FakeFile = {
      fileKey: `file_v3_${shortDigest(randomBytes(8).toString('hex'), 24, 'hex')}`,
      fileName: fields.fileName,
      fileType: fields.fileType,
      size: fields.data.length,
      sha256: createHash('sha256').update(fields.data).digest('hex'),
      data: fields.data,
      at: now,
    };
    this.set(file.fileKey, file);
    return file;
  }

  /** An uploaded image (im.v1.image.create) under a fresh key (`img_v3_…`), kept beside the files; ≤ 10 MB as at Lark. */
  addImage(fields: { imageType?: string; data?: Buffer }, now: number): FakeFile {
    if (fields.imageType !== 'message' && fields.imageType !== 'avatar') throw new LarkFault(400, 234001, 'image_type: message or avatar');
    if (!fields.data || fields.data.length === 0) throw new LarkFault(400, 234006, 'empty images cannot be uploaded');
    if (fields.data.length > IMAGE_MAX_BYTES) throw new LarkFault(400, 234006, 'images are limited to 10 MB');
    const image: FakeFile = {
      fileKey: `img_v3_${shortDigest(randomBytes(8).toString('hex'), 24, 'hex')}`, fileName: 'image.png', fileType: 'image',
      size: fields.data.length, sha256: createHash('sha256').update(fields.data).digest('hex'), data: fields.data, at: now,
    };
    this.set(image.fileKey, image);
    return image;
  }

  /**
   * GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file: the file of that message only
   * (234003 when the key is not the message's, as at Lark), and only while the fake still holds it.
   */
  resource(message: FakeMessage | undefined, fileKey: string, type: string | undefined): FakeFile {
    if (type !== 'file' && type !== 'image') throw new LarkFault(400, 234001, 'Invalid request param: type must be file or image');
    if (!message) throw new LarkFault(400, 234001, 'Invalid request param: message_id');
    const key = message.content && typeof message.content === 'object' ? (message.content as { file_key?: unknown }).file_key : undefined;
    if (key !== fileKey) throw new LarkFault(400, 234003, 'File not in msg.');
    const file = this.get(fileKey);
    if (!file) throw new LarkFault(400, 234003, 'File not in msg: the fake no longer holds it.');
    return file;
  }
}

/** A download as Lark answers it: the bytes, their length and their name. */
export function writeDownload(res: ServerResponse, file: FakeFile, logId: string): void {
  res.writeHead(200, {
    'content-type': 'application/octet-stream', 'content-length': file.data.length, 'x-tt-logid': logId,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
  res.end(file.data);
}
