import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLarkServer, type FakeLark } from '../../../src/local/fake-lark-server.js';
import { createLarkApi } from '../../../src/lark/client.js';
import { LarkApiError } from '../../../src/lark/errors.js';
import { FILE_MAX_BYTES } from '../../../src/domain/files/files.js';

/** fileSize, uploadFile and file messages through the real SDK against the fake Lark server. */

let fake: FakeLark | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const c of closers.splice(0)) await c();
});

async function start() {
  fake = await startFakeLarkServer({ appId: 'cli_test', appSecret: 'secret' });
  return { fake, api: createLarkApi({ appId: 'cli_test', appSecret: 'secret', domain: fake.url }) };
}

async function rejection(p: Promise<unknown>): Promise<LarkApiError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(LarkApiError);
  return e as LarkApiError;
}

const sent = (f: FakeLark, openId: string, name: string, bytes: Buffer) =>
  f.recordUserFile({ chatId: f.state.p2pChatId(openId), senderOpenId: openId, fileName: name, data: bytes });
const keyOf = (m: { content: unknown }) => (m.content as { file_key: string }).file_key;

describe('file messages at the edge (fake Lark, real SDK)', () => {
  it('answers the size of a file a person sent, from the resource\'s Content-Length', async () => {
    const { fake, api } = await start();
    const m = sent(fake, 'ou_a', '对照检查材料.docx', Buffer.alloc(12_345, 7));
    expect(await api.fileSize(m.messageId, keyOf(m))).toBe(12_345);
    const req = fake.requestsTo('im.messageResource.get')[0];
    expect(req).toMatchObject({ status: 200, query: { type: 'file' } });
    expect(req.path).toBe(`/open-apis/im/v1/messages/${m.messageId}/resources/${keyOf(m)}`);
    expect(m.content).toEqual({ file_key: keyOf(m), file_name: '对照检查材料.docx' });
  });

  it('refuses a file key that is not the message\'s (234003) and an unknown message, as permanent errors', async () => {
    const { fake, api } = await start();
    const a = sent(fake, 'ou_a', 'a.pdf', Buffer.from('%PDF-1.7 a'));
    const b = sent(fake, 'ou_a', 'b.pdf', Buffer.from('%PDF-1.7 b'));
    const e = await rejection(api.fileSize(a.messageId, keyOf(b)));
    expect(e).toMatchObject({ code: 234003, method: 'im.messageResource.get', httpStatus: 400 });
    expect((await rejection(api.fileSize('om_nothing', keyOf(b)))).code).toBe(234001);
  });

  it('waits out a 429 with its reset header and retries a 5xx: the outbox and intake see the kinds they act on', async () => {
    const { fake, api } = await start();
    const m = sent(fake, 'ou_a', 'a.xlsx', Buffer.alloc(100));
    fake.fail('im.messageResource.get', { status: 429, code: 99991400, msg: 'request trigger frequency limit',
      headers: { 'x-ogw-ratelimit-reset': '2' } });
    const limited = await rejection(api.fileSize(m.messageId, keyOf(m)));
    expect(limited).toMatchObject({ kind: 'rate_limited', code: 99991400, httpStatus: 429, retryAfterMs: 2000 });
    fake.fail('im.messageResource.get', { status: 502, code: 1500, msg: 'bad gateway' });
    expect(await rejection(api.fileSize(m.messageId, keyOf(m)))).toMatchObject({ kind: 'transient', httpStatus: 502 });
    expect(await api.fileSize(m.messageId, keyOf(m))).toBe(100);
  });

  it('refetches a refused token once, as for every other call', async () => {
    const { fake, api } = await start();
    const m = sent(fake, 'ou_a', 'a.pdf', Buffer.alloc(10));
    expect(await api.fileSize(m.messageId, keyOf(m))).toBe(10);
    fake.revokeTokens();
    expect(await api.fileSize(m.messageId, keyOf(m))).toBe(10);
  });

  it('counts a download without Content-Length and stops past the limit, never holding the file', async () => {
    // A chunked answer (no Content-Length) of 21 MB, written slowly: the count stops past 20 MB and closes the download.
    const early: boolean[] = [];
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/open-apis/auth/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ code: 0, tenant_access_token: 't-1', expire: 7200 }));
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(256 * 1024, 1);
      let written = 0;
      const pump = () => {
        while (written < 21 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => { early.push(!res.writableFinished); });
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
    const api = createLarkApi({ appId: 'x', appSecret: 'y', domain: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    expect(await api.fileSize('om_1', 'file_1')).toBe(FILE_MAX_BYTES + 1);
    expect(await api.fileSize('om_1', 'file_1', 1024)).toBe(1025);
    // The second download was dropped after its first KB: the server never got to write the rest of its 21 MB.
    await new Promise((r) => setTimeout(r, 50));
    expect(early[1]).toBe(true);
  });

  it('uploads a file and sends it as a file message body (the outbox\'s `file` body)', async () => {
    const { fake, api } = await start();
    const bytes = Buffer.from('PK\u0003\u0004 docx bytes');
    const { fileKey } = await api.uploadFile('征求意见情况报告（草稿）.docx', 'doc', bytes);
    expect(fake.state.files.get(fileKey)).toMatchObject({ fileType: 'doc', size: bytes.length });
    const { messageId } = await api.send({ openId: 'ou_a' }, { type: 'file', fileKey }, 'mlb-file-1');
    expect(fake.state.message(messageId)).toMatchObject({ msgType: 'file', content: { file_key: fileKey } });
    // Exactly once: the same uuid answers the first message.
    expect((await api.send({ openId: 'ou_a' }, { type: 'file', fileKey }, 'mlb-file-1')).messageId).toBe(messageId);
    expect(fake.messagesTo('ou_a')).toHaveLength(1);
  });

  it('maps a 429 and a 5xx on upload to the kinds the outbox acts on', async () => {
    const { fake, api } = await start();
    fake.fail('im.file.create', { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '1' } });
    expect(await rejection(api.uploadFile('a.pdf', 'pdf', Buffer.from('x')))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    fake.fail('im.file.create', { status: 503, code: 1503 });
    expect(await rejection(api.uploadFile('a.pdf', 'pdf', Buffer.from('x')))).toMatchObject({ kind: 'transient', httpStatus: 503 });
    expect((await api.uploadFile('a.pdf', 'pdf', Buffer.from('x'))).fileKey).toMatch(/^file_v3_/);
  });
});

describe('the fake\'s files stay bounded', () => {
  it('forgets the oldest files past the count or the bytes, and then refuses their resource (234003)', async () => {
    fake = await startFakeLarkServer({ files: { maxFiles: 3, maxBytes: 1000 } });
    const api = createLarkApi({ appId: 'cli_test', appSecret: 'secret', domain: fake.url });
    const msgs = [1, 2, 3, 4].map((i) => sent(fake!, 'ou_a', `${i}.pdf`, Buffer.alloc(100, i)));
    expect(fake.state.files.size).toBe(3);
    expect((await rejection(api.fileSize(msgs[0].messageId, keyOf(msgs[0])))).code).toBe(234003);
    expect(await api.fileSize(msgs[3].messageId, keyOf(msgs[3]))).toBe(100);
    sent(fake, 'ou_a', 'big.pdf', Buffer.alloc(950));
    expect(fake.state.files.totalBytes).toBeLessThanOrEqual(1000);
    expect([...fake.state.files.values()].map((f) => f.fileName)).toEqual(['big.pdf']);
  });
});
