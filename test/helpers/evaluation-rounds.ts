import type { ResolvedCampaign } from '../../src/campaign.js';
import { cellsOf } from '../../src/domain/evaluations/ballot.js';
import { defaultRound, type Choices, type Round } from '../../src/domain/evaluations/round.js';

/** Rounds from a small campaign, shared by the evaluation domain tests (test/src/domain/evaluations/). */

export const NOW = Date.UTC(2027, 2, 1, 2, 0);
export const ADMIN = 'ou_admin_liu';

export type CampaignPart = Pick<ResolvedCampaign, 'leaders' | 'members' | 'raterGroups'>;
export function campaign(
  leaders: number, groups: { key: string; name: string; weight?: number; users: string[] }[], members: string[] = [],
): CampaignPart {
  return {
    leaders: Array.from({ length: leaders }, (_, i) => ({ openId: `ou_leader_${i}`, name: `领导${i}`, title: '副主席' })),
    members: { users: members, chats: [] },
    raterGroups: groups.map((g) => ({ key: g.key, name: g.name, weight: g.weight, members: { users: g.users, chats: [] } })),
  };
}

export function round(c: CampaignPart, over: Partial<Parameters<typeof defaultRound>[1]> = {}): Round {
  return defaultRound(c, { title: '第一次民主测评', kind: 'democratic', closesAt: NOW + 86_400_000, createdBy: ADMIN, now: NOW, ...over });
}

/** The same grade in every cell. */
export const all = (r: Round, grade: string): Choices =>
  Object.fromEntries(cellsOf(r).map((c) => [`${c.subject.key}|${c.dimension.key}`, grade]));
