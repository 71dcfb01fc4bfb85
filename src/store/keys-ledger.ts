/** Redis keys of the Rectification ledger (整改台账), spread into createKeys (src/store/keys.ts). */
export function ledgerKeys(k: (...parts: string[]) => string) {
  void k;
  return {};
}
