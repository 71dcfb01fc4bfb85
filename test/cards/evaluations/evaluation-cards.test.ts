import { beforeAll, describe, expect, it } from 'vitest';
import { parseCardAction } from '../../../cards/actions.js';
import { paperTallyCard, roundAdminCard, roundsListCard } from '../../../cards/evaluations/admin.js';
import { resultsCard } from '../../../cards/evaluations/results.js';
import { formBallotCard, openRoundsCard, votedCard } from '../../../cards/evaluations/ballot.js';
import { cardBytes, validateCard } from '../../../cards/validate.js';
import type { Card } from '../../../cards/types.js';
import { loadCampaignFile, resolveCampaign, type ResolvedCampaign } from '../../../src/campaign.js';
import { ballotPages, cellsOf } from '../../../src/domain/evaluations/ballot.js';
import { paperPages } from '../../../src/domain/evaluations/paper.js';
import { compareRounds, computeResults, satisfactionVerdict } from '../../../src/domain/evaluations/results.js';
import {
  ballotCounters, defaultRound, subjectOptions, talliesFromHash, type Choices, type Round, type RoundMeta, type Tallies,
} from '../../../src/domain/evaluations/round.js';

const CAMPAIGN_PATH = new URL('../../../campaign.example.json', import.meta.url).pathname;
const NOW = Date.UTC(2027, 2, 1, 2, 0);
const HOSTILE = ['<at id=all></at>', '[x](https://evil)', '**粗体** `code`', '\u202Eevil'];
let example: ResolvedCampaign;
let big: Pick<ResolvedCampaign, 'leaders' | 'members' | 'raterGroups'>;

beforeAll(async () => {
  example = await resolveCampaign(
    await loadCampaignFile(CAMPAIGN_PATH), { resolveIds: async () => ({ byEmail: new Map(), byMobile: new Map() }) },
  );
  big = {
    leaders: Array.from({ length: 9 }, (_, i) => ({ openId: `ou_leader_${i}`, name: `${HOSTILE[i % 4]}领导${i}`, title: '副主席兼党组成员' })),
    members: { users: [], chats: [] },
    raterGroups: [{ key: 'team', name: '班子成员', weight: 0.2, members: { users: [], chats: [] } },
      { key: 'cadres', name: '机关干部', weight: 0.5, members: { users: [], chats: [] } },
      { key: 'units', name: '基层工会', weight: 0.3, members: { users: [], chats: [] } }],
  };
});

const round = (
  c: Pick<ResolvedCampaign, 'leaders' | 'members' | 'raterGroups'>, over: Partial<Parameters<typeof defaultRound>[1]> = {},
): Round =>
  defaultRound(c, {
    id: 'round0001', title: '第一次民主测评', kind: 'democratic', closesAt: NOW + 86_400_000, createdBy: 'ou_admin_liu', now: NOW, ...over,
  });

function tally(r: Round, groups: Record<string, number>, grade: (i: number, cell: number) => number): Tallies {
  const h: Record<string, string> = {};
  let i = 0;
  for (const [group, n] of Object.entries(groups)) {
    for (let b = 0; b < n; b++, i++) {
      const choices: Choices = Object.fromEntries(
        cellsOf(r).map((c) => [`${c.subject.key}|${c.dimension.key}`, r.scale[grade(i, c.index) % r.scale.length].key]),
      );
      for (const f of ballotCounters(r, choices, group)!) h[f] = String(Number(h[f] ?? 0) + 1);
      h[`n|${group}`] = String(Number(h[`n|${group}`] ?? 0) + 1);
    }
  }
  return talliesFromHash(h);
}

function walk(v: unknown, f: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(v)) v.forEach((x) => walk(x, f));
  else if (typeof v === 'object' && v !== null) {
    f(v as Record<string, unknown>);
    Object.values(v).forEach((x) => walk(x, f));
  }
}
const find = (c: Card, tag: string) => {
  const out: Record<string, unknown>[] = [];
  walk(c, (o) => { if (o.tag === tag) out.push(o); });
  return out;
};
const actionsOf = (c: Card) => find(c, 'button').flatMap((b) => ((b.behaviors as { type: string; value?: unknown }[] | undefined) ?? [])
  .filter((x) => x.type === 'callback').map((x) => parseCardAction(x.value)));
