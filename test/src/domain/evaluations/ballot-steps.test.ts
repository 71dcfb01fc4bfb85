import { describe, expect, it } from 'vitest';
import {
  applyStep, cellCount, cellIndex, choicesOf, emptyState, stepPages, validState,
} from '../../../../src/domain/evaluations/ballot-steps.js';
import { campaign, round } from '../../../helpers/evaluation-rounds.js';

/** The stepped ballot's pure part: pages, taps applied to the state carried in the buttons, the complete ballot. */

const r = round(campaign(4, [{ key: 'cadres', name: '机关干部', users: ['ou_a'] }]));

describe('stepped ballot pages', () => {
  it('5 people × 5 items × 4 grades: one page a person, then one summary page', () => {
    expect([r.subjects.length, r.dimensions.length, r.scale.length]).toEqual([5, 5, 4]);
    const pages = stepPages(r);
    expect(pages.map((p) => (p.kind === 'subject' ? `s${p.subject}:${p.dims.length}` : `sum:${p.subjects.length}`)))
      .toEqual(['s0:5', 's1:5', 's2:5', 's3:5', 's4:5', 'sum:5']);
  });
});

describe('applyStep', () => {
  const empty = emptyState(r);

  it('the shortcut fills one person, a grade changes one cell, and the rest stays as it was', () => {
    const all = applyStep(r, { state: empty, page: 0, op: 'all', i: 1, g: 2 });
    expect(all).toEqual({ ok: true, page: 0, state: `-----22222${'-'.repeat(15)}` });
    const set = applyStep(r, { state: all.ok ? all.state : '', page: 0, op: 'set', i: cellIndex(r, 1, 3), g: 0 });
    expect(set).toEqual({ ok: true, page: 0, state: `-----22202${'-'.repeat(15)}` });
  });

  it('going on needs every cell of the pages before; going back never does', () => {
    expect(applyStep(r, { state: empty, page: 1 })).toEqual({ ok: false, reason: 'missing', page: 0 });
    const first = '00000' + '-'.repeat(20);
    expect(applyStep(r, { state: first, page: 1 })).toEqual({ ok: true, page: 1, state: first });
    expect(applyStep(r, { state: first, page: 5 })).toEqual({ ok: false, reason: 'missing', page: 1 });
    expect(applyStep(r, { state: '1'.repeat(25), page: 5 })).toMatchObject({ ok: true, page: 5 });
    expect(applyStep(r, { state: first, page: 0, op: 'set', i: 0, g: 3 })).toMatchObject({ ok: true, state: '3' + first.slice(1) });
  });

  it('refuses what no card of this round could carry', () => {
    expect(applyStep(r, { state: empty.slice(1), page: 0 })).toEqual({ ok: false, reason: 'state' });
    expect(applyStep(r, { state: '4'.repeat(25), page: 0 })).toEqual({ ok: false, reason: 'state' });
    expect(applyStep(r, { state: empty, page: 6 })).toEqual({ ok: false, reason: 'page' });
    expect(applyStep(r, { state: empty, page: 0, op: 'set', i: 25, g: 0 })).toEqual({ ok: false, reason: 'cell' });
    expect(applyStep(r, { state: empty, page: 0, op: 'all', i: 5, g: 0 })).toEqual({ ok: false, reason: 'cell' });
    expect(applyStep(r, { state: empty, page: 0, op: 'set', i: 0, g: 4 })).toEqual({ ok: false, reason: 'grade' });
    expect(applyStep(r, { state: empty, page: 0, op: 'set', i: 0 })).toEqual({ ok: false, reason: 'grade' });
    expect(validState(r, 'x'.repeat(25))).toBe(false);
  });
});

describe('choicesOf', () => {
  it('the complete ballot by cell, none while a cell is open or the state is not this round\'s', () => {
    const state = '0'.repeat(6) + '3' + '0'.repeat(18);
    const choices = choicesOf(r, state)!;
    expect(Object.keys(choices)).toHaveLength(cellCount(r));
    expect(choices[`${r.subjects[1].key}|${r.dimensions[1].key}`]).toBe('poor');
    expect(Object.values(choices).filter((g) => g === 'good')).toHaveLength(24);
    expect(choicesOf(r, '0'.repeat(24) + '-')).toBeUndefined();
    expect(choicesOf(r, '0'.repeat(26))).toBeUndefined();
  });
});
