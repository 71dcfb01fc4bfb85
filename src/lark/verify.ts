import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lark pushes within this skew of our clock; older or newer requests are refused as replays. */
const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export interface SignatureHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
}

type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/**
 * `X-Lark-Signature = hex(sha256(timestamp + nonce + encryptKey + rawBody))` over the raw bytes
 * as received (LARK.md §1.3; the SDK hashes re-serialised JSON, which breaks on any other formatting).
 */
export function computeSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey).update(rawBody).digest('hex');
}

export function checkSignature(h: SignatureHeaders, encryptKey: string, rawBody: Buffer, nowMs: number): SignatureCheck {
  if (!h.timestamp || !h.nonce || !h.signature) return { ok: false, reason: 'missing' };
  const ts = Number(h.timestamp);
  if (!Number.isFinite(ts) || Math.abs(nowMs / 1000 - ts) > TIMESTAMP_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(computeSignature(h.timestamp, h.nonce, encryptKey, rawBody), 'hex');
  const given = Buffer.from(h.signature.toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * The last secret's digest, kept: a process has one Encrypt Key and one Verification Token, and the webhook's hot
 * path would otherwise hash them again for every push.
 */
function lastDigestOf(): (secret: string) => Buffer {
  let secret: string | undefined;
  let digest = Buffer.alloc(0);
  return (s) => {
    if (s !== secret) {
      digest = sha256(s);
      secret = s;
    }
    return digest;
  };
}

const aesKey = lastDigestOf();
const tokenDigest = lastDigestOf();

/** AES-256-CBC, key = sha256(encryptKey), body = base64(iv ‖ ciphertext) (LARK.md §1.2). Throws on bad input. */
export function decrypt(encrypted: string, encryptKey: string): string {
  const buf = Buffer.from(encrypted, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('encrypted body has a wrong length');
  const d = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buf.subarray(0, 16));
  return Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString('utf8');
}

/** The inverse of `decrypt`, as Lark does it (used by the local playground and tests). */
export function encrypt(plain: string, encryptKey: string): string {
  const iv = randomBytes(16);
  const c = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]).toString('base64');
}

/** Constant-time string comparison for tokens (digests of both, so the length is not told); `b` is the secret. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), tokenDigest(b));
}
