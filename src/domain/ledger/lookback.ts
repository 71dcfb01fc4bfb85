import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hasAnyRole, type Role } from '../commands.js';
import { itemIdSchema, openIdSchema, type LedgerItem } from './item.js';
import { charCount } from '../text.js';

/**
 * 回头看 (DESIGN §2.6): an admin starts a look-back; every signed-off item is sent for re-check to its
 * responsible leader, who confirms it holds or reopens it with a reason; a summary shows the outcome.
 * Pure: the record, who may check an item, and the tally.
 */

export const lookbackIdSchema = z.string().regex(/^lb_[A-Za-z0-9_-]{8,24}$/);
export const LOOKBACK_REASON_MAX = 500;

export const lookbackSchema = z.object({
  id: lookbackIdSchema,
  startedAt: z.number().int(),
  startedBy: openIdSchema,
  /** The items signed off when it started, each with the leader who re-checks it. */
  items: z.array(z.object({ id: itemIdSchema, seq: z.number().int().min(1), leader: openIdSchema })).max(10_000),
});
export type Lookback = z.infer<typeof lookbackSchema>;

export const outcomeSchema = z.object({
  result: z.enum(['holds', 'reopened']),
  by: openIdSchema,
  at: z.number().int(),
  reason: z.string().max(LOOKBACK_REASON_MAX).optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export function newLookbackId(): string {
  return `lb_${randomBytes(9).toString('base64url')}`;
}

/** The items a look-back re-checks: those signed off (已销号), in 序号 order. */
export function lookbackItems(items: readonly LedgerItem[]): Lookback['items'] {
  return items.filter((i) => i.status === 'closed').sort((a, b) => a.seq - b.seq).map((i) => ({ id: i.id, seq: i.seq, leader: i.leader }));
}

/** Leaders with items to re-check, each with their item ids. */
export function byLeader(lb: Lookback): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of lb.items) out.set(i.leader, [...(out.get(i.leader) ?? []), i.id]);
  return out;
}

/** The responsible leader re-checks; an admin may record the check for them. Supervisors never. */
export function mayCheck(lb: Lookback, itemId: string, caller: { openId: string; roles: readonly Role[] }): boolean {
  const entry = lb.items.find((i) => i.id === itemId);
  if (!entry) return false;
  return entry.leader === caller.openId || hasAnyRole(caller.roles, 'admin');
}

export interface LookbackTally {
  total: number;
  holds: number;
  reopened: number;
  pending: number;
  done: boolean;
}

export function tally(lb: Lookback, outcomes: ReadonlyMap<string, Outcome>): LookbackTally {
  let holds = 0;
  let reopened = 0;
  for (const i of lb.items) {
    const o = outcomes.get(i.id);
    if (o?.result === 'holds') holds++;
    else if (o?.result === 'reopened') reopened++;
  }
  const total = lb.items.length;
  return { total, holds, reopened, pending: total - holds - reopened, done: holds + reopened === total };
}

/** The reason typed into the reopen form: required, trimmed, within the limit. */
export function parseReason(formValue: unknown, field: string): string | undefined {
  const raw = formValue && typeof formValue === 'object' ? (formValue as Record<string, unknown>)[field] : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  return text && charCount(text) <= LOOKBACK_REASON_MAX ? text : undefined;
}
