import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, safeEqual } from '../../../src/lark/verify.js';

describe('verify: the secrets\' digests kept between pushes', () => {
  it('compares against whichever secret it is given, also when two secrets alternate', () => {
    for (let i = 0; i < 3; i++) {
      expect(safeEqual('token-a', 'token-a')).toBe(true);
      expect(safeEqual('token-a', 'metrics-token')).toBe(false);
      expect(safeEqual('metrics-token', 'metrics-token')).toBe(true);
      expect(safeEqual('metrics-token', 'token-a')).toBe(false);
    }
  });

  it('decrypts with the key it is given, also when two keys alternate', () => {
    const a = encrypt('{"a":1}', 'key-a');
    const b = encrypt('{"b":2}', 'key-b');
    for (let i = 0; i < 3; i++) {
      expect(decrypt(a, 'key-a')).toBe('{"a":1}');
      expect(decrypt(b, 'key-b')).toBe('{"b":2}');
      // A wrong key fails the padding check, or (rarely) yields other bytes: never the plaintext.
      let wrong: string | undefined;
      try { wrong = decrypt(a, 'key-b'); } catch { wrong = undefined; }
      expect(wrong).not.toBe('{"a":1}');
    }
  });
});
