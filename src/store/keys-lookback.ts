/** Redis keys of the 回头看 (look-back) of the ledger, spread into createKeys (src/store/keys.ts). */
export function lookbackKeys(k: (...parts: string[]) => string) {
  return {
    /** Look-back ids, by start time. */
    lookbacks: () => k('{lg}', 'lookbacks'),
    /** One look-back: its record (JSON). */
    lookback: (id: string) => k('{lg}', 'lb', id),
    /** One look-back's outcomes: item id → outcome (JSON); set once per item. */
    lookbackOutcomes: (id: string) => k('{lg}', 'lb', id, 'out'),
    /** One look-back: the generation of its check cards (re-sent before Lark's 14 days). */
    lookbackGen: (id: string) => k('{lg}', 'lb', id, 'gen'),
  };
}
