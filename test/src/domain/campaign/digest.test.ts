import { describe, expect, it } from 'vitest';
import { weeklyDigest } from '../../../../src/domain/campaign/digest.js';
import { milestonesOf } from '../../../../src/domain/campaign/milestones.js';
import { digestInput } from '../../../helpers/card-cases/campaign.js';

describe('the weekly digest', () => {
  it('lists what falls due this week and what is overdue, items with their owners, milestones by date', () => {
    const v = weeklyDigest(digestInput(4));
    expect(v.sunday).toBe('2027-05-23');
    expect(v.due.filter((d) => d.who).map((d) => [d.label.split(' ').at(-1), d.date, d.who]))
      .toEqual([['问题1', '2027-05-20', '赵钱孙1'], ['问题3', '2027-05-20', '赵钱孙3']]);
    expect(v.due.map((d) => d.date)).toEqual([...v.due.map((d) => d.date)].sort());
    expect(v.overdue.filter((d) => d.who).map((d) => d.who)).toEqual(['赵钱孙0', '赵钱孙2']);
    // The test campaign's milestones of that week (17–23 May) and the overdue ones before it.
    expect(v.due.filter((d) => !d.who).every((d) => d.date! >= '2027-05-17' && d.date! <= '2027-05-23')).toBe(true);
    expect(v.overdue.filter((d) => !d.who).every((d) => d.date! < '2027-05-17')).toBe(true);
  });

  it('counts the changes of the last seven days only; a milestone marked done leaves the lists', () => {
    const input = digestInput(4);
    input.ledger[0]!.history.push(
      { at: input.now - 8 * 86_400_000, by: 'x', what: 'close' }, { at: input.now - 1000, by: 'x', what: 'submit' },
    );
    const v = weeklyDigest(input);
    expect(v.changes).toEqual({ started: 4, submitted: 1, closed: 0, reopened: 0, milestonesDone: 0 });
    const overdueMilestone = milestonesOf(input.campaign).find((m) => m.date < '2027-05-17')!;
    const done = new Map([[overdueMilestone.id, { at: input.now - 1000, by: 'ou_admin_liu' }]]);
    const w = weeklyDigest({ ...input, milestonesDone: done });
    expect(w.changes.milestonesDone).toBe(1);
    expect(w.overdue.map((d) => d.label)).not.toContain(overdueMilestone.name);
  });
});
