import { describe, expect, it } from 'vitest';
import { ballotCard, votedCard } from '../../../cards/evaluations/ballot.js';
import { helpCard } from '../../../cards/help.js';
import { opinionFormCard, opinionReceiptCard, opinionStatusCard } from '../../../cards/opinions/opinion.js';
import { validateCard } from '../../../cards/validate.js';
import { outreachRound } from '../../../src/domain/evaluations/outreach.js';

/** Personal cards (DESIGN §3) cannot be forwarded into a group or to someone else; shared cards keep the default. */

const NOW = Date.UTC(2027, 2, 1, 2);
const round = outreachRound({
  contact: '某某公司', source: 'enterprise', day: '2027-03-01', closesAt: NOW + 86_400_000, k: 5, electorate: ['ou_a'],
  createdBy: 'ou_admin', now: NOW,
});

describe('personal cards are not forwardable', () => {
  it('opinion form, receipt, status, ballot and voted card set enable_forward false, and stay valid', () => {
    const personal = [
      opinionFormCard({ targets: [{ key: 'team', zh: '领导班子', en: 'Leadership team' }], campaignName: '活动' }),
      opinionReceiptCard({ code: 'ABCD-EFGH', anonymous: true }),
      opinionStatusCard({ code: 'ABCDEFGH', status: 'received' }),
      ballotCard(round, 0, ''),
      votedCard(round, { receiptCode: 'ABCD-EFGH' }),
    ];
    for (const c of personal) {
      expect(c.config?.enable_forward).toBe(false);
      expect(validateCard(c)).toEqual([]);
    }
  });

  it('a shared card (help) keeps Lark\'s default', () => {
    expect(helpCard({ roles: ['anyone'], commands: [], campaignName: '活动' } as never).config?.enable_forward).toBeUndefined();
  });
});
