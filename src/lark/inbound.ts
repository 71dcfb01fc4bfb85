import { checkSignature, type SignatureHeaders } from './verify.js';
import { openEnvelope, type EnvelopeRejectCode, type InboundSecrets, type OpenedEnvelope } from './open-envelope.js';

type RejectCode = 'not_json' | 'signature_missing' | 'signature_stale' | 'signature_mismatch' | EnvelopeRejectCode;

/** What the webhook does with one POST: refuse it, answer a challenge, or handle an event. */
type InboundResult =
  /** `code`: a short, fixed label for metrics; `reason`: the operator's explanation. */
  | { kind: 'reject'; status: 400 | 401; code: RejectCode; reason: string }
  | Exclude<OpenedEnvelope, { kind: 'reject' }>;

/**
 * The whole Lark-specific check of one webhook request, pure (no I/O): raw-body signature
 * (constant time, ±5 min), then the step shared with the long connection (`openEnvelope`).
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
  if (!outer || typeof outer !== 'object' || Array.isArray(outer)) {
    return { kind: 'reject', status: 400, code: 'not_json', reason: 'body is not a JSON object' };
  }

  const signed = Boolean(headers.signature || headers.timestamp || headers.nonce);
  if (signed) {
    const sig = checkSignature(headers, secrets.encryptKey, rawBody, nowMs);
    if (!sig.ok) return { kind: 'reject', status: 401, code: `signature_${sig.reason}`, reason: `signature ${sig.reason}` };
  }

  const opened = openEnvelope(outer, secrets, { authenticated: signed });
  if (opened.kind === 'event' && !signed) return { kind: 'reject', status: 401, code: 'signature_missing', reason: 'signature missing' };
  return opened;
}
