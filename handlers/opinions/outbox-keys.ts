import { shortDigest } from '../../src/domain/digest.js';

/** Outbox keys of the opinions (走进职工), under `op-` (see handlers/outbox-keys.ts). */

/** Tells a named submitter their opinion was answered: per opinion and reply text (a new reply is a new message). */
export function opinionAnsweredKey(opinionId: string, reply: string): string {
  return `op-answered-${opinionId}-${shortDigest(reply, 12, 'hex')}`;
}

/** An opinion forwarded to a leader: once per opinion and leader. */
export const opinionForwardedKey = (opinionId: string, leaderOpenId: string) => `op-fwd-${opinionId}-${leaderOpenId}`;
