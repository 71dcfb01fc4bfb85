/**
 * The catalog's type and its two readers. Every feature's section of the catalog (src/messages/<feature>.ts)
 * builds its entries with `m`; src/messages/index.ts merges the sections into `msg`.
 */
export type Locale = 'zh' | 'en';
export interface Msg { readonly zh: string; readonly en: string }

/** One entry: Chinese first, English beside it. */
export const m = (zh: string, en: string): Msg => ({ zh, en });

/** The text of an entry in a locale (Chinese by default). */
export function t(entry: Msg, locale: Locale = 'zh'): string {
  return entry[locale];
}

/** Chinese and English on one line, for places every reader sees (group notices). */
export function both(entry: Msg): string {
  return `${entry.zh} / ${entry.en}`;
}
