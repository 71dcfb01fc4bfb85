import { keyedHmac } from '../../domain/hmac.js';
import { safeEqual } from '../../lark/verify.js';

/** How long a dashboard login lasts. */
export const SESSION_MS = 30 * 60_000;
export const SESSION_COOKIE = 'mlb_queues';

/**
 * The login cookie's value: an expiry and its HMAC under METRICS_TOKEN (never the token itself). A new
 * token ends every session; a cookie cannot be stretched (the HMAC covers the expiry) nor made up.
 */
export function sessionValue(token: string, now: number): string {
  const exp = String(now + SESSION_MS);
  return `${exp}.${keyedHmac(token, 'queue-dashboard-session', exp)}`;
}

export function isValidSession(value: string | undefined, token: string, now: number): boolean {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(value ?? '');
  if (!m) return false;
  const exp = Number(m[1]);
  if (exp <= now || exp > now + SESSION_MS) return false;
  return safeEqual(m[2], keyedHmac(token, 'queue-dashboard-session', m[1]));
}

/** The Set-Cookie header: HttpOnly, SameSite=Strict, only under the dashboard's path, Secure behind https. */
export function sessionCookie(value: string, opts: { path: string; secure: boolean; maxAgeMs?: number }): string {
  const maxAge = Math.floor((opts.maxAgeMs ?? SESSION_MS) / 1000);
  return `${SESSION_COOKIE}=${value}; Path=${opts.path}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${opts.secure ? '; Secure' : ''}`;
}

/** The session cookie's value in a Cookie header, if any. */
export function readSessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}
