import { describe, expect, it } from 'vitest';
import { channelSource, channelVerdicts, combineChannels, weightedVerdict } from '../../../../src/domain/evaluations/channels.js';
import { computeResults, satisfactionVerdict } from '../../../../src/domain/evaluations/results.js';
import { counterField, type Round, type Tallies } from '../../../../src/domain/evaluations/round.js';
import { campaign, round } from '../../../helpers/evaluation-rounds.js';

const TARGET = { overall: 0.9, perItem: 0.8 };

/** A satisfaction round of one subject (领导班子) and the four default items, rated by 机关干部 and 服务对象. */
function satisfaction(weights?: { cadres: number; served: number }): Round {
  const c = campaign(0, [
    { key: 'cadres', name: '机关干部', users: [], ...(weights ? { weight: weights.cadres } : {}) },
    { key: 'served', name: '服务对象', users: [], ...(weights ? { weight: weights.served } : {}) },
  ]);
  return round(c, { title: '满意度测评', kind: 'satisfaction' });
}

/** A channel's box: per group, ballots graded the same on every item (grade → ballots). */
function box(r: Round, votes: Record<string, Record<string, number>>): Tallies {
  const counts: Record<string, number> = {};
  const ballots: Record<string, number> = {};
  for (const [group, grades] of Object.entries(votes)) {
    for (const [grade, n] of Object.entries(grades)) {
      ballots[group] = (ballots[group] ?? 0) + n;
      for (const s of r.subjects) for (const d of r.dimensions) counts[counterField(s.key, d.key, grade, group)] = n;
    }
  }
  return { counts, ballots };
}

const ITEM = (r: Round) => ({ subject: r.subjects[0].key, dimension: r.dimensions[0].key });

describe('a round counted over its channels (members in Lark, outreach links, paper)', () => {
  const r = satisfaction();
  const lark = box(r, { cadres: { sat: 5, unsat: 1 } });
  const linkA = box(r, { served: { unsat: 2 } });
  const linkB = box(r, { served: { sat: 4, basic: 1 } });
  const combined = combineChannels(r, [
    { channel: 'lark', tallies: lark }, { channel: 'link-AAAAAAAAAAAA', tallies: linkA }, { channel: 'link-BBBBBBBBBBBB', tallies: linkB },
  ]);

  it('gives each channel its own results at the round\'s k: the link with 2 ballots shows nothing', () => {
    expect(combined.channels.map((c) => c.ballots)).toEqual([6, 2, 5]);
    const a = combined.channels[1].results.rows[0];
    expect(a.cells.served).toEqual({ shown: false, reason: 'small' });
    expect(a.total).toEqual({ shown: false, reason: 'small' });
    expect(combined.channels[2].results.rows[0].cells.served).toMatchObject({ shown: true, stats: { valid: 5 } });
  });

  it('pools a channel\'s cell only where its own results show it: the small link is neither shown nor derivable', () => {
    const { subject, dimension } = ITEM(r);
    // 服务对象 pooled = link B alone (4 满意, 1 基本满意); link A's 2 不满意 never join.
    for (const g of ['sat', 'basic', 'unsat']) {
      expect(combined.pooled.counts[counterField(subject, dimension, g, 'served')] ?? 0)
        .toBe(linkB.counts[counterField(subject, dimension, g, 'served')] ?? 0);
    }
    const row = combined.results.rows[0];
    expect(row.cells.served).toMatchObject({ shown: true, stats: { valid: 5, counts: { sat: 4, basic: 1, unsat: 0 } } });
    expect(row.cells.cadres).toMatchObject({ shown: true, stats: { valid: 6, counts: { sat: 5, basic: 0, unsat: 1 } } });
    // Row total: 11 valid, 9 满意 + 1 基本满意 + 1 不满意 → 10/11.
    expect(row.total).toMatchObject({ shown: true, stats: { valid: 11, counts: { sat: 9, basic: 1, unsat: 1 } } });
    // Every combined figure minus the shown channels' figures is zero: nothing of link A follows by subtraction.
    const shownSum = (g: string) => [combined.channels[0], combined.channels[2]]
      .map((c) => c.results.rows[0].cells.served).reduce((n, f) => n + (f.shown ? f.stats.counts[g] : 0), 0);
    for (const g of ['sat', 'basic', 'unsat']) expect(row.cells.served.shown && row.cells.served.stats.counts[g]).toBe(shownSum(g));
    // Turnout counts every ballot: 6 + 2 + 5.
    expect(combined.results.ballots).toBe(13);
  });

  it('judges the round from all channels, and each channel on its own (unweighted: satisfactionVerdict)', () => {
    const v = channelVerdicts(r, combined, TARGET);
    expect(v.overall).toMatchObject({ verdict: 'met', overallBelow: false, failing: [] });
    expect(v.overall.overall).toBeCloseTo(10 / 11, 12);
    expect(v.channels.map((c) => [c.channel, c.ballots, c.verdict.verdict])).toEqual([
      ['lark', 6, 'continue'], ['link-AAAAAAAAAAAA', 2, 'insufficient'], ['link-BBBBBBBBBBBB', 5, 'met'],
    ]);
    expect(v.channels[0].verdict.overall).toBeCloseTo(5 / 6, 12); // below 0.9 overall; each item 0.833 ≥ 0.8
    expect(v.channels[0].verdict.failing).toEqual([]);
    expect(v.channels[2].verdict.overall).toBe(1);
  });

  it('with one channel holding ballots, uses its tallies as they are (a round voted only in Lark reads as before)', () => {
    const only = box(r, { cadres: { sat: 6 }, _other: { unsat: 2 } });
    const empty = { counts: {}, ballots: {} };
    const c = combineChannels(r, [{ channel: 'lark', tallies: only }, { channel: 'link-AAAAAAAAAAAA', tallies: empty }]);
    expect(c.pooled).toBe(only);
    expect(c.results).toEqual(computeResults(r, only, { k: r.k }));
    expect(channelVerdicts(r, c, TARGET).overall).toEqual(satisfactionVerdict(c.results, TARGET));
  });

  it('names each channel: members in Lark, a link by its visit, paper tallies', () => {
    const links = [{ id: 'AAAAAAAAAAAA', contact: '某某街道', day: '2027-09-10' }];
    expect(channelSource('lark', links)).toEqual({ kind: 'lark' });
    expect(channelSource('paper', links)).toEqual({ kind: 'paper' });
    expect(channelSource('link-AAAAAAAAAAAA', links)).toEqual({ kind: 'link', contact: '某某街道', day: '2027-09-10' });
    expect(channelSource('link-BBBBBBBBBBBB', links)).toEqual({ kind: 'link' });
  });
});