const markdown = (c: Card) => find(c, 'markdown').map((m) => String(m.content)).join('\n');
const valid = (c: Card) => expect(validateCard(c)).toEqual([]);

describe('ballot cards', () => {
  it.each([
    ['example', () => round(example)], ['10 × 5, hostile names', () => round(big)],
  ])('%s: every form page (shared or older ballots) is valid, one required select per cell, value carries prior', (_n, make) => {
    const r = make();
    const pages = ballotPages(r);
    let prior = '';
    for (const p of pages) {
      const c = formBallotCard(r, p.index, prior);
      valid(c);
      const selects = find(c, 'select_static');
      expect(selects.map((s) => s.name)).toEqual(p.cells.map((x) => `c${x.index}`));
      expect(selects.every((s) => s.required === true)).toBe(true);
      expect(actionsOf(c)).toEqual([{ v: 1, a: 'ev.vote', round: r.id, page: p.index, prior }]);
      const text = JSON.stringify(c);
      expect(text).toContain('活动办和领导都看不到您的选择');
      expect(text).toContain('提交后不能修改');
      for (const h of HOSTILE) expect(markdown(c)).not.toContain(h);
      prior += '1'.repeat(p.cells.length);
    }
    expect(() => formBallotCard(r, pages.length, prior)).toThrow(RangeError);
  });

  it('votedCard thanks the voter without the choices; openRoundsCard lists ballots to open', () => {
    const r = round(example);
    const c = votedCard(r);
    valid(c);
    const text = JSON.stringify(c);
    for (const w of ['较好', '一般', '形式主义', '官僚主义']) expect(text).not.toContain(w);
    const list = openRoundsCard([r, round(example, { id: 'round0002', kind: 'satisfaction' })]);
    valid(list);
    expect(actionsOf(list)).toEqual([{ v: 1, a: 'ev.ballot', round: 'round0001' }, { v: 1, a: 'ev.ballot', round: 'round0002' }]);
    valid(openRoundsCard([]));
  });
});

describe('admin cards', () => {
  const meta = (r: Round, over: Partial<RoundMeta>): RoundMeta => {
    const { electorate: _e, voterGroups: _g, ...m } = r;
    return { ...m, ...over };
  };

  it('roundAdminCard: the create form, with and without errors', () => {
    const base = meta(round(example), { status: 'closed', title: HOSTILE[0] });
    valid(roundAdminCard({ subjects: subjectOptions(example), baselines: [base], campaignName: example.campaign.name }));
    const withErrors = roundAdminCard({
      subjects: subjectOptions(big),
      baselines: Array.from({ length: 30 }, (_, i) => ({ ...base, id: `base${String(i).padStart(4, '0')}` })),
      errors: ['title', 'closes', 'k', 'subjects'],
    });
    valid(withErrors);
    expect(actionsOf(withErrors)).toEqual([{ v: 1, a: 'ev.create' }]);
  });

  it('roundsListCard: turnout as numbers and the actions of each status', () => {
    const r = round(example);
    const rounds = [meta(r, { status: 'draft' }), meta(r, { id: 'round0002', status: 'open' }),
      meta(r, { id: 'round0003', status: 'closed' }), meta(r, { id: 'round0004', status: 'draft', paper: true })];
    const c = roundsListCard(rounds, { round0002: { voted: 7, electorate: 12 } });
    valid(c);
    expect(JSON.stringify(c)).toContain('已投 7 / 12 人');
    expect(actionsOf(c).map((a) => a && `${a.a}${'round' in a ? `:${a.round}` : ''}`)).toEqual([
      'ev.open:round0001', 'ev.voters:round0001', 'ev.remind:round0002', 'ev.close:round0002', 'ev.voters:round0002',
      'ev.results:round0003', 'ev.voters:round0003', 'ev.paper:round0004', 'ev.close:round0004', 'ev.new', 'ev.outreachNew']);
    // 开始, 提前结束 and 完成录入 each ask for a confirmation that says what will happen.
    expect(find(c, 'button').filter((b) => b.confirm)).toHaveLength(3);
    expect(JSON.stringify(c)).toContain('目前已有 7 / 12 人提交。结束后不再接受测评票');
    valid(roundsListCard(
      Array.from({ length: 20 }, (_, i) => meta(r, { id: `round${String(i).padStart(4, '0')}`, title: HOSTILE[i % 4] })), {},
    ));
    valid(roundsListCard([], {}));
  });

  it.each([
    ['example', () => round(example, { paper: true })], ['10 × 5 × 4 groups', () => round(big, { paper: true })],
  ])('paperTallyCard %s: every page valid', (_n, make) => {
    const r = make();
    const pages = paperPages(r);
    for (const p of pages) {
      const c = paperTallyCard(r, p.index, { bad: [{ cell: p.cells[0], group: r.groups[0].key }], mismatch: true });
      valid(c);
      expect(find(c, 'input')).toHaveLength(p.cells.length * r.groups.length);
      expect(actionsOf(c)).toEqual([{ v: 1, a: 'ev.paperSave', round: r.id, page: p.index }, { v: 1, a: 'ev.list' }]);
    }
  });
});

