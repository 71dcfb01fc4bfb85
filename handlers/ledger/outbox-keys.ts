import { shortDigest } from '../../src/domain/digest.js';
import type { DecisionKind } from '../../src/domain/ledger/resend.js';

/** Outbox keys of the rectification ledger (整改台账) under `lg-`, and of its 回头看 under `lb-` (see handlers/outbox-keys.ts). */

/** A ladder or keep-alive card: per (item, generation, step, recipient). */
export const stepKey = (itemId: string, gen: number, step: string, openId: string) => `lg-${itemId}-${gen}-${step}-${openId}`;
/** The item card an owner gets when an admin starts its ladder (start, new deadline). */
export const assignedKey = (itemId: string, gen: number, openId: string) => `lg-${itemId}-assign-${gen}-${openId}`;

/** A decision card: per item, request (`ref`), round (0 = the first send) and person. */
export function decisionKey(itemId: string, kind: DecisionKind, ref: number, round: number, openId: string): string {
  const base = kind === 'ext' ? `ext-${ref}` : `review-h${ref}`;
  return `lg-${itemId}-${base}${round ? `-r${round}` : ''}-${openId}`;
}

/** A short notice to an owner that the item was reopened, closed or rejected: per history position. */
export const ledgerNoticeKey = (itemId: string, what: 'reopen' | 'closed' | 'rejected', historyLength: number, openId: string) =>
  `lg-${itemId}-${what}-h${historyLength}-${openId}`;
/** A short notice to an owner that extension request `n` was decided. */
export const extensionDecidedKey = (itemId: string, n: number, openId: string) => `lg-${itemId}-extd-${n}-${openId}`;

/** The admins' card of items reopened together (they need new deadlines): per set of items and generations. */
export function reopenedKey(items: readonly { id: string; gen: number }[], openId: string): string {
  const digest = shortDigest(items.map((i) => `${i.id}.${i.gen}`).join(','), 16);
  return `lg-reopen-${digest}-${openId}`;
}

/** A leader's check card of a look-back: per look-back, leader, page and generation (0: the cards of the start). */
export const lookbackPageKey = (lookbackId: string, leader: string, page: number, gen = 0) =>
  `lb-${lookbackId}-${leader}-p${page}${gen ? `-g${gen}` : ''}`;
/** A finished look-back's summary to an admin. */
export const lookbackDoneKey = (lookbackId: string, openId: string) => `lb-${lookbackId}-done-${openId}`;
