import { describe, expect, it } from 'vitest';
import { progressCard } from '../../../cards/campaign/progress.js';
import { CARD_LIMITS, cardBytes, validateCard } from '../../../cards/validate.js';
import { audienceOf, phaseNow, progressView } from '../../../src/domain/campaign/progress.js';
import { milestonesOf } from '../../../src/domain/campaign/milestones.js';
import { CAMPAIGN_CASES, progressInput, talkRows } from '../../helpers/card-cases/campaign.js';

const str = (x: unknown) => JSON.stringify(x);
const charts = (x: unknown) => (str(x).match(/"tag":"chart"/g) ?? []).length;

describe('the 进度 dashboard', () => {
  it('is a valid card within the limits, with at most 5 charts, for every view model', () => {
    for (const make of CAMPAIGN_CASES.progressCard!) {
      const card = make();
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_LIMITS.maxBytes);
      expect(charts(card)).toBeLessThanOrEqual(5);
    }
  });

  it('the public view holds no person\'s name and no item; the full view names overdue items and owners', () => {
    const input = progressInput('public', '2027-05-21', 12);
    const pub = str(progressCard(progressView(input)));
    expect(pub).not.toContain('赵钱孙');
    for (const i of input.ledger) expect(pub).not.toContain(`问题${i.seq - 1}`);
    expect(pub).toContain('不显示任何人的姓名');
    const full = progressView(progressInput('full', '2027-05-21', 12));
    expect(full.items.map((i) => i.seq)).toEqual([2, 5, 8, 11]);
    expect(full.items.every((i) => i.overdue && i.ownerName)).toBe(true);
    const leader = progressView(progressInput('leader', '2027-05-21', 12));
    expect(leader.items.map((i) => i.seq)).toEqual([2, 3, 4, 6, 7, 8, 10, 11, 12]);
    expect(leader.items.some((i) => 'ownerName' in i)).toBe(false);
  });

  it('谈心谈话与生活会: counts for all; the full view names overdue talks, a leader their own; the public view no name', () => {
    const pub = progressView(progressInput('public', '2027-05-21', 12));
    expect(pub.talks).toEqual({
      talks: { done: 6, planned: 12, overdue: 6 }, meetings: { held: 1, planned: 3 }, records: { confirmed: 6, total: 12 }, named: [],
    });
    const pubCard = str(progressCard(pub));
    expect(pubCard).toContain('谈心谈话：已谈 6 次，共安排 12 次，其中逾期 6 次。');
    expect(pubCard).toContain('生活会：已召开 1 次，共安排 3 次。');
    expect(pubCard).toContain('会议记录：本人已确认 6 份，共 12 份。');
    expect(pubCard).not.toMatch(/谈话甲|谈话乙|参会/);
    const full = progressView(progressInput('full', '2027-05-21', 30));
    expect(full.talks!.named).toHaveLength(10);
    expect(full.talks!.named.every((x) => x.overdue && x.names.length === 2)).toBe(true);
    expect(str(progressCard(full))).toContain('【逾期】谈话甲0');
    const leader = progressView(progressInput('leader', '2027-05-21', 12));
    expect(leader.talks!.named.map((x) => [x.names[0]!.slice(0, 4), x.state])).toEqual([
      ['谈话乙0', 'planned'], ['谈话乙6', 'planned'], ['谈话乙3', 'done'], ['谈话乙9', 'done'],
    ]);
    expect(str(progressCard(leader))).toContain('与谈话乙3');
    expect(progressView({ ...progressInput('full', '2027-05-21', 0), talks: [], meetings: [] }).talks).toBeUndefined();
    expect(talkRows(3, false).every((x) => !x.aName && !x.bName)).toBe(true);
  });

  it('counts the ledger by status, with the overdue ones', () => {
    expect(progressView(progressInput('public', '2027-05-21', 12)).ledgerCounts)
      .toEqual({ draft: 3, active: 3, review: 3, closed: 3, overdue: 4 });
  });

  it('before the 整改方案 is accepted the public view shows no ledger figure; the leader and full views are unchanged', () => {
    const gated = (a: 'public' | 'leader' | 'full') => ({ ...progressInput(a, '2027-05-21', 12), ledgerPublic: false });
    const pub = progressView(gated('public'));
    expect(pub.ledgerGated).toBe(true);
    expect(pub.ledgerCounts).toEqual({ draft: 0, active: 0, review: 0, closed: 0, overdue: 0 });
    expect(pub.items).toEqual([]);
    expect(pub.lookback).toBeUndefined();
    const card = str(progressCard(pub));
    expect(card).toContain('整改方案审定后公示');
    expect(card).not.toContain('整改中');
    expect(charts(progressCard(pub))).toBe(charts(progressCard(progressView({ ...gated('public'), ledgerPublic: true }))) - 1);
    for (const a of ['leader', 'full'] as const) {
      const v = progressView(gated(a));
      expect(v).toEqual({ ...progressView({ ...gated(a), ledgerPublic: true }), ledgerGated: false });
      expect(str(progressCard(v))).not.toContain('整改方案审定后公示');
    }
  });

  it('counts the 建章立制 register by state; only the full and leader views say how many are overdue', () => {
    const counts = { drafting: 3, review: 3, adopted: 3, abolished: 3 };
    expect(progressView(progressInput('public', '2027-05-21', 12)).rules).toEqual(counts);
    for (const a of ['full', 'leader'] as const) {
      const v = progressView(progressInput(a, '2027-05-21', 12));
      expect(v.rules).toEqual({ ...counts, overdue: 2 });
      expect(str(progressCard(v))).toContain('起草 3 项，审议 3 项，印发 3 项，废止 3 项。');
      expect(str(progressCard(v))).toContain('其中 2 项已超过完成时限');
    }
    const pub = str(progressCard(progressView(progressInput('public', '2027-05-21', 12))));
    expect(pub).toContain('起草 3 项，审议 3 项，印发 3 项，废止 3 项。');
    expect(pub).not.toContain('已超过完成时限');
    // Still shown while the board is gated: the register is not the ledger's items.
    expect(str(progressCard(progressView({ ...progressInput('public', '2027-05-21', 12), ledgerPublic: false })))).toContain('印发 3 项');
    expect(str(progressCard(progressView(progressInput('full', '2027-05-21', 0))))).toContain('还没有登记建章立制事项');
  });

  it('材料报审: the full view counts and names every overdue or returned material with its authors', () => {
    const v = progressView(progressInput('full', '2027-05-21', 12)).materials!;
    expect({ ...v, named: undefined }).toEqual({ due: 4, overdue: 5, returned: 3, accepted: 3, named: undefined });
    expect(v.named.map((x) => x.title.split(' ').at(-1))).toEqual(['材料0', '材料1', '材料2', '材料4', '材料5', '材料6', '材料10']);
    expect(v.named.every((x) => x.authorName)).toBe(true);
    const card = str(progressCard(progressView(progressInput('full', '2027-05-21', 12))));
    expect(card).toContain('7 天内到期 4 份，逾期 5 份，退回修改 3 份，审阅通过 3 份。');
    expect(card).toContain('撰写人：撰写人1');
  });

  it('材料报审: a leader sees their own materials and those waiting for their review, never another leader\'s 对照检查材料', () => {
    const v = progressView(progressInput('leader', '2027-05-21', 12)).materials!;
    expect({ ...v, named: undefined }).toEqual({ due: 1, overdue: 3, returned: 0, accepted: 0, named: undefined });
    // 材料1 and 材料9: 孙's 对照检查材料 waiting for the top leader; 材料5: 孙's, waiting for 赵's review (so named, with its author).
    expect(v.named.map((x) => [x.title.split(' ').at(-1), x.authorName])).toEqual([
      ['材料0', undefined], ['材料4', undefined], ['材料5', '撰写人5'], ['材料8', undefined],
    ]);
    const card = str(progressCard(progressView(progressInput('leader', '2027-05-21', 12))));
    expect(card).toContain('您撰写或待您审阅的材料');
    expect(card).not.toContain('撰写人1');
  });

  it('材料报审: the public view holds no material at all, not a title, not a count', () => {
    const input = progressInput('public', '2027-05-21', 60);
    const v = progressView(input);
    expect(v.materials).toBeUndefined();
    const card = str(progressCard(v));
    for (const s of ['材料报审', '对照检查材料', '实施方案', '撰写人', '刘办公室主任', '退回修改', '审阅通过']) expect(card).not.toContain(s);
    for (const m of input.materials) expect(card).not.toContain(m.title.split(' ').at(-1));
  });

  it('knows where the campaign stands, and who sees what', () => {
    const phases = progressInput('full', '2027-05-21', 0).campaign.phases;
    expect(phaseNow(phases, '2027-01-10')).toMatchObject({ where: 'before', phase: { index: 0 }, days: 36 });
    expect(phaseNow(phases, '2027-05-21')).toMatchObject({ where: 'in', phase: { index: 1 }, days: 40 });
    expect(phaseNow(phases, '2027-10-10')).toMatchObject({ where: 'after', phase: { index: 2 } });
    expect(phaseNow([], '2027-10-10')).toEqual({ where: 'none' });
    expect(audienceOf(['admin', 'anyone'], false)).toBe('full');
    expect(audienceOf(['supervisor', 'anyone'], false)).toBe('full');
    expect(audienceOf(['leader', 'anyone'], false)).toBe('leader');
    expect(audienceOf(['member', 'anyone'], false)).toBe('public');
    expect(audienceOf(['admin', 'anyone'], true)).toBe('public');
  });

  it('shows overdue open milestones first, then the next ones, three in all', () => {
    const input = progressInput('full', '2027-05-21', 0);
    const ms = milestonesOf(input.campaign);
    const done = new Map([[ms[0]!.id, { at: 1, by: 'ou_admin_liu' }]]);
    const v = progressView({ ...input, milestonesDone: done });
    expect(v.milestones).toHaveLength(3);
    expect(v.milestones.map((m) => m.state)).toEqual(['overdue', 'overdue', 'overdue']);
    const later = progressView({ ...input, today: '2027-01-01' });
    expect(later.milestones.map((m) => m.state)).toEqual(['upcoming', 'upcoming', 'upcoming']);
  });
});
