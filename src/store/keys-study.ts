/** Redis keys of the Study (集中学习), spread into createKeys (src/store/keys.ts). */
export function studyKeys(k: (...parts: string[]) => string) {
  void k;
  return {};
}
