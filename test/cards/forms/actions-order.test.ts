import { describe, expect, it } from 'vitest';
import { BUILDER_CASES } from '../../helpers/card-cases/index.js';

/**
 * One main action per decision, styled as primary (WORDING.md): 答复 over 标记立行立改, 提交进展 over 申请销号,
 * and 设定完成时限 over 开始整改 while an item has no deadline (开始整改 once it has one). Checked on every card
 * case that offers both; each pair must occur in some case.
 */

type Node = Record<string, unknown>;
const PRIMARY = new Set(['primary', 'primary_filled']);
interface Btn { key: string; primary: boolean }

function buttons(v: unknown, out: Btn[] = []): Btn[] {
  if (Array.isArray(v)) v.forEach((x) => buttons(x, out));
  else if (typeof v === 'object' && v !== null) {
    const o = v as Node;
    if (o.tag === 'button' && Array.isArray(o.behaviors)) {
      const value = (o.behaviors[0] as Node | undefined)?.value as Node | undefined;
      if (value) out.push({ key: [value.a, value.op].filter(Boolean).join(':'), primary: PRIMARY.has(String(o.type)) });
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'behaviors') buttons(x, out);
  }
  return out;
}

const PAIRS: [main: string, second: string][] = [
  ['tr.do:reply', 'tr.do:quick'],
  ['lg.progress', 'lg.submit'],
  ['lg.progress', 'lg.extend'],
];

describe('the main action is the primary one', () => {
  const cards = Object.values(BUILDER_CASES).flatMap((cases) => cases.map((build) => build()));
  for (const [main, second] of PAIRS) {
    it(`${main} over ${second}`, () => {
      const both = cards.map((c) => buttons(c)).filter((bs) => bs.some((b) => b.key === main) && bs.some((b) => b.key === second));
      expect(both.length).toBeGreaterThan(0);
      for (const bs of both) {
        expect(bs.find((b) => b.key === main)!.primary).toBe(true);
        expect(bs.find((b) => b.key === second)!.primary).toBe(false);
      }
    });
  }

  it('设定完成时限 and 开始整改: exactly one of them is primary', () => {
    const pair = (b: Btn) => b.key === 'lg.deadline' || b.key === 'lg.activate';
    const both = cards.map((c) => buttons(c).filter(pair)).filter((bs) => new Set(bs.map((b) => b.key)).size === 2);
    expect(both.length).toBeGreaterThan(0);
    for (const bs of both) expect(bs.filter((b) => b.primary)).toHaveLength(1);
  });
});
