/**
 * Redis keys of the Rectification ledger (整改台账), spread into createKeys (src/store/keys.ts).
 * They share the `{lg}` hash tag, so the store's scripts may touch several on Redis Cluster.
 */
export function ledgerKeys(k: (...parts: string[]) => string) {
  return {
    /** One item: `data` (JSON), `rev` (compare-and-set counter), `seq` (序号). */
    ledgerItem: (id: string) => k('{lg}', 'item', id),
    /** The 序号 counter (INCR). */
    ledgerSeq: () => k('{lg}', 'seq'),
    /** Every item id, scored by 序号. */
    ledgerAll: () => k('{lg}', 'all'),
    /** Each owner's latest item card of an item: open_id → JSON { key (outbox key), at }. */
    ledgerCards: (id: string) => k('{lg}', 'cards', id),
  };
}
