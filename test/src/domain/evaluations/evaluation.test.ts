import { describe, expect, it } from 'vitest';
import {
  ballotCounters, DEFAULT_GROUP, leaderSubjectKey, newRoundId, roundSchema, talliesFromHash,
  type Choices, type Round, type Tallies,
} from '../../../../src/domain/evaluations/round.js';
import { cellsOf } from '../../../../src/domain/evaluations/ballot.js';
import { closeInstant, parseRoundForm, ROUND_FORM } from '../../../../src/domain/evaluations/form.js';
import { checkPaperTallies, paperBallots, paperField, paperPages, parsePaperPage } from '../../../../src/domain/evaluations/paper.js';
import { compareRounds, computeResults, effectiveWeights, rowOf, satisfactionVerdict } from '../../../../src/domain/evaluations/results.js';
import { all, campaign, NOW, round } from '../../../helpers/evaluation-rounds.js';

const voters = (p: string, n: number) => Array.from({ length: n }, (_, i) => `ou_${p}${String(i).padStart(3, '0')}`);

/** Tallies as the ballot box would hold them. */
function tally(r: Round, ballots: { group: string; choices: Choices }[]): Tallies {
  const h: Record<string, string> = {};
  for (const b of ballots) {
    for (const f of ballotCounters(r, b.choices, b.group)!) h[f] = String(Number(h[f] ?? 0) + 1);
    h[`n|${b.group}`] = String(Number(h[`n|${b.group}`] ?? 0) + 1);
  }
  return talliesFromHash(h);
}
const many = (n: number, group: string, grade: string, r: Round) => Array.from({ length: n }, () => ({ group, choices: all(r, grade) }));

describe('rounds', () => {
  it('default round from the campaign: team + leaders, four winds + overall, groups with weights, default group', () => {
    const c = campaign(4, [{ key: 'team', name: '班子成员', weight: 0.3, users: ['ou_leader_0', 'ou_leader_1'] },
      { key: 'cadres', name: '机关干部', weight: 0.7, users: voters('m', 5) }], [...voters('m', 5), 'ou_x1']);
    const r = round(c);
    expect(r.subjects.map((s) => s.label)).toEqual(['领导班子', '领导0（副主席）', '领导1（副主席）', '领导2（副主席）', '领导3（副主席）']);
    expect(r.subjects[1].key).toBe(leaderSubjectKey('ou_leader_0'));
    expect(r.subjects[1].key).not.toContain('ou_');
    expect(r.dimensions.map((d) => d.label)).toEqual(['形式主义', '官僚主义', '享乐主义', '奢靡之风', '总体评价']);
    expect(r.scale.map((g) => [g.label, g.points])).toEqual([['好', 100], ['较好', 80], ['一般', 60], ['差', 0]]);
    expect(r.groups.map((g) => g.key)).toEqual(['team', 'cadres', DEFAULT_GROUP]);
    expect(r.electorate).toHaveLength(8);
    expect(r.voterGroups)
      .toEqual({ ou_leader_0: 'team', ou_leader_1: 'team', ...Object.fromEntries(voters('m', 5).map((u) => [u, 'cadres'])) });
    expect(r).toMatchObject({ status: 'draft', k: 5, paper: false });
    const s = round(c, { kind: 'satisfaction', subjectKeys: ['team'] });
    expect(s.subjects).toEqual([{ key: 'team', label: '领导班子' }]);
    expect(s.scale.map((g) => g.label)).toEqual(['满意', '基本满意', '不满意']);
    expect(s.positive).toEqual(['sat', 'basic']);
  });

  it('k is at least 3; ids are random', () => {
    expect(() => round(campaign(1, []), { k: 2 })).toThrow();
    expect(round(campaign(1, []), { k: 3 }).k).toBe(3);
    const ids = new Set(Array.from({ length: 200 }, newRoundId));
    expect(ids.size).toBe(200);
    expect(roundSchema.safeParse({ ...round(campaign(1, [])), positive: ['good', 'fair', 'average', 'poor'] }).success).toBe(false);
  });
});

