/**
 * Whether public text (an item's problem or commitment, shown on the board) carries an anonymous
 * opinion's own words (DESIGN §3: its exact words could name its writer). Pure.
 * Spaces, punctuation, symbols, width and case are ignored, so a copy with its commas or line breaks
 * changed is still a copy; a run of QUOTE_RUN characters of the opinion, or the whole of a shorter one, counts.
 */
export const QUOTE_RUN = 20;

const flat = (s: string) => [...s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{Cc}\p{Cf}]/gu, '')];

export function quotesOpinion(publicText: string, opinionText: string): boolean {
  const text = flat(publicText).join('');
  const words = flat(opinionText);
  if (!words.length || !text) return false;
  const run = Math.min(QUOTE_RUN, words.length);
  for (let i = 0; i + run <= words.length; i++) if (text.includes(words.slice(i, i + run).join(''))) return true;
  return false;
}
