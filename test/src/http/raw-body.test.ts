import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BodyTooLarge, readRawBody } from '../../../src/http/raw-body.js';

/** A request whose body arrives in the given chunks (no network: the stream is fed by hand). */
function requestOf(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  queueMicrotask(() => {
    for (const c of chunks) req.push(Buffer.from(c));
    req.push(null);
  });
  return req;
}

describe('readRawBody', () => {
  it('returns the bytes exactly as received, however they were split', async () => {
    const body = await readRawBody(requestOf(['{"encr', 'ypt":"', 'é"}']));
    expect(body.toString('utf8')).toBe('{"encrypt":"é"}');
  });

  it('returns an empty buffer for an empty body', async () => {
    expect((await readRawBody(requestOf([]))).length).toBe(0);
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    await expect(readRawBody(requestOf(['x'], { 'content-length': '2000' }), 1000)).rejects.toBeInstanceOf(BodyTooLarge);
    await expect(readRawBody(requestOf(['x'.repeat(600), 'y'.repeat(600)]), 1000)).rejects.toBeInstanceOf(BodyTooLarge);
  });
});
