import { describe, expect, it } from 'vitest';
import { card, columns, datePicker, div, form, formButton, input, multiSelect, select } from '../../../cards/components.js';
import { keepFormValues } from '../../../cards/form-values.js';
import { itemFieldErrors, ledgerFormCard } from '../../../cards/ledger/form.js';
import { validateCard } from '../../../cards/validate.js';

/** keepFormValues: the submitted values back in their fields, red notes under the wrong ones, nothing forced in. */

const opts = [{ label: '甲', value: 'a' }, { label: '乙', value: 'b' }];
const base = () => card({
  title: '表单', elements: [div('说明'), form('f', [
    input({ name: 'txt', label: '内容', maxLength: 5, defaultValue: '旧' }),
    select({ name: 'one', options: opts, initial: 'a' }),
    multiSelect({ name: 'many', options: opts }),
    datePicker({ name: 'day' }),
    { tag: 'checker', name: 'ok', text: { tag: 'plain_text', content: '同意' }, checked: false },
    columns([[input({ name: 'inner', label: '栏内' })]]),
    formButton('提交', { a: 'help' }, { name: 'go' }),
  ])],
});
const fields = (c: ReturnType<typeof base>) => (c.body.elements[1] as { elements: Record<string, unknown>[] }).elements;

describe('keepFormValues', () => {
  it('puts each submitted value back, clipped to the field and only among its options', () => {
    const c = keepFormValues(base(), {
      txt: '一二三四五六七', one: 'b', many: ['b', 'zz', 3], day: '2027-03-05 +0800', ok: true, inner: '栏内的值', go: 'x',
    });
    const [txt, one, many, day, ok, cols] = fields(c) as any[];
    expect(txt.default_value).toBe('一二三四五');
    expect(one.initial_option).toBe('b');
    expect(many.selected_values).toEqual(['b']);
    expect(day.initial_date).toBe('2027-03-05');
    expect(ok.checked).toBe(true);
    expect(cols.columns[0].elements[0].default_value).toBe('栏内的值');
    expect(validateCard(c)).toEqual([]);
  });

  it('leaves what cannot be held as it was: an unknown option, a bad day, a value of the wrong type', () => {
    const c = keepFormValues(base(), { txt: 42, one: 'nope', day: 'soon', ok: 'yes' });
    const [txt, one, , day, ok] = fields(c) as any[];
    expect(txt.default_value).toBe('旧');
    expect(one.initial_option).toBe('a');
    expect(day.initial_date).toBeUndefined();
    expect(ok.checked).toBe(false);
  });

  it('puts a red note right under each wrong field, inside columns too; the original card is untouched', () => {
    const original = base();
    const before = JSON.stringify(original);
    const c = keepFormValues(original, {}, [{ field: 'one', text: '请选择' }, { field: 'inner', text: '太长' }]);
    const els = fields(c) as any[];
    expect(els[2]).toMatchObject({ tag: 'div', text: { content: '请选择', text_color: 'red' } });
    expect(els.find((e) => e.tag === 'column_set').columns[0].elements[1]).toMatchObject({ text: { content: '太长' } });
    expect(JSON.stringify(original)).toBe(before);
    expect(validateCard(c)).toEqual([]);
  });

  it('a field labelled by the line above has that line turned red with the note: no component added', () => {
    const c = card({ title: '表单', elements: [form('f', [
      div('完成时限'), datePicker({ name: 'day' }), formButton('提交', { a: 'help' }, { name: 'go' }),
    ])] });
    const els = (keepFormValues(c, {}, [{ field: 'day', text: '不能早于今天' }]).body.elements[0] as any).elements;
    expect(els).toHaveLength(3);
    expect(els[0]).toMatchObject({ tag: 'div', text: { content: '完成时限：不能早于今天', text_color: 'red' } });
  });

  it('a form_value that is not an object changes nothing', () => {
    expect(keepFormValues(base(), 'x')).toEqual(base());
    expect(keepFormValues(base(), null)).toEqual(base());
  });

  it('the fullest ledger form with every field wrong is still a valid card (within Lark\'s 200 components)', () => {
    const people = Array.from({ length: 60 }, (_, i) => ({ openId: `ou_${i}`, name: `人员${i}` }));
    const rounds = Array.from({ length: 12 }, (_, i) => ({ id: `r${i}`, title: `测评${i}` }));
    const errors = ['problem', 'source', 'wind', 'owner', 'leader', 'coOwners', 'deadline', 'milestones', 'text', 'rounds'] as const;
    const long = '长'.repeat(1001);
    const fv = { lg_problem: long, lg_goal: long, lg_measures: long, lg_commit: long, lg_ms: long };
    const c = keepFormValues(ledgerFormCard({ people, rounds }), fv, itemFieldErrors([...errors], fv));
    expect(validateCard(c)).toEqual([]);
  });
});