describe('results card', () => {
  it('example: the small 班子成员 group reads 样本不足, its complement is hidden, totals shown', () => {
    const r = round(example);
    const res = computeResults(r, tally(r, { team: 4, cadres: 8 }, (i, c) => i + c));
    const c = resultsCard(r, res);
    valid(c);
    const text = JSON.stringify(c);
    expect(text).toContain('样本不足');
    expect(text).toContain('已隐藏');
    expect(find(c, 'chart').length).toBeLessThanOrEqual(5);
    expect(find(c, 'table')).toHaveLength(2); // every row, and by group
    for (const h of HOSTILE) expect(markdown(c)).not.toContain(h);
    // The team group's cells are suppressed: no figure of theirs is on the card.
    const byGroup = find(c, 'table')[1].rows as Record<string, string>[];
    expect(new Set(byGroup.map((row) => row.p0))).toEqual(new Set(['样本不足']));
    expect(new Set(byGroup.map((row) => row.p1))).toEqual(new Set(['已隐藏']));
  });

  it('10 × 5 with three groups, a baseline and weights stays valid and under the size limit', () => {
    const r = round(big);
    const base = computeResults(r, tally(r, { team: 6, cadres: 30, units: 12 }, (i, c) => i * 3 + c));
    const cur = computeResults(r, tally(r, { team: 3, cadres: 40, units: 20 }, (i, c) => i + c * 2));
    const c = resultsCard(r, cur, { comparison: compareRounds(cur, base), baselineTitle: HOSTILE[1] });
    valid(c);
    // Lark counts the request, where the card JSON is escaped once more.
    expect(cardBytes(JSON.stringify(c))).toBeLessThan(28 * 1024);
    expect(find(c, 'chart')).toHaveLength(4);
    expect(JSON.stringify(c)).toContain('样本不足');
    expect(JSON.stringify(c)).toContain('各群体');
    expect(find(c, 'table')).toHaveLength(2); // every row and the change; the by-group detail left out
  });

  it('satisfaction verdict and nothing to show', () => {
    const s = round(example, { kind: 'satisfaction' });
    const res = computeResults(s, tally(s, { cadres: 8 }, (i) => (i < 6 ? 0 : 2)));
    const c = resultsCard(s, res, { verdict: satisfactionVerdict(res, example.campaign.satisfactionTarget) });
    valid(c);
    expect(JSON.stringify(c)).toContain('继续整改');
    expect(JSON.stringify(c)).toContain('满意率');
    const none = computeResults(s, tally(s, { team: 2 }, () => 0));
    const empty = resultsCard(s, none, { verdict: satisfactionVerdict(none, example.campaign.satisfactionTarget) });
    valid(empty);
    expect(find(empty, 'chart')).toHaveLength(0);
  });
});
