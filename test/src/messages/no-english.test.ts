import { describe, expect, it } from 'vitest';
import { msg } from '../../../src/messages/index.js';

/**
 * No English in what a Chinese reader sees (WORDING.md): every Chinese text of the catalog, including the
 * ones built from arguments, has no Latin word except the allow-list (file formats, link schemes and
 * domains a person must type or recognise, sample codes).
 */

/** Latin words a Chinese reader may see: formats, schemes, Lark's own domains and product name in links, samples. */
const ALLOWED = new Set([
  'XLSX', 'CSV', 'docx', 'xlsx', 'PDF', 'Excel', 'Word', 'MB', 'KB', 'https', 'http', 'feishu', 'cn', 'larksuite', 'larkoffice', 'com',
  'ABCD', 'EFGH', 'oc',
]);

/** Stands for any argument: a number or text when printed, a Msg when read as one, anything else as itself. */
const ANY: any = new Proxy(function any() {}, {
  get: (_t, p) => (p === Symbol.toPrimitive ? () => 1 : p === 'zh' || p === 'en' ? '一' : p === 'length' ? 1 : ANY),
  apply: () => ANY,
});

interface Found { path: string; zh: string }
function texts(node: unknown, path: string, out: Found[], failed: string[]): void {
  if (typeof node === 'function') {
    const args = Array.from({ length: 8 }, () => ANY);
    try { texts((node as (...a: unknown[]) => unknown)(...args), `${path}()`, out, failed); } catch { failed.push(path); }
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  if (typeof o.zh === 'string' && typeof o.en === 'string') {
    out.push({ path, zh: o.zh });
    return;
  }
  for (const [k, v] of Object.entries(o)) texts(v, `${path}.${k}`, out, failed);
}

describe('the catalog speaks Chinese to Chinese readers', () => {
  const found: Found[] = [];
  const failed: string[] = [];
  texts(msg, 'msg', found, failed);

  it('walks the whole catalog (functions called with stand-in arguments)', () => {
    expect(found.length).toBeGreaterThan(500);
    expect(failed).toEqual([]);
  });

  it('has no Latin word in any Chinese text', () => {
    const latin = found.flatMap(({ path, zh }) =>
      (zh.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w)).map((w) => `${path}: ${w}`));
    expect(latin).toEqual([]);
  });
});
