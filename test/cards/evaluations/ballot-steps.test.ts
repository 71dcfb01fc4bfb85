import { describe, expect, it } from 'vitest';
import { stepBallotCard } from '../../../cards/evaluations/ballot-steps.js';
import { ballotCard } from '../../../cards/evaluations/ballot.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import { cellCount, stepPages, STEP_BUDGET } from '../../../src/domain/evaluations/ballot-steps.js';
import { roundSchema, type RoundMeta } from '../../../src/domain/evaluations/round.js';
import { tapsOf } from '../../helpers/ballot-steps.js';
import { campaign, round } from '../../helpers/evaluation-rounds.js';

/**
 * The stepped ballot's cards against Card JSON 2.0's limits (cards/validate.ts: 200 components and 30 KB;
 * we page at STEP_BUDGET, 170 components and 22 KB), up to the largest round the app allows.
 */

const tagged = (v: unknown): number => {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + tagged(x), 0);
  if (!v || typeof v !== 'object') return 0;
  const o = v as Record<string, unknown>;
  return (typeof o.tag === 'string' ? 1 : 0) + Object.entries(o).reduce((n, [k, x]) => n + (k === 'value' ? 0 : tagged(x)), 0);
};
const long = (prefix: string) => `${prefix}${'长'.repeat(60)}`.slice(0, 60);

/** 30 people × 10 dimensions × 7 grades (the schema's maxima), every label 60 characters. */
function largest(labels: 'long' | 'short'): RoundMeta {
  const base = round(campaign(29, [{ key: 'cadres', name: '机关干部', users: ['ou_a'] }]));
  const label = (p: string, short: string) => (labels === 'long' ? long(p) : short);
  const r = {
    ...base,
    title: long('测评'),
    subjects: Array.from({ length: 30 }, (_, i) => ({ key: `s${i}`, label: label(`<at id=all></at>${i}`, `领导${i}`) })),
    dimensions: Array.from({ length: 10 }, (_, i) => ({ key: `d${i}`, label: label(`维度${i}`, `维度${i}`) })),
    scale: Array.from({ length: 7 }, (_, i) => ({
      key: `g${i}`, label: label(`等次${i}`, ['好', '较好', '一般', '差', '很差', '未知', '其他'][i]), points: i,
    })),
    positive: ['g0', 'g1'],
  };
  expect(roundSchema.safeParse(r).error).toBeUndefined();
  return r;
}

describe('stepped ballot cards', () => {
  it.each(['long', 'short'] as const)('the largest round (%s labels): pages valid, in budget, cells covered once', (labels) => {
    const r = largest(labels);
    const pages = stepPages(r);
    const seen: number[] = [];
    for (const p of pages) if (p.kind === 'subject') seen.push(...p.dims.map((d) => p.subject * 10 + d));
    expect(seen).toEqual(Array.from({ length: cellCount(r) }, (_, i) => i));
    for (const state of ['-'.repeat(300), '6'.repeat(300)]) {
      for (const p of pages) {
        const c = stepBallotCard(r, p.index, state);
        expect(validateCard(c), `page ${p.index}`).toEqual([]);
        expect(cardBytes(c)).toBeLessThanOrEqual(STEP_BUDGET.bytes);
        expect(tagged(c)).toBeLessThanOrEqual(STEP_BUDGET.components);
      }
    }
    expect(STEP_BUDGET.bytes).toBeLessThan(CARD_LIMITS.maxBytes * 0.75);
    expect(STEP_BUDGET.components).toBeLessThan(CARD_LIMITS.maxComponents);
  });

  it('a person\'s page: progress, the shortcut, one row of grades per item with the choice marked, back and on', () => {
    const r = round(campaign(4, [{ key: 'cadres', name: '机关干部', users: ['ou_a'] }]));
    const state = '0123' + '-'.repeat(21);
    const c = stepBallotCard(r, 0, state);
    expect(validateCard(c)).toEqual([]);
    expect(c.header?.subtitle?.content).toBe('民主测评 · 第 1/5 位');
    const taps = tapsOf(c);
    expect(taps.filter((t) => t.value.op === 'all').map((t) => [t.label, t.value.i, t.value.g]))
      .toEqual([['好', 0, 0], ['较好', 0, 1], ['一般', 0, 2], ['差', 0, 3]]);
    expect(JSON.stringify(c)).toContain('"content":"全部评为"');
    const sets = taps.filter((t) => t.value.op === 'set');
    expect(sets.map((t) => `${t.value.i}:${t.label}`).slice(0, 4)).toEqual(['0:好', '0:较好', '0:一般', '0:差']);
    expect(sets).toHaveLength(20);
    expect(taps.every((t) => t.value.s === state && t.value.round === r.id)).toBe(true);
    // The chosen grade is filled; its row says what was chosen.
    expect(JSON.stringify(c).match(/primary_filled/g)).toHaveLength(4);
    expect(JSON.stringify(c)).toContain('形式主义：已选「好」');
    expect(JSON.stringify(c)).toContain('总体评价：请选择');
    expect(taps.filter((t) => t.value.op === undefined).map((t) => [t.label, t.value.p])).toEqual([['下一位', 1]]);
    const second = tapsOf(stepBallotCard(r, 4, '0'.repeat(25))).filter((t) => t.value.op === undefined);
    expect(second.map((t) => [t.label, t.value.p])).toEqual([['上一位', 3], ['核对并提交', 5]]);
  });

  it('the summary lists every choice, 修改 per person, and the one final submit that says it is final', () => {
    const r = round(campaign(4, [{ key: 'cadres', name: '机关干部', users: ['ou_a'] }]));
    const state = '1'.repeat(25);
    const c = stepBallotCard(r, 5, state);
    expect(validateCard(c)).toEqual([]);
    const text = JSON.stringify(c);
    expect(text).toContain('提交后不能修改');
    expect(text).toContain('各项均为：较好');
    expect(JSON.stringify(stepBallotCard(r, 5, '0123' + '1'.repeat(21)))).toContain('形式主义：好；享乐主义：一般；奢靡之风：差；其余各项：较好');
    expect(JSON.stringify(stepBallotCard(r, 5, '1211' + '1'.repeat(21)))).toContain('官僚主义：一般；其余各项：较好');
    const taps = tapsOf(c);
    expect(taps.filter((t) => t.label === '修改').map((t) => t.value.p)).toEqual([0, 1, 2, 3, 4]);
    expect(taps.filter((t) => t.value.a === 'ev.cast')).toEqual([
      { label: '确认提交（提交后不能修改）', value: { v: 1, a: 'ev.cast', round: r.id, s: state } }]);
  });

  it('ballotCard: a direct message gets the stepped first page, a visit\'s chat the shared form', () => {
    const r = round(campaign(1, [{ key: 'cadres', name: '机关干部', users: ['ou_a'] }]));
    expect(JSON.stringify(ballotCard(r))).toContain('"a":"ev.step"');
    const shared = { ...r, visit: { contact: '某单位', source: 'enterprise' as const, day: '2027-03-01', chatId: 'oc_x' } };
    expect(JSON.stringify(ballotCard(shared))).toContain('"a":"ev.vote"');
  });
});
