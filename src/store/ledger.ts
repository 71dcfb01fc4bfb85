import { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import { ledgerItemSchema, type LedgerItem } from '../domain/ledger/item.js';
import { logStep, reopen, type Transition } from '../domain/ledger/transitions.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { createNumberedRecords, type Logged } from './revisioned.js';

/**
 * The rectification ledger in Redis (DESIGN §2.6). One hash per item under the `{lg}` tag: `data`
 * (the item as JSON, without its 序号), `seq` (序号, from an INCR) and `rev` (a counter for
 * compare-and-set), kept by the shared revisioned records (./revisioned.ts). Every change is a pure
 * transition (src/domain/ledger/transitions.ts) applied to the item as read, then written in one
 * script with its audit entry, only if nobody changed the item meanwhile (else read again and retry).
 * History is part of the item: never lost. No TTL: the ledger is a campaign record.
 */

/** An owner's latest item card: the outbox key it was sent under (to patch it) and when. */
const cardRefSchema = z.object({ key: z.string().min(1).max(200), at: z.number().int() });
type CardRef = z.infer<typeof cardRefSchema>;

export type UpdateResult = Transition | { ok: false; reason: 'notFound' | 'conflict' };

export function createLedgerStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const items = createNumberedRecords({
    redis, audit, schema: ledgerItemSchema, field: 'item',
    keyOf: keys.ledgerItem, allKey: keys.ledgerAll(), counterKey: keys.ledgerSeq(),
  });

  /**
   * Applies `change` to the item as stored and writes the result with `entry` in one script, if the
   * item did not change meanwhile (else re-reads and re-applies). A refusal writes nothing.
   */
  const update = (id: string, change: (item: LedgerItem) => Transition, entry: AuditEntry | null): Promise<UpdateResult> =>
    items.update(id, change, entry);

  return {
    /** Stores a new item (its 序号 from the counter) with its audit entry in one script; returns it with its 序号. */
    create: items.create,

    get: items.get,

    getMany: items.getMany,

    /** Every item, in 序号 order. */
    list: items.list,

    update,

    /** 回头看 / low satisfaction: back to 整改中 flagged "needs a new deadline" (audited). */
    async reopen(id: string, reason: string, by: string, now = Date.now()): Promise<UpdateResult> {
      return update(id, (item) => reopen(item, reason, { by, now }), { at: now, actor: by, action: 'ledger.reopen', detail: { id } });
    },

    /**
     * Logs a ladder step on the item, once per (generation, step): 'logged', or 'duplicate' when a
     * run of the same job logged it already.
     */
    logStep: (id: string, gen: number, step: string, note: string, now: number): Promise<Logged> =>
      items.logOnce(id, (item) => logStep(item, gen, step, note, now),
        { at: now, actor: 'system', action: 'ledger.step', detail: { id, gen, step } }),

    /** Each owner's latest item card of the item (open_id → ref); unreadable entries are left out. */
    async latestCards(id: string): Promise<Record<string, CardRef>> {
      const h = await redis.hgetall(keys.ledgerCards(id));
      const out: Record<string, CardRef> = {};
      for (const [openId, json] of Object.entries(h)) {
        try {
          const r = cardRefSchema.safeParse(JSON.parse(json));
          if (r.success) out[openId] = r.data;
        } catch { /* a broken entry counts as no card */ }
      }
      return out;
    },

    /** Records the cards just sent as each person's latest card of the item (no TTL, like the item). */
    async recordCards(id: string, cards: readonly ({ openId: string } & CardRef)[]): Promise<void> {
      if (!cards.length) return;
      await redis.hset(keys.ledgerCards(id), Object.fromEntries(
        cards.map((c) => [c.openId, JSON.stringify(cardRefSchema.parse({ key: c.key, at: c.at }))]),
      ));
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
