import { expect } from 'vitest';

/**
 * Drives the stepped ballot of a direct message (cards/evaluations/ballot-steps.ts) through its own
 * buttons, as a voter's taps would: per person the "全部…" shortcut, then the listed changes, then the
 * forward button, and on the last summary page the final submit. Counts the taps.
 */

export interface Tap { label: string; value: Record<string, any> }
type Click = (value: Record<string, any>, formValue?: Record<string, unknown>) => Promise<{ toast?: any; card?: any }>;

/** Every callback button of a card, in order, with its label. */
export function tapsOf(card: unknown): Tap[] {
  const out: Tap[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, any>;
    const cb = o.tag === 'button' && Array.isArray(o.behaviors) ? o.behaviors.find((b: any) => b.type === 'callback') : undefined;
    if (cb) out.push({ label: String(o.text?.content ?? ''), value: cb.value });
    for (const x of Object.values(o)) walk(x);
  };
  walk(card);
  return out;
}

export interface BallotPlan {
  /** The shortcut grade (its index in the scale) for person `s`. */
  all: (s: number) => number;
  /** Cells to change after the shortcut: person, dimension, grade index. */
  changes?: { s: number; d: number; g: number }[];
  /** Form values sent with the final submit (an outreach suggestion). */
  formValue?: Record<string, unknown>;
}

/** Answers the ballot whose first card is `card`; returns the final answer and how many taps it took. */
export async function answerSteppedBallot(click: Click, card: unknown, plan: BallotPlan, dimensions: number) {
  let taps = 0;
  let current = card;
  const press = async (t: Tap, formValue?: Record<string, unknown>) => {
    taps += 1;
    const answer = await click(t.value, formValue);
    return answer;
  };
  for (let guard = 0; guard < 1000; guard++) {
    const buttons = tapsOf(current);
    const cast = buttons.find((b) => b.value.a === 'ev.cast');
    if (cast) return { answer: await press(cast, plan.formValue), taps };
    const all = buttons.find((b) => b.value.op === 'all');
    if (all) {
      const s = all.value.i as number;
      const answer = await press(buttons.find((b) => b.value.op === 'all' && b.value.g === plan.all(s))!);
      current = answer.card.data;
    }
    for (const c of plan.changes ?? []) {
      const set = tapsOf(current).find((b) => b.value.op === 'set' && b.value.i === c.s * dimensions + c.d && b.value.g === c.g);
      if (set) current = (await press(set)).card.data;
    }
    const forward = tapsOf(current).filter((b) => b.value.a === 'ev.step' && b.value.op === undefined)
      .sort((x, y) => y.value.p - x.value.p)[0];
    const answer = await press(forward);
    expect(answer.card, JSON.stringify(answer)).toBeDefined();
    current = answer.card.data;
  }
  throw new Error('the ballot never reached its final submit');
}
