/**
 * Card-wide rules of Card JSON 2.0 that a per-element schema cannot express, on top of the element
 * schemas of ./schema.ts.
 */
import { cardSchema } from './schema.js';

export const CARD_LIMITS = {
  /**
   * "卡片消息、富文本消息请求体最大不能超过 30 KB" (error 230025), send/reply/patch pages, e.g.
   * https://open.feishu.cn/document/server-docs/im-v1/message/create. Measured as the UTF-8 bytes of
   * JSON.stringify(card); the request body escapes that string once more, so keep a margin.
   */
  maxBytes: 30 * 1024,
  /**
   * "卡片 JSON 2.0 结构中，一张卡片最多支持 200 个元素（如 tag 为 plain_text 的文本元素）或组件"
   * https://open.feishu.cn/document/feishu-cards/card-json-v2-structure (error 300305 "The number of card
   * components exceeds 200", https://open.feishu.cn/document/cardkit-v1/card/batch_update). So every
   * object with a `tag` counts, header texts included.
   */
  maxComponents: 200,
  /** "容器类组件最多支持嵌套五层组件" — form-container doc (see schema.ts). */
  maxContainerDepth: 5,
  /** Chart doc: at most 5 charts per card (recommended). */
  maxCharts: 5,
  /** Input doc: max_length 1–1000; we hold default_value to the same bound. */
  inputMaxLength: 1000,
} as const;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const CONTAINERS = new Set(['form', 'column_set', 'collapsible_panel']);
const FIELDS = new Set(['input', 'select_static', 'multi_select_static', 'date_picker', 'checker', 'button']);
const codePoints = (s: string) => [...s].length;

/** UTF-8 size of the card as JSON. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Every object carrying a `tag` (components and elements), except inside chart specs and callback values. */
function countTagged(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countTagged(x), 0);
  if (!isNode(v)) return 0;
  let n = typeof v.tag === 'string' ? 1 : 0;
  for (const [k, x] of Object.entries(v)) if (k !== 'chart_spec' && k !== 'value') n += countTagged(x);
  return n;
}

interface Walk { problems: string[]; names: Map<string, string>; ids: Map<string, string>; charts: number }
interface Ctx { path: string; depth: number; form: { name: string; hasSubmit: boolean } | null }

function childArrays(el: Node): [string, unknown[]][] {
  if (el.tag === 'column_set' && Array.isArray(el.columns)) {
    return el.columns.flatMap((col, i) =>
      (isNode(col) && Array.isArray(col.elements) ? [[`columns[${i}].elements`, col.elements] as [string, unknown[]]] : []));
  }
  return Array.isArray(el.elements) ? [['elements', el.elements]] : [];
}

function note(map: Map<string, string>, key: string, path: string, what: string, w: Walk) {
  const first = map.get(key);
  if (first) w.problems.push(`${path}: duplicate ${what} "${key}" (first at ${first}); it must be unique in the card`);
  else map.set(key, path);
}

function walkElement(el: unknown, ctx: Ctx, w: Walk): void {
  if (!isNode(el) || typeof el.tag !== 'string') return;
  const { path } = ctx;
  const tag = el.tag;
  const p = (msg: string) => w.problems.push(`${path}: ${msg}`);
  if (typeof el.element_id === 'string') note(w.ids, el.element_id, path, 'element_id', w);
  if (typeof el.name === 'string') note(w.names, el.name, path, 'name', w);

  if (tag === 'form') {
    if (ctx.form) p(`form nested in form "${ctx.form.name}"`);
    else if (ctx.depth > 0) p('form must sit at the body root');
  }
  if (tag === 'table') {
    if (ctx.form) p(`table inside form "${ctx.form.name}"`);
    else if (ctx.depth > 0) p('table must sit at the body root');
  }
  if (tag === 'chart') w.charts += 1;
  if (FIELDS.has(tag)) {
    if (ctx.form) {
      if (typeof el.name !== 'string') p(`${tag} inside form "${ctx.form.name}" needs a card-unique name`);
      if (tag === 'button' && el.form_action_type === 'submit') ctx.form.hasSubmit = true;
    } else {
      if (el.required !== undefined) p(`${tag}.required only works inside a form`);
      if (el.form_action_type !== undefined) p('button.form_action_type only works inside a form');
    }
  }
  if (tag === 'input') {
    if (typeof el.max_length === 'number' && el.max_length > CARD_LIMITS.inputMaxLength) {
      p(`input max_length ${el.max_length} > ${CARD_LIMITS.inputMaxLength}`);
    }
    if (typeof el.default_value === 'string' && codePoints(el.default_value) > CARD_LIMITS.inputMaxLength) {
      p(`input default_value longer than ${CARD_LIMITS.inputMaxLength} characters`);
    }
  }
  if ((tag === 'select_static' || tag === 'multi_select_static') && Array.isArray(el.options)) {
    const values = el.options.map((o) => (isNode(o) ? o.value : undefined));
    if (new Set(values).size !== values.length) p(`${tag} has duplicate option values`);
  }

  if (!CONTAINERS.has(tag)) return;
  const depth = ctx.depth + 1;
  if (depth > CARD_LIMITS.maxContainerDepth) p(`containers nested ${depth} levels deep (max ${CARD_LIMITS.maxContainerDepth})`);
  const form = tag === 'form' && !ctx.form ? { name: String(el.name ?? ''), hasSubmit: false } : ctx.form;
  for (const [key, arr] of childArrays(el)) {
    arr.forEach((child, i) => walkElement(child, { path: `${path}.${key}[${i}]`, depth, form }, w));
  }
  if (tag === 'form' && form && form !== ctx.form && !form.hasSubmit) {
    p(`form "${form.name}" has no submit button (form_action_type "submit")`);
  }
}

/** All problems of a card: schema errors and the card-wide limits above. Empty means it may be sent. */
export function validateCard(card: unknown): string[] {
  const problems: string[] = [];
  const parsed = cardSchema.safeParse(card);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || '(card)'}: ${issue.message}`);
  }
  const bytes = cardBytes(card);
  if (bytes > CARD_LIMITS.maxBytes) problems.push(`card is ${bytes} bytes of JSON (max ${CARD_LIMITS.maxBytes})`);
  const components = countTagged(card);
  if (components > CARD_LIMITS.maxComponents) {
    problems.push(`card has ${components} components and elements (max ${CARD_LIMITS.maxComponents})`);
  }

  const w: Walk = { problems, names: new Map(), ids: new Map(), charts: 0 };
  const elements = isNode(card) && isNode(card.body) && Array.isArray(card.body.elements) ? card.body.elements : [];
  elements.forEach((el, i) => walkElement(el, { path: `body.elements[${i}]`, depth: 0, form: null }, w));
  if (w.charts > CARD_LIMITS.maxCharts) problems.push(`card has ${w.charts} charts (max ${CARD_LIMITS.maxCharts})`);
  return problems;
}

/** Throws with every problem listed; for tests and for builders' self-checks. */
export function assertValidCard(card: unknown): void {
  const problems = validateCard(card);
  if (problems.length > 0) throw new Error(`invalid card:\n- ${problems.join('\n- ')}`);
}
