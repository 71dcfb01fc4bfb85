import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalService } from '../../../helpers/playground.js';

const MEMBER = 'ou_member_01';

interface Reply { status: number; body: string }

/** A raw HTTP request, so the Host and Origin headers are exactly the ones given (fetch sets Host itself). */
function raw(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, connection: 'close' } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the playground admits only the page it served', () => {
  let svc: Awaited<ReturnType<typeof startLocalService>>;
  let port = 0;
  let host = '';
  // HOST asks for every interface: local mode listens on loopback all the same.
  beforeAll(async () => {
    svc = await startLocalService({ HOST: '0.0.0.0' });
    port = (svc.service.server!.address() as AddressInfo).port;
    host = `127.0.0.1:${port}`;
  });
  afterAll(async () => svc?.stop());

  const ok = () => ({ host, 'x-playground-token': svc.token });
  const sendBody = () => JSON.stringify({ as: MEMBER, chatId: svc.fake.state.p2pChatId(MEMBER), text: '帮助' });

  it('listens on 127.0.0.1 whatever HOST says', () => {
    expect((svc.service.server!.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('serves the page only under its own loopback Host (DNS rebinding reads nothing, not even the token)', async () => {
    expect((await raw(port, 'GET', '/playground', { host })).status).toBe(200);
    expect((await raw(port, 'GET', '/playground', { host: `localhost:${port}` })).status).toBe(200);
    for (const h of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `attacker.test`]) {
      const r = await raw(port, 'GET', '/playground', { host: h });
      expect(r.status, h).toBe(403);
      expect(JSON.parse(r.body).error).toMatch(/^Host must be 127\.0\.0\.1:\d+/);
      expect(r.body).not.toContain(svc.token);
    }
    expect((await raw(port, 'GET', '/playground/static/api.js', { host: `evil.example:${port}` })).status).toBe(403);
  });

  it('refuses every API endpoint without this run\'s token, or with another', async () => {
    const gets = ['info', 'people', `chats?as=${MEMBER}`, `messages?as=${MEMBER}&chat=${svc.fake.state.p2pChatId(MEMBER)}`,
      'stream', 'files/nope'];
    for (const path of gets) {
      const tries: Record<string, string>[] = [{ host }, { host, 'x-playground-token': 'x'.repeat(svc.token.length) },
        { host, 'x-playground-token': '' }];
      for (const headers of tries) {
        const r = await raw(port, 'GET', `/playground/api/${path}`, headers);
        expect(r.status, path).toBe(403);
        expect(JSON.parse(r.body).error).toBe('missing or wrong playground token (reload the page)');
      }
    }
    for (const path of ['send', 'action', 'enter', 'menu']) {
      const r = await raw(port, 'POST', `/playground/api/${path}`, { host, 'content-type': 'application/json' }, sendBody());
      expect(r.status, path).toBe(403);
    }
    expect((await raw(port, 'GET', '/playground/api/info', ok())).status).toBe(200);
    expect((await raw(port, 'GET', `/playground/api/info?token=${svc.token}`, { host })).status).toBe(200);
  });

  it('refuses a foreign Host or Origin even with the token', async () => {
    const bad = [{ ...ok(), host: `evil.example:${port}` }, { ...ok(), origin: 'http://evil.example' },
      { ...ok(), origin: `http://127.0.0.1:${port + 1}` }, { ...ok(), origin: 'null' }, { ...ok(), origin: `https://${host}` }];
    for (const headers of bad) {
      const r = await raw(port, 'POST', '/playground/api/send', { ...headers, 'content-type': 'application/json' }, sendBody());
      expect(r.status, JSON.stringify(headers)).toBe(403);
    }
    const same = await raw(port, 'GET', '/playground/api/info', { ...ok(), origin: `http://${host}` });
    expect(same.status).toBe(200);
  });

  it('refuses a body that is not sent as JSON (415), and nothing reaches the bot', async () => {
    const before = svc.fake.messages.length;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const headers = type ? { ...ok(), 'content-type': type } : ok();
      const r = await raw(port, 'POST', '/playground/api/send', headers, sendBody());
      expect(r.status, String(type)).toBe(415);
      expect(JSON.parse(r.body).error).toBe('Content-Type must be application/json');
    }
    expect(svc.fake.messages.length).toBe(before);
    const json = { ...ok(), 'content-type': 'application/json; charset=utf-8' };
    const sent = await raw(port, 'POST', '/playground/api/send', json, sendBody());
    expect(sent.status).toBe(200);
    expect(svc.fake.messages.length).toBeGreaterThan(before);
  });

  it('opens the event stream with the token as a query parameter', async () => {
    const res = await fetch(`http://${host}/playground/api/stream?token=${encodeURIComponent(svc.token)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await res.body!.cancel();
  });
});
