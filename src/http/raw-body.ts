import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

/** Lark bodies are small; anything over this is refused with 413 before it is buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the raw request bytes (the signature covers them exactly as received). Plain `data`/`end` listeners,
 * not `for await` over the stream: the webhook's hot path, where an async iterator costs a promise per chunk.
 */
export function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLarge(`body of ${declared} bytes is over ${limit}`));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (e?: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (e) reject(e);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done(new BodyTooLarge(`body is over ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = (e: Error) => done(e);
    // The client went away before the end: nothing to answer.
    const onClose = () => { if (!req.complete) done(new Error('request closed before its body ended')); };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
