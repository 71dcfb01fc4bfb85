/**
 * How the write-history audit reads a command or a log line: its searchable text (the raw arguments and
 * every string inside any JSON among them, however deeply nested or escaped) and its tokens (those
 * strings split on everything but ASCII letters, digits and `_`, so `ev-x-<hmac>`, `a|b|c`, `k:v` and
 * JSON values all come apart the same way wherever they are written).
 */

export interface Scanned {
  /** Raw arguments, then the decoded JSON strings, one per line. */
  text: string;
  tokens: Set<string>;
}

const SEPARATORS = /[^A-Za-z0-9_]+/;
const MAX_DEPTH = 6;

/** Every string inside a JSON value (keys too), parsing strings that are themselves JSON. */
function jsonStrings(value: unknown, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    out.push(value);
    const nested = parseJson(value);
    if (nested !== undefined) jsonStrings(nested, out, depth + 1);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const v of value) jsonStrings(v, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out, depth + 1);
    }
  }
}

function parseJson(s: string): unknown {
  const t = s.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

export function scan(args: string[]): Scanned {
  const decoded: string[] = [];
  for (const a of args) {
    const j = parseJson(a);
    if (j !== undefined) jsonStrings(j, decoded, 0);
  }
  const pieces = [...args, ...decoded];
  const tokens = new Set<string>();
  for (const p of pieces) for (const t of p.split(SEPARATORS)) if (t) tokens.add(t);
  return { text: pieces.join('\n'), tokens };
}

/** A token specific enough to tie two writes together: 8+ characters and not a plain number (counts, times). */
export function isDistinctive(token: string): boolean {
  return token.length >= 8 && !/^[0-9]+([.][0-9]+)?$/.test(token);
}

/** `s` shortened around `needle` for a failure message. */
export function around(s: string, needle: string, width = 90): string {
  const flat = s.replace(/\s+/g, ' ');
  const at = flat.indexOf(needle);
  if (at < 0) return flat.length > width * 2 ? `${flat.slice(0, width * 2)}…` : flat;
  const from = Math.max(0, at - width);
  const to = Math.min(flat.length, at + needle.length + width);
  return `${from > 0 ? '…' : ''}${flat.slice(from, to)}${to < flat.length ? '…' : ''}`;
}
