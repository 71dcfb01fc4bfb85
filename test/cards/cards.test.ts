import { describe, expect, it } from 'vitest';
import { actionValue, parseCardAction } from '../../cards/actions.js';
import {
  button, card, chart, collapsible, columns, datePicker, div, escapeMarkdown, form, formButton, hr, input, linkButton, md,
  multiSelect, noteText, resetButton, safeMd, select, table,
} from '../../cards/components.js';
import { helpCard } from '../../cards/help.js';
import { unknownCommandCard } from '../../cards/hint.js';
import { dmNoticeText, unreachableReportCard } from '../../cards/notice.js';
import { rolesCard } from '../../cards/roles.js';
import { assertValidCard, CARD_LIMITS, validateCard } from '../../cards/validate.js';
import type { Card } from '../../cards/types.js';
import { welcomeCard } from '../../cards/welcome.js';
import { commandsFor, COMMAND_KEYS } from '../../src/domain/commands.js';

const HOSTILE = [
  '<at id=all></at>',
  '[x](https://evil)',
  '![img](img_v2_x) # heading `code` **b** ~~s~~ > quote | a | b |',
  'x'.repeat(10_000),
  'ctl\u0000\u0007\u001b[31m\u007f\u0085end',
  'emoji 😀👍🏽 :DONE: :OK:',
  '\u202Egnp.exe\u202C \u2066iso\u2069 \u200F',
  '<font color=red>r</font><link url="https://evil">l</link><a href="https://evil">a</a> www.evil.com evil.com/x a@b.com',
];

function markdownContents(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(markdownContents);
  if (typeof v !== 'object' || v === null) return [];
  const o = v as Record<string, unknown>;
  const own = o.tag === 'markdown' && typeof o.content === 'string' ? [o.content] : [];
  return [...own, ...Object.values(o).flatMap(markdownContents)];
}

