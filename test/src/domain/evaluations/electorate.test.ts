import { describe, expect, it } from 'vitest';
import { byGroup, electorateOf, withGroup } from '../../../../src/domain/evaluations/electorate.js';
import { belowKHints } from '../../../../src/domain/evaluations/hints.js';
import { computeResults } from '../../../../src/domain/evaluations/results.js';
import { DEFAULT_GROUP, counterField } from '../../../../src/domain/evaluations/round.js';
import { campaign, round } from '../../../helpers/evaluation-rounds.js';

describe('the electorate of a round', () => {
  it('is the union of the rater groups, a person in two groups counted in the first listed', () => {
    const v = electorateOf([{ key: 'team', users: ['ou_a', 'ou_b'] }, { key: 'cadres', users: ['ou_b', 'ou_c'] }], ['ou_m']);
    expect(v).toEqual({ ou_a: 'team', ou_b: 'team', ou_c: 'cadres' });
  });

  it('is the members, in the default group, only when the file has no rater groups', () => {
    expect(electorateOf([], ['ou_m', 'ou_n'])).toEqual({ ou_m: DEFAULT_GROUP, ou_n: DEFAULT_GROUP });
  });

  it('is shown by group, and a group can be left out of one round and put back', () => {
    const r = round(campaign(1, [{ key: 'team', name: '班子成员', weight: 0.3, users: [] }, { key: 'cadres', name: '机关干部', users: [] }]));
    const file = { ou_a: 'team', ou_b: 'cadres', ou_c: 'cadres' };
    expect(byGroup(file, r.groups).map((g) => [g.key, g.people])).toEqual([
      ['team', ['ou_a']], ['cadres', ['ou_b', 'ou_c']], [DEFAULT_GROUP, []]]);
    const without = withGroup({ ...file, ou_x: 'team' }, {}, 'team', false);
    expect(without).toEqual({ ou_b: 'cadres', ou_c: 'cadres' });
    expect(withGroup(without, file, 'team', true)).toEqual({ ou_b: 'cadres', ou_c: 'cadres', ou_a: 'team' });
  });
});

describe('below-k hints', () => {
  const c = campaign(1, [
    { key: 'team', name: '班子成员', weight: 0.3, users: [] }, { key: 'cadres', name: '机关干部', weight: 0.5, users: [] },
    { key: 'retired', name: '离退休干部', weight: 0.2, users: [] },
  ]);
  const r = round(c, { k: 5 });
  /** `n` ballots of group `g`, all 好. */
  const tallies = (ballots: Record<string, number>) => {
    const counts: Record<string, number> = {};
    for (const [g, n] of Object.entries(ballots)) {
      for (const s of r.subjects) for (const d of r.dimensions) counts[counterField(s.key, d.key, 'good', g)] = n;
    }
    return { counts, ballots };
  };

  it('say how many more ballots would show a small group, and only name the groups a complementary one waits for', () => {
    const ballots = { team: 3, cadres: 9, retired: 12 };
    const res = computeResults(r, tallies(ballots));
    const hints = belowKHints(res, ballots, { team: 10, cadres: 10, retired: 20 });
    expect(hints).toEqual([
      { kind: 'more', group: 'team', need: 2 },
      { kind: 'complementary', group: 'cadres', waitingFor: ['team'] },
    ]);
    // Nothing in a hint is a grade: the hidden cells' counts appear nowhere in it.
    expect(JSON.stringify(hints)).not.toMatch(/good|fair|average|poor/);
  });

  it('call a group with fewer voters than k too small, without its ballot count', () => {
    const ballots = { team: 2, cadres: 9, retired: 12 };
    const hints = belowKHints(computeResults(r, tallies(ballots)), ballots, { team: 4, cadres: 10, retired: 20 });
    expect(hints[0]).toEqual({ kind: 'tooFew', group: 'team', people: 4, k: 5 });
    expect(JSON.stringify(hints)).not.toContain('"need":3');
  });

  it('give the total when the whole round is below k, and nothing when everything shows', () => {
    const few = { team: 0, cadres: 3, retired: 0 };
    expect(belowKHints(computeResults(r, tallies(few)), few)).toEqual([
      { kind: 'more', group: 'cadres', need: 2 }, { kind: 'total', need: 2 }]);
    const many = { team: 5, cadres: 9, retired: 12 };
    expect(belowKHints(computeResults(r, tallies(many)), many, { team: 5, cadres: 10, retired: 20 })).toEqual([]);
  });
});