describe('results', () => {
  const c = campaign(1, [
    { key: 'a', name: 'A', weight: 0.4, users: [] }, { key: 'b', name: 'B', weight: 0.6, users: [] }, { key: 'c', name: 'C', users: [] },
  ]);
  const r = { ...round(c, { k: 3 }), dimensions: [{ key: 'formalism', label: '形式主义' }, { key: 'overall', label: '总体评价' }] };

  it('equal a hand computation for a small electorate (weighted beside unweighted)', () => {
    const ballot = (grades: string[]) =>
      Object.fromEntries(cellsOf(r).map((x, i) => [`${x.subject.key}|${x.dimension.key}`, grades[i % grades.length]]));
    // cells in order: team|formalism, team|overall, l…|formalism, l…|overall; each ballot's grades repeat over them.
    const ballots = [
      { group: 'a', choices: ballot(['good']) }, { group: 'a', choices: ballot(['good']) },
      { group: 'a', choices: ballot(['fair']) }, { group: 'a', choices: ballot(['poor']) },
      { group: 'b', choices: ballot(['good']) }, { group: 'b', choices: ballot(['fair']) }, { group: 'b', choices: ballot(['fair']) },
      { group: 'b', choices: ballot(['average']) }, { group: 'b', choices: ballot(['average']) },
    ];
    const res = computeResults(r, tally(r, ballots));
    expect(res.ballots).toBe(9);
    const row = rowOf(res, 'team', 'formalism')!;
    expect(row.cells.a)
      .toEqual({ shown: true, stats: { counts: { good: 2, fair: 1, average: 0, poor: 1 }, valid: 4, rate: 0.75, mean: 70 } });
    expect(row.cells.b)
      .toEqual({ shown: true, stats: { counts: { good: 1, fair: 2, average: 2, poor: 0 }, valid: 5, rate: 0.6, mean: 76 } });
    expect(row.cells.c).toEqual({ shown: false, reason: 'empty' });
    expect(row.total.shown && row.total.stats.valid).toBe(9);
    expect(row.total.shown && row.total.stats.rate).toBeCloseTo(6 / 9, 12);
    expect(row.total.shown && row.total.stats.mean).toBeCloseTo(660 / 9, 12);
    // 0.4 × 70 + 0.6 × 76 (C has no weight and the others use all of it).
    expect(row.weighted!.score).toBeCloseTo(73.6, 12);
    expect(row.weighted!.rate).toBeCloseTo(0.66, 12);
    expect(row.weighted!.partial).toBe(false);
    expect(res.bySubject.team!.rate).toBeCloseTo(6 / 9, 12);
    expect(res.overall!.valid).toBe(36);
  });

  const row = (sizes: Record<string, number>, k = 5) => {
    const ballots = Object.entries(sizes).flatMap(([g, n]) => many(n, g, 'good', r));
    return rowOf(computeResults(r, tally(r, ballots), { k }), 'team', 'formalism')!;
  };
  const state = (f: { shown: boolean; reason?: string }) => (f.shown ? 'shown' : (f as { reason: string }).reason);

  it('suppresses cells under k and, when one cell alone is suppressed, the next smallest too', () => {
    const x = row({ a: 2, b: 6, c: 10 });
    expect([state(x.cells.a), state(x.cells.b), state(x.cells.c), state(x.total)]).toEqual(['small', 'complementary', 'shown', 'shown']);
    const two = row({ a: 2, b: 10 });
    expect([state(two.cells.a), state(two.cells.b), state(two.total)]).toEqual(['small', 'complementary', 'shown']);
  });

  it('only one group: suppressed with its total when under k, shown otherwise', () => {
    const small = row({ a: 3 });
    expect([state(small.cells.a), state(small.cells.b), state(small.total)]).toEqual(['small', 'empty', 'small']);
    const fine = row({ a: 7 });
    expect([state(fine.cells.a), state(fine.total)]).toEqual(['shown', 'shown']);
  });

  it('suppressed cells that together hold fewer than k pull in another cell', () => {
    const x = row({ a: 1, b: 2, c: 10 });
    expect([state(x.cells.a), state(x.cells.b), state(x.cells.c), state(x.total)]).toEqual(['small', 'small', 'complementary', 'shown']);
    const y = row({ a: 3, b: 4, c: 10 });
    expect([state(y.cells.a), state(y.cells.b), state(y.cells.c)]).toEqual(['small', 'small', 'shown']);
  });

  it('never leaves a suppressed cell derivable by subtraction (random rows)', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 300; i++) {
      const k = 3 + rnd(4);
      const sizes: Record<string, number> = { a: rnd(12), b: rnd(12), c: rnd(12) };
      const x = row(sizes, k);
      const hidden = ['a', 'b', 'c'].filter((g) => !x.cells[g].shown && state(x.cells[g]) !== 'empty');
      for (const g of ['a', 'b', 'c']) if (sizes[g] > 0 && sizes[g] < k) expect(x.cells[g].shown).toBe(false);
      const n = sizes.a + sizes.b + sizes.c;
      if (n < k) expect(x.total.shown).toBe(false);
      if (x.total.shown && hidden.length) {
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((m, g) => m + sizes[g], 0)).toBeGreaterThanOrEqual(k);
      }
    }
  });

  it('weighted scores use only shown cells; no weights configured → none', () => {
    const ballots = [...many(2, 'a', 'poor', r), ...many(6, 'b', 'good', r), ...many(10, 'c', 'fair', r)];
    const x = rowOf(computeResults(r, tally(r, ballots)), 'team', 'formalism')!;
    expect(state(x.cells.a)).toBe('small');
    expect(state(x.cells.b)).toBe('complementary');
    // Only C is shown; A and B are left out even though they carry the configured weights.
    expect(effectiveWeights(r.groups).weights).toEqual({ a: 0.4, b: 0.6, c: 0, [DEFAULT_GROUP]: 0 });
    expect(x.weighted).toBeNull();
    const r2 = { ...r, groups: r.groups.map((g) => (g.key === 'a' ? { ...g, weight: 0.3 } : g.key === 'b' ? { ...g, weight: 0.3 } : g)) };
    expect(effectiveWeights(r2.groups).weights).toEqual({ a: 0.3, b: 0.3, c: 0.2, [DEFAULT_GROUP]: 0.2 });
    const y = rowOf(computeResults(r2, tally(r2, ballots)), 'team', 'formalism')!;
    expect(y.weighted).toEqual({ score: 80, rate: 1, partial: true });
    const unweighted = { ...r, groups: r.groups.map(({ weight: _w, ...g }) => g) };
    const z = computeResults(unweighted, tally(unweighted, ballots));
    expect(z.weightsUsed).toBe(false);
    expect(z.rows.every((q) => q.weighted === null)).toBe(true);
  });

  it('compareRounds gives the change per subject per dimension, n/a where suppressed', () => {
    const base = computeResults(r, tally(r, [...many(5, 'a', 'fair', r), ...many(5, 'b', 'average', r)]));
    const cur = computeResults(r, tally(r, [...many(5, 'a', 'good', r), ...many(5, 'b', 'fair', r)]));
    const cmp = compareRounds(cur, base);
    const x = cmp.rows.find((q) => q.subject === 'team' && q.dimension === 'formalism')!;
    expect(x.rate!.current).toBe(1);
    expect(x.rate!.baseline).toBe(0.5);
    expect(x.rate!.delta).toBeCloseTo(0.5);
    expect(x.score!.delta).toBeCloseTo(90 - 70);
    expect(cmp.bySubject.team!.delta).toBeCloseTo(0.5);
    const tiny = computeResults(r, tally(r, many(2, 'a', 'good', r)));
    expect(compareRounds(tiny, base).rows.every((q) => q.rate === null && q.score === null)).toBe(true);
    expect(() => compareRounds(cur, { ...base, kind: 'satisfaction' })).toThrow(RangeError);
  });

  it('satisfactionVerdict: met, continue (overall or an item), insufficient', () => {
    const s = round(c, { kind: 'satisfaction', k: 3 });
    const target = { overall: 0.9, perItem: 0.8 };
    expect(satisfactionVerdict(computeResults(s, tally(s, many(10, 'a', 'basic', s))), target).verdict).toBe('met');
    const low = satisfactionVerdict(computeResults(s, tally(s, [...many(7, 'a', 'sat', s), ...many(3, 'b', 'unsat', s)])), target);
    expect(low).toMatchObject({ verdict: 'continue', overallBelow: true });
    expect(low.failing).toHaveLength(s.subjects.length * s.dimensions.length);
    const ch = cellsOf(s).map((x) => `${x.subject.key}|${x.dimension.key}`);
    const oneBad = (g: string) => Object.fromEntries(ch.map((k, i) => [k, i === 0 ? 'unsat' : g]));
    const item = satisfactionVerdict(computeResults(s, tally(s, [
      ...Array.from({ length: 3 }, () => ({ group: 'a', choices: oneBad('sat') })), ...many(7, 'a', 'sat', s),
    ])), target);
    expect(item.verdict).toBe('continue');
    expect(item.overallBelow).toBe(false);
    expect(item.failing).toEqual([{ subject: 'team', dimension: 'overall', rate: 0.7 }]);
    expect(satisfactionVerdict(computeResults(s, tally(s, many(2, 'a', 'sat', s))), target).verdict).toBe('insufficient');
  });
});

