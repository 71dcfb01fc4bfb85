import { describe, expect, it } from 'vitest';
import type { Card } from '../../../cards/types.js';
import { BUILDER_CASES } from '../../helpers/card-cases/index.js';

/**
 * Every input on every card the bot sends has a visible label, not only a placeholder (a placeholder is gone
 * once something is chosen or typed): an input's own `label`, or a plain-text / markdown line right above the
 * field. Lark's select, multi-select and date picker have no label property, so theirs is always the line above.
 */

type Node = Record<string, unknown>;
const FIELDS = new Set(['input', 'select_static', 'multi_select_static', 'date_picker']);
const isLabelLine = (el: Node | undefined) => el !== undefined && (el.tag === 'div' || el.tag === 'markdown');

/** Fields without a label: `name (tag)`. */
function unlabelled(elements: unknown[]): string[] {
  const els = elements as Node[];
  return els.flatMap((el, i) => {
    const inner = [
      ...(Array.isArray(el.elements) ? unlabelled(el.elements) : []),
      ...(el.tag === 'column_set' && Array.isArray(el.columns)
        ? (el.columns as Node[]).flatMap((c) => unlabelled(c.elements as unknown[])) : []),
    ];
    if (!FIELDS.has(String(el.tag))) return inner;
    const own = el.tag === 'input' && typeof (el.label as Node | undefined)?.content === 'string';
    return own || isLabelLine(els[i - 1]) ? inner : [`${String(el.name)} (${String(el.tag)})`, ...inner];
  });
}

describe('every input has a visible label', () => {
  for (const [name, cases] of Object.entries(BUILDER_CASES)) {
    it(name, () => {
      for (const build of cases) {
        const c: Card = build();
        expect(unlabelled(c.body.elements), c.header?.title.content).toEqual([]);
      }
    });
  }
});
