import { parseTyped } from '../commands.js';

/**
 * Which messages are a receipt-code look-up (DESIGN §3: a code is answered inline by the webhook and never queued,
 * because a queued job would carry the code beside its sender). Broad on purpose: `查询 <code>` and its English
 * alias, near misses (`查询：ABCD-EFGH`, `查询回执码ABCD-EFGH`, `回执码是 abcd efgh`), and any other message holding
 * something shaped like a code (a pasted code, full-width or not). Other commands are not look-ups.
 */

// Eight letters or digits, split 4 + 4 by at most one space, dash or underscore, not inside a longer word.
const CODE_SHAPE = /(?<![A-Za-z0-9])[A-Za-z0-9]{4}[\s\-‐‑‒–—―_]?[A-Za-z0-9]{4}(?![A-Za-z0-9])/;
// What people put before a code: 查询 / 查看 / 回执码 / 回执, then 是 / 为 and a colon or comma.
const LOOKUP_PREFIX = /^(?:查询|查看)?\s*(?:回执码|回执)?\s*(?:是|为)?\s*[:,;]?\s*/;
const SPEAKS_OF_CODES = /回执|查|code|receipt/i;

/** The code part of a look-up (for the inline answer to read), or undefined when the message is no look-up. */
export function receiptLookupArgs(text: string): string | undefined {
  const parsed = parseTyped(text);
  if (parsed.key === 'status') return CODE_SHAPE.exec(parsed.args)?.[0] ?? parsed.args;
  // 设置 / 移除 take names and mentions (admins only); every other command ignores what follows it, so a code
  // there ("帮助 ABCD-EFGH") is still a code and is answered as a look-up rather than queued.
  if (parsed.key === 'settings' || parsed.key === 'remove') return undefined;
  if (parsed.key !== 'unknown') return codeShaped(parsed.args);
  // parseTyped has normalized it (NFKC: full-width letters, digits and punctuation become ASCII).
  const n = parsed.args;
  if (/^(?:查询|查看|回执)/.test(n)) {
    const rest = n.replace(LOOKUP_PREFIX, '');
    return CODE_SHAPE.exec(rest)?.[0] ?? rest;
  }
  return codeShaped(n);
}

/** The code-shaped token of a text, if it has one that reads as a code. */
function codeShaped(n: string): string | undefined {
  const m = CODE_SHAPE.exec(n);
  if (!m) return undefined;
  const token = m[0];
  const bare = n.replace(/[\p{P}\p{S}\s]/gu, '') === token.replace(/[\p{P}\s]/gu, '');
  // A lone eight-letter word inside a sentence ("feedback") is no code; a digit, a split, a bare code or talk of codes is.
  return /\d/.test(token) || token.length === 9 || bare || SPEAKS_OF_CODES.test(n) ? token : undefined;
}
