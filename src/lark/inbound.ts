import { checkSignature, decrypt, safeEqual, type SignatureHeaders } from './verify.js';
import { EnvelopeError, parseBody, type BotEvent } from './schema.js';

export interface InboundSecrets {
  encryptKey: string;
  verificationToken: string;
}

export type RejectCode = 'not_json' | 'signature_missing' | 'signature_stale' | 'signature_mismatch' | 'bad_encrypt' | 'undecryptable' | 'envelope' | 'token';

/** What the webhook does with one POST: refuse it, answer a challenge, or handle an event. */
export type InboundResult =
  /** `code`: a short, fixed label for metrics; `reason`: the operator's explanation. */
  | { kind: 'reject'; status: 400 | 401; code: RejectCode; reason: string }
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; event: BotEvent };

/**
 * The whole Lark-specific check of one inbound request, pure (no I/O):
 * raw-body signature (constant time, ±5 min) → AES decrypt → envelope → verification token.
 * The URL-verification challenge carries no signature headers (larksuite/node-sdk#67), so a
 * request without them is accepted only as a challenge with the right token.
 */
export function readInbound(rawBody: Buffer, headers: SignatureHeaders, secrets: InboundSecrets, nowMs: number): InboundResult {
  let outer: unknown;
  try {
    outer = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'reject', status: 400, code: 'not_json', reason: 'body is not JSON' };
  }
  if (!outer || typeof outer !== 'object' || Array.isArray(outer)) return { kind: 'reject', status: 400, code: 'not_json', reason: 'body is not a JSON object' };

  const signed = Boolean(headers.signature || headers.timestamp || headers.nonce);
  if (signed) {
    const sig = checkSignature(headers, secrets.encryptKey, rawBody, nowMs);
    if (!sig.ok) return { kind: 'reject', status: 401, code: `signature_${sig.reason}`, reason: `signature ${sig.reason}` };
  }

  let body: unknown = outer;
  const enc = (outer as { encrypt?: unknown }).encrypt;
  if (enc !== undefined) {
    if (typeof enc !== 'string') return { kind: 'reject', status: 400, code: 'bad_encrypt', reason: 'encrypt is not a string' };
    try {
      body = JSON.parse(decrypt(enc, secrets.encryptKey));
    } catch {
      // A body that does not decrypt under our key was not encrypted for us.
      return { kind: 'reject', status: signed ? 400 : 401, code: 'undecryptable', reason: 'body does not decrypt with LARK_ENCRYPT_KEY' };
    }
  }

  let parsed;
  try {
    parsed = parseBody(body);
  } catch (e) {
    if (e instanceof EnvelopeError) return { kind: 'reject', status: 400, code: 'envelope', reason: e.message };
    throw e;
  }
  if (!safeEqual(parsed.token, secrets.verificationToken)) return { kind: 'reject', status: 401, code: 'token', reason: 'verification token mismatch' };
  if (parsed.kind === 'challenge') return { kind: 'challenge', challenge: parsed.challenge };
  if (!signed) return { kind: 'reject', status: 401, code: 'signature_missing', reason: 'signature missing' };
  return { kind: 'event', event: parsed.event };
}
