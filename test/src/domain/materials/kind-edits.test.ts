import { describe, expect, it } from 'vitest';
import { parseMaterialForm, MATERIAL_FORM } from '../../../../src/domain/materials/form.js';
import { KIND_FORM, NO_KIND_EDITS, parseKindForm, withKindEdits } from '../../../../src/domain/materials/kind-edits.js';
import { kindOf, materialsConfig } from '../../../../src/domain/materials/kinds.js';

/** 材料 设置's pure rules: the effective kinds, the kind's form, and a new material taking its kind's default due day. */

const file = materialsConfig(undefined);
const milestones = new Map([['ms1', { date: '2027-07-20', stored: 'file1' }], ['old', { date: '2027-05-01', stored: 'file0' }]]);
const today = '2027-07-01';
const parse = (key: 'rectifyPlan' | 'selfCheck' | 'rule', fv: Record<string, unknown>, kind = kindOf(file, key)) =>
  parseKindForm(fv, { kind, milestones, today });

describe('材料 设置 (pure)', () => {
  it('an edit replaces the chain and the due day of its kind only; no edits leave the file as it is', () => {
    expect(withKindEdits(file, NO_KIND_EDITS)).toEqual(file);
    const cfg = withKindEdits({ ...file, kinds: file.kinds.map((k) => (k.key === 'plan' ? { ...k, due: '2027-03-01' } : k)) },
      { kinds: { plan: { chain: ['supervisors'], milestone: 'file1' } } });
    expect(kindOf(cfg, 'plan')).toEqual({ key: 'plan', name: '实施方案', author: 'office', chain: ['supervisors'], milestone: 'file1' });
    expect(kindOf(cfg, 'rectifyPlan')).toEqual(kindOf(file, 'rectifyPlan'));
  });

  it('parses each chain and due mode; refuses what is wrong', () => {
    expect(parse('rectifyPlan', { [KIND_FORM.chain]: 'sup', [KIND_FORM.mode]: 'none' }))
      .toEqual({ ok: true, edit: { chain: ['supervisors'] }, move: false });
    expect(parse('rectifyPlan', { [KIND_FORM.chain]: 'sup-top', [KIND_FORM.mode]: 'day', [KIND_FORM.day]: '2027-07-09 +0800',
      [KIND_FORM.move]: true })).toEqual({ ok: true, edit: { chain: ['supervisors', 'topLeader'], due: '2027-07-09' }, move: true });
    expect(parse('rectifyPlan', { [KIND_FORM.chain]: 'top', [KIND_FORM.mode]: 'milestone', [KIND_FORM.milestone]: 'ms1' }))
      .toEqual({ ok: true, edit: { chain: ['topLeader'], milestone: 'file1' }, move: false });
    const bad = (key: 'rectifyPlan' | 'selfCheck', fv: Record<string, unknown>) => {
      const r = parse(key, fv);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad('selfCheck', { [KIND_FORM.chain]: 'top', [KIND_FORM.mode]: 'none' })).toBe('selfCheckChain');
    expect(bad('rectifyPlan', { [KIND_FORM.chain]: 'all', [KIND_FORM.mode]: 'none' })).toBe('chain');
    expect(bad('rectifyPlan', { [KIND_FORM.chain]: 'sup' })).toBe('mode');
    expect(bad('rectifyPlan', { [KIND_FORM.chain]: 'sup', [KIND_FORM.mode]: 'day' })).toBe('day');
    expect(bad('rectifyPlan', { [KIND_FORM.chain]: 'sup', [KIND_FORM.mode]: 'day', [KIND_FORM.day]: '2027-06-30' })).toBe('pastDay');
    expect(bad('rectifyPlan', { [KIND_FORM.chain]: 'sup', [KIND_FORM.mode]: 'milestone', [KIND_FORM.milestone]: 'x' })).toBe('milestone');
    expect(bad('rectifyPlan', { [KIND_FORM.chain]: 'sup', [KIND_FORM.mode]: 'milestone', [KIND_FORM.milestone]: 'old' }))
      .toBe('pastMilestone');
  });

  it('a past day or milestone that is already the kind’s own may stay (a chain changed alone); 制度 take no due day', () => {
    const kind = { ...kindOf(file, 'rectifyPlan'), due: '2027-06-30' };
    expect(parse('rectifyPlan', { [KIND_FORM.chain]: 'sup', [KIND_FORM.mode]: 'day', [KIND_FORM.day]: '2027-06-30' }, kind).ok).toBe(true);
    const withOld = { ...kindOf(file, 'rectifyPlan'), milestone: 'file0' };
    expect(parse('rectifyPlan', { [KIND_FORM.chain]: 'sup', [KIND_FORM.mode]: 'milestone', [KIND_FORM.milestone]: 'old' }, withOld).ok)
      .toBe(true);
    expect(parse('rule', { [KIND_FORM.chain]: 'top', [KIND_FORM.mode]: 'day', [KIND_FORM.day]: '2027-08-01' }))
      .toEqual({ ok: true, edit: { chain: ['topLeader'] }, move: false });
  });

  it('a new material with no day picked takes its kind’s default; without one it is refused', () => {
    const fv = { [MATERIAL_FORM.kind]: 'plan', [MATERIAL_FORM.title]: '实施方案', [MATERIAL_FORM.authors]: ['ou_a'] };
    const o = { authorsAllowed: new Set(['ou_a']), officeKinds: ['plan' as const], today };
    expect(parseMaterialForm(fv, { ...o, kindDues: { plan: '2027-07-10' } })).toMatchObject({ ok: true, value: { due: '2027-07-10' } });
    expect(parseMaterialForm(fv, o)).toEqual({ ok: false, errors: ['due'] });
    expect(parseMaterialForm({ ...fv, [MATERIAL_FORM.due]: 'soon' }, { ...o, kindDues: { plan: '2027-07-10' } }).ok).toBe(false);
  });
});
