import { createHash } from 'node:crypto';

/** A short, stable name for `input`: its SHA-256 in base64url (or hex), cut to `length` characters. */
export function shortDigest(input: string, length: number, encoding: 'base64url' | 'hex' = 'base64url'): string {
  return createHash('sha256').update(input).digest(encoding).slice(0, length);
}