describe('paper tallies and the round form', () => {
  const r = round(campaign(4, [{ key: 'team', name: '班子成员', users: [] }, { key: 'cadres', name: '机关干部', users: [] }]), { paper: true });

  it('parses a page of "12 5 3 0" inputs and checks that each group sums the same', () => {
    const p = paperPages(r)[0];
    const form = {
      [paperField(p.cells[0].index, 0)]: '3 1 0 0', [paperField(p.cells[0].index, 1)]: '5，3、1/1',
      [paperField(p.cells[1].index, 0)]: ' 2 2 0 0 ',
    };
    const res = parsePaperPage(r, 0, form);
    expect(res).toMatchObject({ ok: true });
    if (!res?.ok) return;
    expect(res.entries).toHaveLength(3);
    expect(res.entries[1])
      .toEqual({ subject: 'team', dimension: 'formalism', group: 'cadres', counts: { good: 5, fair: 3, average: 1, poor: 1 } });
    expect(checkPaperTallies(r, res.entries)).toEqual([]);
    expect(paperBallots(res.entries)).toEqual({ team: 4, cadres: 10 });
    expect(parsePaperPage(r, 0, { [paperField(0, 0)]: '1 2 3' })).toMatchObject({ ok: false, bad: [{ group: 'team' }] });
    expect(parsePaperPage(r, 0, { [paperField(0, 0)]: '-1 2 3 4' })).toMatchObject({ ok: false });
    expect(parsePaperPage(r, 99, {})).toBeNull();
    const uneven = [res.entries[0], { ...res.entries[2], counts: { good: 2, fair: 2, average: 1, poor: 0 } }];
    expect(checkPaperTallies(r, uneven)).toEqual([{ code: 'sum', group: 'team' }]);
    expect(checkPaperTallies(r, [{ ...res.entries[0], counts: { good: 1.5, fair: 0, average: 0, poor: 0 } }])[0].code).toBe('count');
    expect(checkPaperTallies(r, [{ ...res.entries[0], group: 'nobody' }])[0].code).toBe('unknown');
    expect(checkPaperTallies(r, [res.entries[0], res.entries[0]])[0].code).toBe('duplicate');
    expect(checkPaperTallies(r, [])).toEqual([{ code: 'empty' }]);
  });

  it('parses the new-round form', () => {
    const opts = {
      now: NOW, timeZone: 'Asia/Shanghai', subjectKeys: r.subjects.map((s) => s.key),
      baselines: [{ id: 'base0001', kind: 'democratic' as const, status: 'closed' as const }],
    };
    const ok = parseRoundForm({
      [ROUND_FORM.title]: ' 第二次测评 ', [ROUND_FORM.kind]: 'democratic', [ROUND_FORM.mode]: 'electronic',
      [ROUND_FORM.closes]: '2027-03-05 +0800', [ROUND_FORM.baseline]: 'base0001', [ROUND_FORM.k]: '6',
      [ROUND_FORM.subjects]: ['team', r.subjects[2].key],
    }, opts);
    expect(ok).toEqual({ ok: true, value: { title: '第二次测评', kind: 'democratic', paper: false, closesAt: Date.UTC(2027, 2, 5, 10, 0), k: 6,
      subjectKeys: ['team', r.subjects[2].key], baselineRoundId: 'base0001' } });
    const bad = parseRoundForm({ [ROUND_FORM.title]: '', [ROUND_FORM.kind]: 'x', [ROUND_FORM.closes]: '2027-02-01 +0800',
      [ROUND_FORM.k]: '2',
      [ROUND_FORM.subjects]: ['nobody'], [ROUND_FORM.baseline]: 'zzzzzzzz' }, opts);
    expect(bad).toEqual({ ok: false, errors: ['title', 'kind', 'closes', 'k', 'subjects', 'baseline'] });
    expect(closeInstant('2027-03-05', 'Asia/Shanghai')).toBe(Date.UTC(2027, 2, 5, 10, 0));
    expect(closeInstant('2027-07-05', 'Europe/Berlin')).toBe(Date.UTC(2027, 6, 5, 16, 0));
    expect(closeInstant('2027-02-30 +0800', 'Asia/Shanghai')).toBeUndefined();
  });
});
