import { describe, expect, it } from 'vitest';
import { pageFields, pageQuestions, parsePageForm } from '../../../../src/domain/outreach/page-form.js';
import { DEFAULTS } from '../../../../src/domain/evaluations/round.js';

const meta = { subjects: [{ key: 'union', label: '工会工作' }], dimensions: DEFAULTS.outreach.dimensions, scale: DEFAULTS.outreach.scale };
const targets = ['team', 'leader-0', 'office'];
const all = { r0: 'sat', r1: 'sat', r2: 'basic', r3: 'unsat' };
const open = { targets, round: { meta, open: true } };

describe('the outreach page form', () => {
  it('names one radio group per subject × dimension', () => {
    expect(pageQuestions(meta).map((q) => [q.field, q.cell])).toEqual([
      ['r0', 'union|service'], ['r1', 'union|rights'], ['r2', 'union|activities'], ['r3', 'union|style']]);
  });

  it('takes an opinion, complete ratings, or both; the contact only when its box is ticked', () => {
    expect(parsePageForm({ text: '  食堂饭菜偏贵。 ', category: 'service', contact: '电话' }, open)).toEqual({
      ok: true, entry: { opinion: { category: 'service', target: 'team', text: '食堂饭菜偏贵。' } } });
    const choices = { 'union|service': 'sat', 'union|rights': 'sat', 'union|activities': 'basic', 'union|style': 'unsat' };
    expect(parsePageForm(all, open)).toEqual({ ok: true, entry: { choices } });
    const form = { ...all, text: '食堂饭菜偏贵。', category: 'service', target: 'office', wish: '1', contact: ' 王 \n 138 ' };
    const both = parsePageForm(form, open);
    expect(both.ok && both.entry.opinion).toEqual({ category: 'service', target: 'office', text: '食堂饭菜偏贵。', contact: '王 138' });
  });

  it('refuses partial or unknown grades, ratings of a closed round, short or long text, a contact without text', () => {
    const errors = (f: Record<string, string>, o: Parameters<typeof parsePageForm>[1] = open) => {
      const r = parsePageForm(f, o);
      return r.ok ? [] : r.errors;
    };
    expect(errors({ r0: 'sat' })).toEqual(['ratingsPartial']);
    expect(errors({ ...all, r3: 'great' })).toEqual(['ratingsPartial']);
    expect(errors({ ...all, r9: 'sat' })).toEqual(['ratingsPartial']);
    expect(errors(all, { targets, round: { meta, open: false } })).toEqual(['roundClosed']);
    expect(errors(all, { targets })).toEqual(['roundClosed']);
    expect(errors({ text: '短', category: 'service' })).toEqual(['textShort']);
    expect(errors({ text: '长'.repeat(1001), category: 'service' })).toEqual(['textLong']);
    expect(errors({ text: '食堂饭菜偏贵。', target: 'nobody' })).toEqual(['category', 'target']);
    expect(errors({ ...all, wish: '1', contact: '138' })).toEqual(['contactNeedsText']);
    expect(errors({ text: '食堂饭菜偏贵。', category: 'other', wish: '1', contact: '长'.repeat(101) })).toEqual(['contact']);
    expect(errors({})).toEqual(['empty']);
    const kept = parsePageForm({ text: '短', wish: '1', contact: 'x', r0: 'sat' }, open);
    expect(!kept.ok && kept.values).toMatchObject({ text: '短', wish: true, contact: 'x', ratings: { r0: 'sat' } });
  });

  it('reads a urlencoded body: each name once, short names only', () => {
    expect(pageFields('text=%E4%BD%A0%E5%A5%BD&r0=sat')).toEqual({ text: '你好', r0: 'sat' });
    expect(pageFields('text=a&text=b')).toBeUndefined();
    expect(pageFields('__proto__=x')).toBeUndefined();
    expect(pageFields(`${'a'.repeat(17)}=x`)).toBeUndefined();
  });
});
