/**
 * "Keep what was typed": a form card re-rendered after a failed validation carries every value the
 * person submitted (`form_value`) and a red note under each wrong field, so nothing has to be typed again.
 * One helper for every form: the handler re-renders its usual card, then passes it through `keepFormValues`.
 * Pure: returns a new card; the input card is not changed.
 */
import type { Card, CardElement } from './types.js';

/** A wrong field: the field's `name` in the form and the (already translated) note shown under it. */
export interface FieldError { field: string; text: string }

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const DAY = /^(\d{4}-\d{2}-\d{2})/;

/** The red note marking a wrong field (plain text: the catalog's message, never user text). */
export function fieldErrorNote(text: string, size: 'notation' | 'normal' = 'notation'): CardElement {
  return { tag: 'div', text: { tag: 'plain_text', content: text, text_size: size, text_color: 'red' } };
}

function optionValues(el: Node): Set<string> {
  const opts = Array.isArray(el.options) ? el.options : [];
  return new Set(opts.flatMap((o) => (isNode(o) && typeof o.value === 'string' ? [o.value] : [])));
}

/** The field with the submitted value put back (values a field cannot hold are left out, never forced in). */
function withValue(el: Node, v: unknown): Node {
  switch (el.tag) {
    case 'input': {
      if (typeof v !== 'string') return el;
      const max = typeof el.max_length === 'number' ? el.max_length : 1000;
      return { ...el, default_value: [...v].slice(0, max).join('') };
    }
    case 'select_static':
      return typeof v === 'string' && optionValues(el).has(v) ? { ...el, initial_option: v } : el;
    case 'multi_select_static': {
      if (!Array.isArray(v)) return el;
      const known = optionValues(el);
      return { ...el, selected_values: v.filter((x): x is string => typeof x === 'string' && known.has(x)) };
    }
    case 'date_picker': {
      const day = typeof v === 'string' ? DAY.exec(v)?.[1] : undefined;
      return day ? { ...el, initial_date: day } : el;
    }
    case 'checker':
      return typeof v === 'boolean' ? { ...el, checked: v } : el;
    default:
      return el;
  }
}

/** A plain-text label line (cards/components.ts fieldLabel): the field's visible label when it has none of its own. */
function isLabelLine(el: unknown): el is Node & { text: Node } {
  return isNode(el) && el.tag === 'div' && isNode(el.text) && el.text.tag === 'plain_text' && el.text.text_color === undefined;
}

/**
 * Marks wrong fields. A field whose label is the plain-text line above it gets that line in red with the note
 * ("完成时限：完成时限不能早于今天"): no component added, so a full form stays within Lark's 200. Any other
 * field gets a red note right under it.
 */
function markErrors(elements: unknown[], errors: ReadonlyMap<string, string>): unknown[] {
  const out: unknown[] = [];
  for (const el of elements) {
    const field = isNode(el) && typeof el.name === 'string' && el.tag !== 'form' && el.tag !== 'button' ? el : undefined;
    const error = field ? errors.get(String(field.name)) : undefined;
    const prev = out.at(-1);
    if (error && field?.tag !== 'input' && isLabelLine(prev)) {
      out[out.length - 1] = fieldErrorNote(`${String(prev.text.content)}：${error}`, 'normal');
      out.push(el);
    } else out.push(...(error ? [el, fieldErrorNote(error)] : [el]));
  }
  return out;
}

function walk(elements: unknown[], values: Node, errors: ReadonlyMap<string, string>): unknown[] {
  return markErrors(fill(elements, values, errors), errors);
}

function fill(elements: unknown[], values: Node, errors: ReadonlyMap<string, string>): unknown[] {
  return elements.flatMap((raw) => {
    if (!isNode(raw)) return [raw];
    let el = raw;
    if (Array.isArray(el.elements)) el = { ...el, elements: walk(el.elements, values, errors) };
    if (el.tag === 'column_set' && Array.isArray(el.columns)) {
      el = { ...el, columns: el.columns.map((c) => (isNode(c) && Array.isArray(c.elements)
        ? { ...c, elements: walk(c.elements, values, errors) } : c)) };
    }
    const name = typeof el.name === 'string' ? el.name : undefined;
    if (!name || el.tag === 'form' || el.tag === 'button') return [el];
    return [Object.hasOwn(values, name) ? withValue(el, values[name]) : el];
  });
}

/** The card with the submitted values back in its fields and each wrong field marked in red. */
export function keepFormValues(card: Card, formValue: unknown, errors: readonly FieldError[] = []): Card {
  const values = isNode(formValue) ? formValue : {};
  const byField = new Map(errors.map((e) => [e.field, e.text]));
  return { ...card, body: { ...card.body, elements: walk(card.body.elements, values, byField) as CardElement[] } };
}
