import { DEFAULT_GROUP, type RaterGroup } from './round.js';

/**
 * Who votes in a round, and in which rater group (DESIGN §2.2, §2.4). Pure.
 * The electorate is the union of the campaign file's rater groups (their users and the members of their
 * chats, read when the round is created). A person listed in two groups votes once, in the group listed
 * first in the file (their ballot can count in one group only). With no rater groups in the file, the
 * campaign's members vote, in the default group.
 */

export interface GroupPeople { key: string; users: readonly string[] }

/** open_id → rater group key. */
export type Voters = Record<string, string>;

export function electorateOf(groups: readonly GroupPeople[], members: readonly string[]): Voters {
  const out: Voters = {};
  if (groups.length === 0) {
    for (const u of members) out[u] = DEFAULT_GROUP;
    return out;
  }
  for (const g of groups) for (const u of g.users) out[u] ??= g.key;
  return out;
}

export interface GroupView { key: string; name: string; weight?: number; people: string[] }

/** The electorate by rater group, in the round's group order (groups with nobody included). */
export function byGroup(voters: Voters, groups: readonly RaterGroup[]): GroupView[] {
  return groups.map((g) => ({
    key: g.key, name: g.name, ...(g.weight !== undefined ? { weight: g.weight } : {}),
    people: Object.keys(voters).filter((u) => voters[u] === g.key).sort(),
  }));
}

/** A rater group left out of one round (its voters dropped) or put back (the file's voters of that group re-added). */
export function withGroup(voters: Voters, fromFile: Voters, group: string, include: boolean): Voters {
  if (!include) return Object.fromEntries(Object.entries(voters).filter(([, g]) => g !== group));
  const out = { ...voters };
  for (const [u, g] of Object.entries(fromFile)) if (g === group) out[u] ??= g;
  return out;
}
