import { randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedHmac } from '../../domain/hmac.js';

/**
 * The page forms' CSRF token (issue #17): no cookie, no session. `<nonce>.<issuedAtSec>.<mac>`, the mac a keyed HMAC
 * binding the nonce and the time to one link (or to the look-up form); valid 4 hours and spent once (its nonce is
 * marked used in the store when a submit is taken). It names no person and no device.
 */

export const CSRF_TTL_MS = 4 * 3600_000;
/** The look-up form's binding (a link's is its id). */
export const LOOKUP_BINDING = 'lookup';
const TOKEN = /^([A-Za-z0-9_-]{16})\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/;
/** A token from a little in the future (clock steps between web processes) is still taken. */
const SKEW_MS = 60_000;

const macOf = (secret: string, binding: string, nonce: string, at: string) => keyedHmac(secret, 'outreach-csrf', binding, nonce, at);

export function mintCsrf(secret: string, binding: string, nowMs: number): string {
  const nonce = randomBytes(12).toString('base64url');
  const at = String(Math.floor(nowMs / 1000));
  return `${nonce}.${at}.${macOf(secret, binding, nonce, at)}`;
}

/** The token's nonce and how long it must stay marked used, when the token is ours, for `binding`, and fresh. */
export function checkCsrf(
  secret: string, binding: string, token: string | undefined, nowMs: number,
): { ok: true; nonce: string; ttlMs: number } | { ok: false } {
  const m = TOKEN.exec(token ?? '');
  if (!m) return { ok: false };
  const [, nonce, at, mac] = m;
  const want = Buffer.from(macOf(secret, binding, nonce, at));
  if (!timingSafeEqual(want, Buffer.from(mac))) return { ok: false };
  const issued = Number(at) * 1000;
  if (issued > nowMs + SKEW_MS || nowMs - issued > CSRF_TTL_MS) return { ok: false };
  return { ok: true, nonce, ttlMs: Math.max(1000, issued + CSRF_TTL_MS + SKEW_MS - nowMs) };
}
