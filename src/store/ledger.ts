import { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import { ledgerItemSchema, type LedgerItem } from '../domain/ledger/item.js';
import { logStep, reopen, type Transition } from '../domain/ledger/transitions.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';

/**
 * The rectification ledger in Redis (DESIGN §2.6). One hash per item under the `{lg}` tag: `data`
 * (the item as JSON, without its 序号), `seq` (序号, from an INCR) and `rev` (a counter for
 * compare-and-set). Every change is a pure transition (src/domain/ledger-transitions.ts) applied
 * to the item as read, then written in one script with its audit entry, only if nobody changed
 * the item meanwhile (else read again and retry). History is part of the item: never lost.
 * No TTL: the ledger is a campaign record.
 */

// KEYS: seq, item, all, audit. ARGV: id, data, then the audit entry's fields. Returns the 序号.
const CREATE = `
local seq = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], 'data', ARGV[2], 'rev', '1', 'seq', tostring(seq))
redis.call('ZADD', KEYS[3], seq, ARGV[1])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 3))
return seq`;

// KEYS: item, audit. ARGV: expected rev, data, then the audit entry's fields (empty: no entry). 1 when written.
const CAS = `
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', tostring(tonumber(ARGV[1]) + 1))
if #ARGV > 2 then redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 3)) end
return 1`;

/** An owner's latest item card: the outbox key it was sent under (to patch it) and when. */
const cardRefSchema = z.object({ key: z.string().min(1).max(200), at: z.number().int() });
type CardRef = z.infer<typeof cardRefSchema>;

export type UpdateResult = Transition | { ok: false; reason: 'notFound' | 'conflict' };

/** Compare-and-set attempts before giving up ('conflict'); a lost race waits a few random milliseconds. */
const ATTEMPTS = 25;

export function createLedgerStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const serialize = (item: LedgerItem) => {
    const { seq: _seq, ...rest } = ledgerItemSchema.parse(item);
    return JSON.stringify(rest);
  };
  const parse = (h: Record<string, string>): { item: LedgerItem; rev: string } | undefined => {
    if (!h.data || !h.rev) return undefined;
    const r = ledgerItemSchema.safeParse({ ...(JSON.parse(h.data) as object), seq: Number(h.seq) });
    return r.success ? { item: r.data, rev: h.rev } : undefined;
  };
  const read = async (id: string) => parse(await redis.hgetall(keys.ledgerItem(id)));

  async function getMany(ids: readonly string[]): Promise<LedgerItem[]> {
    if (!ids.length) return [];
    const p = redis.pipeline();
    for (const id of ids) p.hgetall(keys.ledgerItem(id));
    const res = (await p.exec()) ?? [];
    return res.map(([, h]) => parse(h as Record<string, string>)?.item).filter((x): x is LedgerItem => x !== undefined);
  }

  /**
   * Applies `change` to the item as stored and writes the result with `entry` in one script, if the
   * item did not change meanwhile (else re-reads and re-applies). A refusal writes nothing.
   */
  async function update(id: string, change: (item: LedgerItem) => Transition, entry: AuditEntry | null): Promise<UpdateResult> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const cur = await read(id);
      if (!cur) return { ok: false, reason: 'notFound' };
      const r = change(cur.item);
      if (!r.ok) return r;
      const written = await redis.eval(CAS, 2, keys.ledgerItem(id), keys.audit(), cur.rev, serialize(r.item),
        ...(entry ? audit.fields(entry) : []));
      if (written === 1) return r;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (i + 1)));
    }
    return { ok: false, reason: 'conflict' };
  }

  return {
    /** Stores a new item (its 序号 from the counter) with its audit entry in one script; returns it with its 序号. */
    async create(item: LedgerItem, entry: AuditEntry): Promise<LedgerItem> {
      const seq = await redis.eval(CREATE, 4, keys.ledgerSeq(), keys.ledgerItem(item.id), keys.ledgerAll(), keys.audit(),
        item.id, serialize(item), ...audit.fields({ ...entry, detail: { id: item.id, ...entry.detail } }));
      return { ...item, seq: Number(seq) };
    },

    async get(id: string): Promise<LedgerItem | undefined> {
      return (await read(id))?.item;
    },

    getMany,

    /** Every item, in 序号 order. */
    async list(): Promise<LedgerItem[]> {
      return getMany(await redis.zrange(keys.ledgerAll(), '0', '-1'));
    },

    update,

    /** 回头看 / low satisfaction: back to 整改中 flagged "needs a new deadline" (audited). */
    async reopen(id: string, reason: string, by: string, now = Date.now()): Promise<UpdateResult> {
      return update(id, (item) => reopen(item, reason, { by, now }), { at: now, actor: by, action: 'ledger.reopen', detail: { id } });
    },

    /**
     * Logs a ladder step on the item, once per (generation, step): 'logged', or 'duplicate' when a
     * run of the same job logged it already.
     */
    async logStep(id: string, gen: number, step: string, note: string, now: number): Promise<'logged' | 'duplicate' | 'notFound'> {
      let dup = false;
      const r = await update(id, (item) => {
        const changed = logStep(item, gen, step, note, now);
        if (!changed) {
          dup = true;
          return { ok: false, reason: 'wrongStatus' };
        }
        return { ok: true, item: changed };
      }, { at: now, actor: 'system', action: 'ledger.step', detail: { id, gen, step } });
      if (dup) return 'duplicate';
      return r.ok ? 'logged' : 'notFound';
    },

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
