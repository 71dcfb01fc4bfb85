import { shortDigest } from '../../src/domain/digest.js';

/** Outbox keys of the opinions (走进职工), under `op-` (see handlers/outbox-keys.ts). */

/** Tells a named submitter their opinion was answered: per opinion and reply text (a new reply is a new message). */
export function opinionAnsweredKey(opinionId: string, reply: string): string {
  return `op-answered-${opinionId}-${shortDigest(reply, 12, 'hex')}`;
}

/** An opinion forwarded to a leader: once per opinion and leader. */
export const opinionForwardedKey = (opinionId: string, leaderOpenId: string) => `op-fwd-${opinionId}-${leaderOpenId}`;

/** 转交班子: an opinion about the team, one copy to each leader. */
export const opinionToTeamKey = (opinionId: string, leaderOpenId: string) => `op-team-${opinionId}-${leaderOpenId}`;

/** 转常务主席反馈: the opinion sent to the top leader, once per opinion and top leader… */
export const opinionToTopKey = (opinionId: string, topOpenId: string) => `op-top-${opinionId}-${topOpenId}`;

/** …and passed by them to the leader it is about, once per opinion and leader. */
export const opinionPassedKey = (opinionId: string, leaderOpenId: string) => `op-pass-${opinionId}-${leaderOpenId}`;
