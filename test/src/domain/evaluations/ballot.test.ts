import { describe, expect, it } from 'vitest';
import { formBallotCard } from '../../../../cards/evaluations/ballot.js';
import { cardBytes, validateCard } from '../../../../cards/validate.js';
import { ballotCounters, defaultRound, type Round } from '../../../../src/domain/evaluations/round.js';
import { BALLOT_BUDGET, ballotPages, cellsOf, parseBallot } from '../../../../src/domain/evaluations/ballot.js';
import { ADMIN, all, campaign, NOW, round } from '../../../helpers/evaluation-rounds.js';

function countTagged(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countTagged(x), 0);
  if (typeof v !== 'object' || v === null) return 0;
  const o = v as Record<string, unknown>;
  return (typeof o.tag === 'string' ? 1 : 0)
    + Object.entries(o).reduce((n, [k, x]) => n + (k === 'chart_spec' || k === 'value' ? 0 : countTagged(x)), 0);
}

describe('ballot pages', () => {
  const big = round(campaign(9, [{ key: 'a', name: 'A', users: [] }]));
  const huge = defaultRound(campaign(29, []), { title: 'x', kind: 'democratic', closesAt: NOW + 1, createdBy: ADMIN, now: NOW });
  const longLabels: Round = { ...huge, subjects: huge.subjects.map((s, i) => ({ ...s, label: `${'长'.repeat(55)}${i}` })),
    dimensions: Array.from({ length: 10 }, (_, i) => ({ key: `d${i}`, label: `${'维'.repeat(58)}${i}` })),
    scale: Array.from({ length: 7 }, (_, i) => ({ key: `g${i}`, label: `${'级'.repeat(58)}${i}`, points: i * 10 })), positive: ['g6'] };

  it.each([
    ['example-sized', round(campaign(4, []))], ['10 × 5', big], ['30 × 10, 7 long grades', longLabels],
  ])('%s: pages cover every cell once and cards stay well under the limits', (_n, r) => {
    const pages = ballotPages(r);
    expect(pages.flatMap((p) => p.cells.map((c) => c.index))).toEqual(cellsOf(r).map((c) => c.index));
    for (const p of pages) {
      const prior = '0'.repeat(pages.slice(0, p.index).reduce((n, q) => n + q.cells.length, 0));
      const card = formBallotCard(r, p.index, prior, { error: { zh: '请把本页每一项都选上再提交。', en: 'x' } });
      expect(validateCard(card)).toEqual([]);
      expect(countTagged(card)).toBeLessThanOrEqual(BALLOT_BUDGET.components);
      expect(cardBytes(card)).toBeLessThanOrEqual(BALLOT_BUDGET.bytes);
    }
  });

  it('splits the example (5 × 5) into two pages and 10 × 5 into a few, subjects kept whole', () => {
    expect(ballotPages(round(campaign(4, [])))).toHaveLength(2);
    expect(ballotPages(round(campaign(1, [])))).toHaveLength(1);
    const pages = ballotPages(big);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThanOrEqual(4);
    for (const p of pages) expect(p.cells.length % 5).toBe(0);
  });

  it('parseBallot walks the pages, carrying earlier choices in `prior`, and returns the whole ballot', () => {
    const pages = ballotPages(big);
    const grade = (i: number) => big.scale[(i * 7) % 4].key;
    let prior = '';
    let step: ReturnType<typeof parseBallot> | undefined;
    for (const p of pages) {
      const form = Object.fromEntries(p.cells.map((c) => [`c${c.index}`, grade(c.index)]));
      step = parseBallot(big, p.index, form, prior);
      if (step.kind === 'next') {
        expect(step.page).toBe(p.index + 1);
        prior = step.prior;
      }
    }
    expect(step?.kind).toBe('complete');
    if (step?.kind !== 'complete') return;
    expect(Object.keys(step.choices)).toHaveLength(50);
    for (const c of cellsOf(big)) expect(step.choices[`${c.subject.key}|${c.dimension.key}`]).toBe(grade(c.index));
    expect(prior.length).toBeLessThan(50);
    expect(ballotCounters(big, step.choices, 'a')).toHaveLength(50);
  });

  it('refuses a missing cell, an unknown grade, a forged prior or page', () => {
    const p0 = ballotPages(big)[0];
    const full = Object.fromEntries(p0.cells.map((c) => [`c${c.index}`, 'good']));
    const { [`c${p0.cells[3].index}`]: _drop, ...missing } = full;
    expect(parseBallot(big, 0, missing, '')).toEqual({ kind: 'invalid', reason: 'missing' });
    expect(parseBallot(big, 0, { ...full, c0: 'excellent' }, '')).toEqual({ kind: 'invalid', reason: 'grade' });
    expect(parseBallot(big, 0, full, '0')).toEqual({ kind: 'invalid', reason: 'prior' });
    expect(parseBallot(big, 1, {}, '9'.repeat(p0.cells.length))).toEqual({ kind: 'invalid', reason: 'prior' });
    expect(parseBallot(big, 99, full, '')).toEqual({ kind: 'invalid', reason: 'page' });
    expect(parseBallot(big, 0, 'nonsense', '')).toEqual({ kind: 'invalid', reason: 'missing' });
    expect(ballotCounters(big, { ...all(big, 'good'), 'team|formalism': 'bad' }, 'a')).toBeNull();
    expect(ballotCounters(big, { ...all(big, 'good'), 'x|y': 'good' }, 'a')).toBeNull();
  });
});
