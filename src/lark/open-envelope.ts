import { decrypt, safeEqual } from './verify.js';
import { EnvelopeError, parseBody, type BotEvent } from './schema.js';

export interface InboundSecrets {
  encryptKey: string;
  verificationToken: string;
}

export type EnvelopeRejectCode = 'bad_encrypt' | 'undecryptable' | 'envelope' | 'token';

/** One opened push: refused, a URL-verification challenge, or an event. */
export type OpenedEnvelope =
  /** `code`: a short, fixed label for metrics; `reason`: the operator's explanation. */
  | { kind: 'reject'; status: 400 | 401; code: EnvelopeRejectCode; reason: string }
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; event: BotEvent };

/**
 * The step both edges share once their transport is done with a push (the webhook has checked the
 * signature, the long connection needs none), pure: AES decrypt → envelope → verification token
 * (constant time). `authenticated`: the transport vouched for the sender, so a body that does not
 * decrypt is malformed (400) rather than not meant for us (401).
 */
export function openEnvelope(body: unknown, secrets: InboundSecrets, opts: { authenticated: boolean }): OpenedEnvelope {
  let plain = body;
  const enc = body && typeof body === 'object' ? (body as { encrypt?: unknown }).encrypt : undefined;
  if (enc !== undefined) {
    if (typeof enc !== 'string') return { kind: 'reject', status: 400, code: 'bad_encrypt', reason: 'encrypt is not a string' };
    try {
      plain = JSON.parse(decrypt(enc, secrets.encryptKey));
    } catch {
      const status = opts.authenticated ? 400 : 401;
      return { kind: 'reject', status, code: 'undecryptable', reason: 'body does not decrypt with LARK_ENCRYPT_KEY' };
    }
  }

  let parsed;
  try {
    parsed = parseBody(plain);
  } catch (e) {
    if (e instanceof EnvelopeError) return { kind: 'reject', status: 400, code: 'envelope', reason: e.message };
    throw e;
  }
  // node-sdk never checks the v2 token (LARK.md §1.3); without an Encrypt Key it is the only check.
  if (!safeEqual(parsed.token, secrets.verificationToken)) {
    return { kind: 'reject', status: 401, code: 'token', reason: 'verification token mismatch' };
  }
  if (parsed.kind === 'challenge') return { kind: 'challenge', challenge: parsed.challenge };
  return { kind: 'event', event: parsed.event };
}
