/**
 * Characters as people count them: code points, so '😀' or '𠀀' (outside the BMP, two UTF-16 units)
 * is one. Every limit on text a person typed is in these. (zod's own string `.min`/`.max` count
 * code points too since zod 4.6; test/src/domain/text.test.ts pins that the schemas can rely on it.)
 */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

/** The first `max` characters of `s` (never half of a surrogate pair), with `ellipsis` after when cut. */
export function clipChars(s: string, max: number, ellipsis = ''): string {
  if (s.length <= max) return s;
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max).join('')}${ellipsis}`;
}
