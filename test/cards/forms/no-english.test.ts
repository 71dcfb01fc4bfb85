import { describe, expect, it } from 'vitest';
import type { Card } from '../../../cards/types.js';
import { BUILDER_CASES } from '../../helpers/card-cases/index.js';

/**
 * No English in what a Chinese reader sees: every Chinese card case (its title has Chinese) is scanned for
 * Latin words in everything shown (titles, text, buttons, options, labels, placeholders, confirmations).
 * Words that come from the cases' own user data (hostile samples, names, links) and a short allow-list of
 * codes and formats are not ours and are left out.
 */

const ALLOWED = new Set(['XLSX', 'CSV', 'docx', 'Excel', 'Word', 'MB', 'KB', 'https', 'http', 'oc', 'feishu', 'larksuite', 'larkoffice']);
/** Latin words of the user data the card cases feed in (see test/helpers/card-cases). */
const USER_DATA = new Set([
  'script', 'alert', 'at', 'id', 'all', 'javascript', 'amp', 'evil', 'line', 'example', 'com', 'docs', 'feishu', 'cn',
  'docx', 'abc', 'test', 'Campaign', 'img', 'png', 'ou', 'op', 'ABCD', 'EFGH', 'WXYZ', 'lt', 'gt', 'font', 'color', 'red', 'link',
  'url', 'href', 'www', 'gnp', 'exe', 'iso', 'end', 'ctl', 'emoji', 'DONE', 'OK', 'heading', 'code', 'quote',
  'no', 'such', 'status', 'unknown', 'cat', 'gone', 'owner', 'leader', // sample values and open ids (ou_owner)
]);
/** A user-data word, or the clipped start of one (long user text is cut on cards). */
const fromUser = (w: string) => [...USER_DATA].some((u) => u.toLowerCase().startsWith(w.toLowerCase()));
const latinWords = (text: string) => text.replace(/&#\d+;|https?:\/\/\S+/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
const SHOWN = new Set(['content', 'default_value', 'display_name']);

function shownText(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => shownText(x, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'behaviors' || k === 'value' || k === 'chart_spec' || k === 'rows') continue;
      if (SHOWN.has(k) && typeof x === 'string') out.push(x);
      else shownText(x, out);
    }
  }
  return out;
}

const CJK = /[\u4e00-\u9fff]/;
describe('no English on a Chinese card', () => {
  for (const [name, cases] of Object.entries(BUILDER_CASES)) {
    it(name, () => {
      for (const build of cases) {
        const c: Card = build();
        const title = c.header?.title.content ?? '';
        // An English-locale case: its title has no Chinese, or English words of ours.
        if (!CJK.test(title) || latinWords(title).some((w) => !fromUser(w))) continue;
        const words = latinWords(shownText(c).join('\n'));
        expect(words.filter((w) => !ALLOWED.has(w) && !fromUser(w)), title).toEqual([]);
      }
    });
  }
});