describe('the verdict weighted by rater group', () => {
  it('a group with low rates moves the verdict as its weight says (0.6 / 0.4: 服务对象 all 不满意 → 继续整改)', () => {
    const tallies = (x: Round) => [
      { channel: 'lark', tallies: box(x, { cadres: { sat: 50 } }) },
      { channel: 'link-BBBBBBBBBBBB', tallies: box(x, { served: { unsat: 5 } }) },
    ];
    // Unweighted: 50/55 = 0.909 overall and per item: 达到目标.
    const plain = satisfaction();
    expect(channelVerdicts(plain, combineChannels(plain, tallies(plain)), TARGET).overall.verdict).toBe('met');
    // Weighted: 0.6 × 1 + 0.4 × 0 = 0.6, per item and overall: 继续整改, every item failing.
    const w = satisfaction({ cadres: 0.6, served: 0.4 });
    const v = channelVerdicts(w, combineChannels(w, tallies(w)), TARGET);
    expect(v.overall.verdict).toBe('continue');
    expect(v.overall.overall).toBeCloseTo(0.6, 12);
    expect(v.overall.failing).toHaveLength(4);
    for (const f of v.overall.failing) expect(f.rate).toBeCloseTo(0.6, 12);
    // Each channel weighted over the groups it shows: the link is judged by 服务对象 alone (0 %).
    expect(v.channels.map((c) => [c.verdict.verdict, c.verdict.overall])).toEqual([['met', 1], ['continue', 0]]);
  });

  it('and a group with a small weight barely moves it (0.95 / 0.05: 0.95 → 达到目标, where unweighted 0.5 fails)', () => {
    const w = satisfaction({ cadres: 0.95, served: 0.05 });
    const t = [
      { channel: 'lark', tallies: box(w, { cadres: { sat: 10 } }) }, { channel: 'paper', tallies: box(w, { served: { unsat: 10 } }) },
    ];
    const c = combineChannels(w, t);
    const v = weightedVerdict(w, c.results, TARGET);
    expect(v.verdict).toBe('met');
    expect(v.overall).toBeCloseTo(0.95, 12);
    expect(satisfactionVerdict(c.results, TARGET).verdict).toBe('continue');
  });

  it('a group of weight 0 (其他, when the configured weights sum to 1) does not move the verdict; a group not shown is left out', () => {
    const w = satisfaction({ cadres: 0.6, served: 0.4 });
    const zero = computeResults(w, box(w, { cadres: { sat: 10 }, served: { sat: 10 }, _other: { unsat: 10 } }), { k: w.k });
    expect(zero.groups.find((g) => g.key === '_other')?.effectiveWeight).toBe(0);
    expect(weightedVerdict(w, zero, TARGET)).toMatchObject({ verdict: 'met', overall: 1 });
    expect(satisfactionVerdict(zero, TARGET).overall).toBeCloseTo(2 / 3, 12);
    const t = box(w, { cadres: { sat: 12 }, served: { sat: 2 }, _other: { unsat: 10 } });
    const res = computeResults(w, t, { k: w.k });
    // 服务对象 has 2 ballots: hidden (small), 其他 hidden with it (complementary); 机关干部 alone, renormalised.
    expect(res.rows[0].cells.served).toEqual({ shown: false, reason: 'small' });
    expect(res.rows[0].cells._other).toEqual({ shown: false, reason: 'complementary' });
    const v = weightedVerdict(w, res, TARGET);
    expect(v).toMatchObject({ verdict: 'met', overall: 1, failing: [], unjudged: 0 });
    // Nothing weighted shown at all: not judged.
    const none = computeResults(w, box(w, { _other: { sat: 10 } }), { k: w.k });
    expect(weightedVerdict(w, none, TARGET)).toMatchObject({ verdict: 'insufficient', overall: null, unjudged: 4 });
  });
});
