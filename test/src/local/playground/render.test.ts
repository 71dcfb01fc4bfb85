import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../../cards/validate.js';
import type { Card } from '../../../../cards/types.js';
import { KNOWN, renderCard } from '../../../../src/local/playground/static/render.js';
import { BUILDER_CASES, kitchenSink } from '../../../helpers/card-cases/index.js';
import { schemaKeys } from '../../../helpers/schema-keys.js';

const ALLOWED_TAGS = new Set(['div', 'span', 'b', 'ul', 'li', 'strong', 'em', 'del', 'code', 'br', 'hr', 'i', 'small',
  'button', 'form', 'input', 'textarea', 'select', 'option', 'label', 'details', 'summary', 'table', 'thead', 'tbody',
  'tr', 'th', 'td', 'figure', 'svg', 'rect', 'text', 'line', 'polyline', 'polygon', 'circle', 'path']);

/** The html is markup we wrote, with everything from the card escaped. */
function expectSafe(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/javascript:/i);
  for (const [tag] of html.matchAll(/<[^>]*>/g)) {
    expect(tag, tag).not.toMatch(/\s(on\w+|href|src|style|srcdoc|formaction)\s*=/i);
    const name = /^<\/?([a-zA-Z][\w-]*)/.exec(tag)?.[1]?.toLowerCase();
    expect(ALLOWED_TAGS.has(name ?? ''), tag).toBe(true);
  }
}

function expectClean(card: Card, what: string) {
  expect(validateCard(card), `${what} is a valid card`).toEqual([]);
  const { html, errors } = renderCard(card);
  expect(errors, what).toEqual([]);
  expect(html).not.toContain('pg-error');
  expectSafe(html);
  return html;
}

describe('the playground renders every card the bot can produce', () => {
  it('covers every *Card builder exported from cards/', async () => {
    const dir = fileURLToPath(new URL('../../../../cards/', import.meta.url));
    const builders: string[] = [];
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod)) {
        if (typeof v === 'function' && /Card$/.test(name) && !/^(assert|validate)/.test(name)) builders.push(name);
      }
    }
    const missing = builders.filter((b) => !(b in BUILDER_CASES));
    expect(missing, 'add view models for these builders in test/helpers/card-cases/').toEqual([]);
  });

  for (const [builder, cases] of Object.entries(BUILDER_CASES)) {
    it(`${builder}: ${cases.length} view models, no error box, nothing unescaped`, () => {
      for (const [i, make] of cases.entries()) expectClean(make(), `${builder} #${i}`);
    });
  }

  it('keeps hostile text as visible text, never as markup', () => {
    const html = expectClean(BUILDER_CASES.triageItemCard[0](), 'triage item');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;at id=all&gt;&lt;/at&gt;');
  });

  it('draws every component of the subset (kitchen sink)', () => {
    const html = expectClean(kitchenSink(), 'kitchen sink');
    for (const cls of [
      'pg-chart', 'pg-table', 'pg-panel', 'pg-form', 'pg-multi', 'data-pg-date', 'pg-checker', 'pg-img', 'pg-cols', 'data-pg-url',
    ]) {
      expect(html).toContain(cls);
    }
    expect(html.match(/<svg/g)?.length).toBe(4);
  });
});

describe('the markdown renderer is safe', () => {
  const md = (content: string) => renderCard({ schema: '2.0', body: { elements: [{ tag: 'markdown', content }] } });

  it('supports bold, italic, strike, code, line breaks, link text and <at>', () => {
    const { html, errors } = md('**b** *i* ~~s~~ `c<d>` a\nb [text](https://x.test) <at id=all></at> &#42;lit&#42;');
    expect(errors).toEqual([]);
    expect(html).toContain('<strong>b</strong> <em>i</em> <del>s</del> <code>c&lt;d&gt;</code> a<br>b <span class="pg-link">text</span>');
    expect(html).toContain('<span class="pg-at">@所有人</span> *lit*');
  });

  it('never turns content into HTML or links', () => {
    for (const content of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))',
      '<a href="javascript:alert(1)">a</a>', '**<b onclick=x>**', '`<script>`', '&lt;script&gt;', '<at id="x" onclick=y></at>']) {
      const { html, errors } = md(content);
      expect(errors).toEqual([]);
      expectSafe(html);
    }
  });
});

describe('the renderer is strict', () => {
  const body = (...elements: unknown[]) => ({ schema: '2.0', body: { elements } });
  const cases: [string, unknown, RegExp][] = [
    ['an unknown tag', body({ tag: 'note', elements: [] }), /unknown tag "note"/],
    ['an unknown property', body({ tag: 'markdown', content: 'x', corner_radius: '4px' }), /unknown property "corner_radius"/],
    ['an unknown property in a part',
      { schema: '2.0', header: { title: { tag: 'plain_text', content: 't', bold: true } }, body: { elements: [] } },
      /header\.title: unknown property "bold"/],
    ['an unknown top-level property', { schema: '2.0', i18n_elements: {}, body: { elements: [] } }, /unknown property "i18n_elements"/],
    ['a wrong enum value',
      { schema: '2.0', header: { title: { tag: 'plain_text', content: 't' }, template: 'pink' }, body: { elements: [] } },
      /template: "pink"/],
    ['schema 1.0', { schema: '1.0', body: { elements: [] } }, /is not "2.0"/],
    ['an unknown behavior', body({ tag: 'button', text: { tag: 'plain_text', content: 'b' }, behaviors: [{ type: 'form', value: {} }] }),
      /unknown kind "form"/],
    ['an option with extra keys',
      body({ tag: 'select_static', name: 's', options: [{ text: { tag: 'plain_text', content: 'a' }, value: 'a', icon: 'x' }] }),
      /options\[0\]: unknown property "icon"/],
    ['a chart type it cannot draw', body({ tag: 'chart', chart_spec: { type: 'radar', data: { values: [] } } }), /radar/],
    ['a non-column in a column_set', body({ tag: 'column_set', columns: [{ tag: 'markdown', content: 'x' }] }), /holds only "column"/],
    ['a missing required property', body({ tag: 'div' }), /missing "text"/],
  ];
  for (const [what, card, message] of cases) {
    it(`shows an error box for ${what}`, () => {
      const { html, errors } = renderCard(card);
      expect(errors.join('\n')).toMatch(message);
      expect(html).toContain('class="pg-error"');
      expectSafe(html);
    });
  }

  it('knows exactly the properties of cards/schema.ts', () => {
    const known = (spec: Record<string, unknown>) => Object.keys(spec).sort();
    for (const [tag, keys] of Object.entries(schemaKeys.elements)) expect(known(KNOWN.elements[tag] ?? {}), tag).toEqual([...keys].sort());
    expect(Object.keys(KNOWN.elements).sort()).toEqual(Object.keys(schemaKeys.elements).sort());
    for (const [part, keys] of Object.entries(schemaKeys.parts)) expect(known(KNOWN.parts[part] ?? {}), part).toEqual([...keys].sort());
  });
});