/** What must never reach a markdown element from user text. */
function expectNoInjection(content: string, hostile: string) {
  if (/[<>[\]()#`*~|:!\u0000-\u001f\u202a-\u202e]/.test(hostile)) expect(content).not.toContain(hostile.slice(0, 40));
  expect(content.length).toBeLessThan(8000); // long text is cut, not passed through
  expect(content).not.toMatch(/<(at|font|link|a|raw|person)\b/i);
  expect(content).not.toMatch(/\]\(|!\[/);
  expect(content).not.toMatch(/https?:\/\//);
  expect(content).not.toMatch(/:[A-Z]+:/);
  expect(content).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
}

function cardsFor(text: string): Card[] {
  const person = { openId: 'ou_abc123', name: text };
  return [
    helpCard({ roles: ['admin', 'supervisor'], commands: commandsFor(['admin', 'supervisor']), campaignName: text }),
    welcomeCard({ campaignName: text, where: 'group' }),
    rolesCard({
      fileAdmins: [person], runtimeAdmins: [{ ...person, openId: 'ou_run1' }],
      leaders: [{ ...person, openId: 'ou_l1', title: text, fromFile: false }, { ...person, openId: 'ou_l2', fromFile: true }],
      supervisors: [{ ...person, openId: 'ou_s1', fromFile: false }], topLeader: person,
    }),
    unreachableReportCard({ people: [{ openId: 'ou_x', name: text, reason: 'outOfScope' }, { chatId: 'oc_y', reason: 'botNotInChat' }] }),
    card({ title: text, subtitle: text, elements: [md(safeMd`**${text}**`), md(escapeMarkdown(text)), div(text)] }),
  ];
}

describe('card builders produce valid cards', () => {
  it.each([
    ['no roles', [] as const],
    ['admin', ['admin'] as const],
    ['supervisor + leader', ['supervisor', 'leader'] as const],
  ])('helpCard for %s', (_n, roles) => {
    expect(validateCard(helpCard({ roles: [...roles], commands: commandsFor([...roles]), campaignName: '群众路线教育实践活动' }))).toEqual([]);
    expect(validateCard(helpCard({ roles: [...roles], commands: COMMAND_KEYS, campaignName: 'Campaign', locale: 'en' }))).toEqual([]);
  });

  it('welcomeCard in p2p and group, both locales', () => {
    for (const where of ['p2p', 'group'] as const) {
      for (const locale of ['zh', 'en'] as const) expect(validateCard(welcomeCard({ campaignName: '区总工会', where, locale }))).toEqual([]);
    }
  });

  it('unknownCommandCard', () => {
    expect(validateCard(unknownCommandCard())).toEqual([]);
    expect(validateCard(unknownCommandCard({ emptyMention: true, locale: 'en' }))).toEqual([]);
  });

  it('rolesCard: empty, typical, and more rows than fit', () => {
    expect(validateCard(rolesCard({ fileAdmins: [], runtimeAdmins: [], leaders: [], supervisors: [] }))).toEqual([]);
    const typical = rolesCard({
      fileAdmins: [{ openId: 'ou_f1', name: '王五' }], runtimeAdmins: [{ openId: 'ou_r1', name: '赵六' }],
      leaders: [
        { openId: 'ou_l1', name: '张三', title: '常务副主席', fromFile: true }, { openId: 'ou_l2', name: '李四', title: '副主席', fromFile: false },
      ],
      supervisors: [{ openId: 'ou_s1', fromFile: false }], topLeader: { openId: 'ou_t', name: '刘主席' },
    });
    expect(validateCard(typical)).toEqual([]);
    const buttons = JSON.stringify(typical).match(/"roles.remove"/g) ?? [];
    expect(buttons).toHaveLength(3); // run-time entries only
    expect(JSON.stringify(typical)).not.toContain('ou_f1"}'); // no remove action for the file's admin
    const many = Array.from({ length: 40 }, (_, i) => ({ openId: `ou_m${i}`, name: `成员${i}`, fromFile: false }));
    const big = rolesCard({ fileAdmins: many, runtimeAdmins: many, leaders: many, supervisors: many });
    expect(validateCard(big)).toEqual([]);
    expect(JSON.stringify(big)).toContain('另有');
  });

  it('unreachableReportCard: none, some, many', () => {
    expect(validateCard(unreachableReportCard({ people: [] }))).toEqual([]);
    const people = Array.from({ length: 300 }, (_, i) => ({ openId: `ou_${i}`, name: `某人${i}`, reason: 'leftCompany' as const }));
    expect(validateCard(unreachableReportCard({ people: people.slice(0, 3) }))).toEqual([]);
    expect(validateCard(unreachableReportCard({ people, locale: 'en' }))).toEqual([]);
  });

  it('a form using every field builder', () => {
    const c = card({
      title: '提意见',
      elements: [
        md('**请填写**'), hr(), noteText('匿名'),
        form('opinion', [
          select({
            name: 'category', placeholder: '类别', required: true,
            options: [{ label: '形式主义', value: 'formalism' }, { label: '其他', value: 'other' }],
          }),
          multiSelect({ name: 'tags', options: [{ label: 'A', value: 'a' }], selected: ['a'] }),
          datePicker({ name: 'due', initialDate: '2026-03-01' }),
          input({ name: 'text', label: '内容', multiline: true, required: true, defaultValue: '草稿' }),
          columns([[formButton('提交', { a: 'help' }, { name: 'submit' })], [resetButton('清空', 'reset')]]),
        ]),
        collapsible('更多', [div('说明'), linkButton('文档', 'https://example.feishu.cn/docx/abc')]),
        chart({ type: 'bar', data: { values: [{ k: 'a', v: 1 }] }, xField: 'k', yField: 'v' }),
        table({ columns: [{ key: 'n', label: '名称' }, { key: 'c', label: '数', type: 'number' }], rows: [{ n: 'x', c: 1 }] }),
      ],
    });
    expect(validateCard(c)).toEqual([]);
  });
});

describe('hostile text never reaches markdown unescaped', () => {
  it.each(HOSTILE.map((h) => [h.slice(0, 30), h]))('%s', (_label, hostile) => {
    for (const c of cardsFor(hostile)) {
      expect(validateCard(c)).toEqual([]);
      for (const content of markdownContents(c)) expectNoInjection(content, hostile);
    }
  });

  it('escapeMarkdown keeps ordinary text and emoji readable, cuts long text', () => {
    expect(escapeMarkdown('食堂饭菜太贵 😀')).toBe('食堂饭菜太贵 😀');
    expect([...escapeMarkdown('字'.repeat(10_000))]).toHaveLength(1001);
    expect(escapeMarkdown('a\n\n\n\n    b', { singleLine: false })).toBe('a\n\nb');
    expect(escapeMarkdown('a\nb', { singleLine: true })).toBe('a b');
  });

  it('dmNoticeText mentions only a well-formed open_id', () => {
    expect(dmNoticeText({ openId: 'ou_abc' })).toMatch(/^<at user_id="ou_abc"><\/at> /);
    expect(dmNoticeText({ openId: 'ou_x"></at><at user_id="all' })).not.toContain('<at');
  });
});

describe('validateCard catches', () => {
  const base = (elements: unknown[]) => ({ schema: '2.0', header: { title: { tag: 'plain_text', content: 't' } }, body: { elements } });
  const submit = { tag: 'button', text: { tag: 'plain_text', content: 'ok' }, name: 'go', form_action_type: 'submit' };

  it('an unknown property', () => {
    expect(validateCard(base([{ tag: 'markdown', content: 'x', corner_radius: '4px' }])).join()).toMatch(/corner_radius/);
    expect(validateCard({ ...base([]), i18n_elements: {} }).join()).toMatch(/i18n_elements/);
    expect(validateCard(base([{ tag: 'note', elements: [] }])).length).toBeGreaterThan(0); // no note in 2.0
  });

  it('a duplicate field name', () => {
    const f = { tag: 'form', name: 'f', elements: [{ tag: 'input', name: 'a' }, { tag: 'input', name: 'a' }, submit] };
    expect(validateCard(base([f])).join()).toMatch(/duplicate name "a"/);
    expect(validateCard(base([{ ...f, name: 'a', elements: [{ tag: 'input', name: 'a' }, submit] }])).join()).toMatch(/duplicate name "a"/);
  });

  it('an input max_length of 1001, a default_value over 1000', () => {
    const f = (field: object) => base([{ tag: 'form', name: 'f', elements: [{ tag: 'input', name: 'a', ...field }, submit] }]);
    expect(validateCard(f({ max_length: 1001 })).join()).toMatch(/max_length 1001/);
    expect(validateCard(f({ default_value: 'x'.repeat(1001) })).join()).toMatch(/default_value/);
    expect(() => input({ name: 'a', maxLength: 1001 })).toThrow(RangeError);
  });

  it('a 31 KB card', () => {
    const c = card({ title: 't', elements: [div('字'.repeat(31 * 1024 / 3 + 10))] });
    expect(validateCard(c).join()).toMatch(/bytes of JSON/);
    expect(() => assertValidCard(c)).toThrow(/bytes/);
  });

  it('too many components', () => {
    const c = card({ title: 't', elements: Array.from({ length: 100 }, (_, i) => div(`${i}`)) });
    expect(validateCard(c).join()).toMatch(/components and elements \(max 200\)/);
    const ok = card({ title: 't', elements: Array.from({ length: 99 }, (_, i) => div(`${i}`)) });
    expect(validateCard(ok)).toEqual([]); // 1 header title + 99 × (div + plain_text) = 199
  });

  it('form placement, nesting, tables, submit, charts', () => {
    const f = (name: string, elements: unknown[] = [submit]) => ({ tag: 'form', name, elements });
    const inColumns = { tag: 'column_set', columns: [{ tag: 'column', elements: [f('f')] }] };
    expect(validateCard(base([inColumns])).join()).toMatch(/form must sit at the body root/);
    expect(validateCard(base([f('outer', [f('inner'), { ...submit, name: 'go2' }])])).join()).toMatch(/form nested in form/);
    const tbl = table({ columns: [{ key: 'a', label: 'A' }], rows: [] });
    expect(validateCard(base([f('f', [tbl, submit])])).join()).toMatch(/table inside form/);
    expect(validateCard(base([f('f', [{ tag: 'input', name: 'a' }])])).join()).toMatch(/no submit button/);
    expect(validateCard(base([f('f', [{ tag: 'input' }, submit])])).join()).toMatch(/needs a card-unique name/);
    expect(validateCard(base([{ tag: 'input', name: 'x', required: true }])).join()).toMatch(/only works inside a form/);
    const c6 = Array.from({ length: 6 }, () => chart({ type: 'pie', data: { values: [] } }));
    expect(validateCard(base(c6)).join()).toMatch(/6 charts/);
    let deep: unknown = div('x');
    for (let i = 0; i < 6; i++) deep = collapsible(`l${i}`, [deep as never]);
    expect(validateCard(base([deep])).join()).toMatch(/nested 6 levels/);
  });

  it('limits are the documented ones', () => {
    expect(CARD_LIMITS).toMatchObject({ maxComponents: 200, maxBytes: 30 * 1024, maxCharts: 5, inputMaxLength: 1000 });
  });
});

describe('button values', () => {
  it('round-trip through the shared union', () => {
    const b = button('移除', { a: 'roles.remove', role: 'admin', openId: 'ou_abc' });
    const behavior = b.behaviors?.[0];
    expect(behavior?.type).toBe('callback');
    const value = behavior && behavior.type === 'callback' ? behavior.value : undefined;
    expect(parseCardAction(value)).toEqual({ v: 1, a: 'roles.remove', role: 'admin', openId: 'ou_abc' });
    expect(parseCardAction(JSON.stringify(value))).toEqual(value);
  });

  it('rejects unknown, forged or unversioned values', () => {
    expect(parseCardAction({ a: 'help' })).toBeNull();
    expect(parseCardAction({ v: 2, a: 'help' })).toBeNull();
    expect(parseCardAction({ v: 1, a: 'roles.remove', role: 'topLeader', openId: 'ou_a' })).toBeNull();
    expect(parseCardAction({ v: 1, a: 'help', extra: 1 })).toBeNull();
    expect(parseCardAction('not json')).toBeNull();
    expect(() => actionValue({ a: 'roles.remove', role: 'admin', openId: 'not-an-open-id' })).toThrow();
  });
});
