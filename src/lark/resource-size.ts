import type { Readable } from 'node:stream';
import { LarkApiError, wrapLarkError } from './errors.js';

/**
 * The size of a file in a message (im.v1.messageResource.get, `GET /open-apis/im/v1/messages/:message_id/resources/
 * :file_key?type=file`), without keeping the file: the Content-Length when Lark sends one, else the stream counted and
 * dropped chunk by chunk, stopped as soon as it passes `limit` (the answer is then `limit + 1`).
 */

interface ResourceAnswer {
  headers?: unknown;
  getReadableStream: () => Readable;
}

const ERROR_BODY_MAX = 64 * 1024;

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as Record<string, unknown> & { get?: (n: string) => unknown };
  const v = typeof h.get === 'function' ? h.get(name) : h[name];
  return v === undefined || v === null ? undefined : String(v);
}

/** Counts the stream's bytes, destroying it once past `limit`: never holds more than one chunk. */
function countStream(stream: Readable, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      fn();
    };
    stream.on('data', (chunk: Buffer | string) => {
      size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (size > limit) {
        finish(() => resolve(limit + 1));
        stream.destroy();
      }
    });
    stream.on('end', () => finish(() => resolve(size)));
    stream.on('close', () => finish(() => resolve(size)));
    stream.on('error', (e) => finish(() => reject(e)));
  });
}

/** The JSON body of a refused download (axios hands it over as a stream), read up to 64 KB. */
async function readErrorBody(data: unknown): Promise<unknown> {
  if (!data || typeof data !== 'object' || typeof (data as Readable).on !== 'function') return data;
  const stream = data as Readable;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of stream) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
      size += b.length;
      if (size > ERROR_BODY_MAX) break;
      chunks.push(b);
    }
  } catch {
    return undefined;
  } finally {
    stream.destroy();
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Turns a failed download into a LarkApiError, with the Lark code read from the streamed error body. */
async function downloadError(method: string, e: unknown): Promise<LarkApiError> {
  const ax = e as { isAxiosError?: boolean; response?: { data?: unknown } };
  if (ax?.isAxiosError && ax.response) ax.response.data = await readErrorBody(ax.response.data);
  return wrapLarkError(method, e);
}

/**
 * Asks `get` for the resource and measures it. A refused token is dropped (`onTokenRefused`) and the call made once
 * more, as for every other call (src/lark/client.ts).
 */
export async function resourceSize(
  method: string, get: () => Promise<ResourceAnswer>, limit: number, onTokenRefused: () => void,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    let answer: ResourceAnswer;
    try {
      answer = await get();
    } catch (e) {
      const err = await downloadError(method, e);
      if (err.code === 99991663 && attempt === 0) {
        onTokenRefused();
        continue;
      }
      throw err;
    }
    const stream = answer.getReadableStream();
    const length = Number(headerValue(answer.headers, 'content-length'));
    if (Number.isSafeInteger(length) && length >= 0) {
      stream.destroy();
      return length;
    }
    try {
      return await countStream(stream, limit);
    } catch (e) {
      throw new LarkApiError({ code: -1, method, msg: `download broke off: ${(e as Error).message}` });
    }
  }
}
