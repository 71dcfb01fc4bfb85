import { describe, expect, it } from 'vitest';
import { checkCsrf, CSRF_TTL_MS, mintCsrf } from '../../../../src/http/outreach/csrf.js';
import { clientAddress } from '../../../../src/http/outreach/client-address.js';

const SECRET = 'test-anon-secret-0123456789abcdef0123456789';
const NOW = Date.UTC(2027, 2, 2, 2);

describe('the page\'s CSRF token', () => {
  it('is bound to its link and fresh for 4 hours', () => {
    const token = mintCsrf(SECRET, 'link-a', NOW);
    expect(token).toMatch(/^[\w-]{16}\.\d+\.[\w-]{32}$/);
    const ok = checkCsrf(SECRET, 'link-a', token, NOW + 1000);
    expect(ok.ok && ok.ttlMs).toBeGreaterThan(CSRF_TTL_MS - 1000);
    expect(checkCsrf(SECRET, 'link-b', token, NOW).ok).toBe(false);
    expect(checkCsrf('another-secret-0123456789abcdef01234567', 'link-a', token, NOW).ok).toBe(false);
    expect(checkCsrf(SECRET, 'link-a', token, NOW + CSRF_TTL_MS + 1000).ok).toBe(false);
    expect(checkCsrf(SECRET, 'link-a', token, NOW - 3_600_000).ok).toBe(false);
    const [nonce, at, mac] = token.split('.');
    expect(checkCsrf(SECRET, 'link-a', `${nonce}.${Number(at) + 1}.${mac}`, NOW).ok).toBe(false);
    for (const bad of [undefined, '', 'x', `${token}x`]) expect(checkCsrf(SECRET, 'link-a', bad, NOW).ok).toBe(false);
  });
});

describe('the client address', () => {
  const req = (remote: string, xff?: string | string[]) =>
    ({ socket: { remoteAddress: remote }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as never;
  it('is the socket\'s, unless behind our proxy: then the rightmost X-Forwarded-For entry', () => {
    expect(clientAddress(req('::ffff:127.0.0.1', '1.2.3.4'), false)).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 1.2.3.4'), true)).toBe('1.2.3.4');
    expect(clientAddress(req('127.0.0.1', ['6.6.6.6', '2001:DB8::1']), true)).toBe('2001:db8::1');
    expect(clientAddress(req('127.0.0.1'), true)).toBe('127.0.0.1');
  });
});
