/**
 * Tiny typed builders for Card JSON 2.0 (cards/schema.ts). Rules they keep:
 * - text from users goes into `plain_text` (`div`, `plainText`, labels, table `text` cells) or through
 *   `escapeMarkdown` / `safeMd`; `md` takes trusted text only (the message catalog, our own formatting);
 * - every button value is a `CardAction` validated by cards/actions.ts;
 * - builders throw on programmer errors (an input longer than Lark allows, a chart spec with functions).
 */
import { actionValue, type CardActionInput } from './actions.js';
import { INPUT_MAX_LENGTH } from './schema.js';
import type {
  ButtonElement, Card, CardElement, ChartElement, CollapsiblePanelElement, ColumnElement, ColumnSetElement,
  DatePickerElement, DivElement, FormElement, HeaderTemplate, HrElement, InputElement, MarkdownElement,
  MultiSelectStaticElement, PlainText, SelectStaticElement, TableElement,
} from './types.js';

// Lark markdown (2.0) renders CommonMark plus GFM-ish autolinks, :EMOJI: codes and tags such as <at id=all>,
// <font>, <link>, <a>, <raw> (LARK.md §3.4; breaking-changes doc). So user text is neutralised:
// - C0/C1 controls, bidi overrides/isolates/marks, BOM and zero-width spaces are dropped;
// - & < > and Markdown punctuation become numeric entities (kills tags, links, images, headings, lists,
//   quotes, code, tables, emphasis); CommonMark treats an entity as literal text, never as markup
//   [unverified for Lark's renderer: the 2.0 rich-text doc lists escapes; check with a real card];
// - a zero-width space is put inside "://", "www.", dotted domains, e-mail "@" and ":word" so nothing
//   auto-links or turns into an emoji even if the renderer decodes entities before linking;
// - leading indentation is removed (no indented code blocks).
const STRIP = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const SPECIAL = /[&<>\\`*_~[\]()#+\-.!|{}="'$^:@]/g;
const ZWSP = '\u200B';

interface EscapeOpts {
  /** Longest input kept, in characters (default 1000); longer text is cut and ends with "…". */
  max?: number;
  /** Newlines become spaces (for one-line contexts such as list items). */
  singleLine?: boolean;
}

/** Makes user text safe to place inside a `markdown` element. */
export function escapeMarkdown(text: string, { max = 1000, singleLine = false }: EscapeOpts = {}): string {
  let s = text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ').replace(STRIP, '');
  const chars = [...s];
  if (chars.length > max) s = `${chars.slice(0, max).join('')}…`;
  s = singleLine ? s.replace(/\s*\n\s*/g, ' ') : s.split('\n').map((l) => l.trimStart()).join('\n').replace(/\n{3,}/g, '\n\n');
  s = s
    .replace(/:(?=[\p{L}\p{N}_/])/gu, `:${ZWSP}`)
    .replace(/(?<=[\p{L}\p{N}_])@(?=[\p{L}\p{N}_])/gu, `@${ZWSP}`)
    .replace(/(?<=[A-Za-z0-9-])\.(?=[A-Za-z0-9])/g, `${ZWSP}.`);
  return s.replace(SPECIAL, (c) => `&#${c.codePointAt(0)};`);
}

/** Tagged template: the literal parts are trusted markdown, every interpolation is escaped (one line). */
export function safeMd(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, lit, i) =>
    out + lit + (i < values.length ? escapeMarkdown(String(values[i]), { singleLine: true, max: 200 }) : ''), '');
}

interface CardInput {
  title: string;
  subtitle?: string;
  template?: HeaderTemplate;
  elements: CardElement[];
  /** Chat-list preview text; defaults to the title. */
  summary?: string;
  /** A personal card (opinion form, receipt, ballot): not forwardable, so it is never used in someone else's chat. */
  personal?: boolean;
}

/** Cuts text to `max` characters (code points), ending with "…"; for names and titles shown on cards. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A whole card. Title and subtitle are plain text (so they may carry names), clipped to 100 characters. */
export function card({ title, subtitle, template = 'blue', elements, summary, personal }: CardInput): Card {
  return {
    schema: '2.0',
    config: {
      update_multi: true, width_mode: 'fill', ...(personal ? { enable_forward: false } : {}),
      ...(summary ? { summary: { content: clip(summary, 100) } } : {}),
    },
    header: { title: plainText(clip(title, 100)), ...(subtitle ? { subtitle: plainText(clip(subtitle, 100)) } : {}), template },
    body: { elements },
  };
}

function plainText(content: string, opts: Omit<PlainText, 'tag' | 'content'> = {}): PlainText {
  return { tag: 'plain_text', content, ...opts };
}

/** Markdown from TRUSTED text only. Anything a user typed goes through `escapeMarkdown` or `safeMd` first. */
export function md(content: string, opts: Pick<MarkdownElement, 'text_size' | 'text_align'> = {}): MarkdownElement {
  return { tag: 'markdown', content, ...opts };
}

/** Plain text block: the safe place for untrusted text (rendered literally). */
export function div(text: string, opts: Omit<PlainText, 'tag' | 'content'> = {}): DivElement {
  return { tag: 'div', text: plainText(text, opts) };
}

/** Small grey line: 2.0 dropped the `note` component and suggests notation-size plain text instead. */
export function noteText(text: string): DivElement {
  return div(text, { text_size: 'notation', text_color: 'grey' });
}

export function hr(): HrElement {
  return { tag: 'hr' };
}

type ColumnInput = CardElement[] | { elements: CardElement[]; weight?: number; width?: 'auto' | 'weighted' };

/** Side-by-side columns; `flow` wraps on narrow phones. */
export function columns(cols: ColumnInput[], flexMode: ColumnSetElement['flex_mode'] = 'none'): ColumnSetElement {
  const toColumn = (c: ColumnInput): ColumnElement => {
    const { elements, weight, width } = Array.isArray(c) ? { elements: c, weight: 1, width: 'weighted' as const } : c;
    return {
      tag: 'column',
      width: width ?? 'weighted',
      ...(weight !== undefined && width !== 'auto' ? { weight } : {}),
      vertical_align: 'center',
      elements,
    };
  };
  return { tag: 'column_set', flex_mode: flexMode, horizontal_spacing: 'small', columns: cols.map(toColumn) };
}

interface ButtonOpts {
  type?: ButtonElement['type'];
  size?: ButtonElement['size'];
  width?: ButtonElement['width'];
  /** A confirmation dialog; both strings are plain text. */
  confirm?: { title: string; text: string };
  disabled?: boolean;
}

function buttonBase(label: string, opts: ButtonOpts): ButtonElement {
  return {
    tag: 'button',
    text: plainText(label),
    type: opts.type ?? 'default',
    ...(opts.size ? { size: opts.size } : {}),
    ...(opts.width ? { width: opts.width } : {}),
    ...(opts.confirm ? { confirm: { title: plainText(opts.confirm.title), text: plainText(opts.confirm.text) } } : {}),
    ...(opts.disabled ? { disabled: true } : {}),
  };
}

/** A standalone button: in 2.0 a click is a `callback` behavior carrying the action as its value. */
export function button(label: string, action: CardActionInput, opts: ButtonOpts = {}): ButtonElement {
  return { ...buttonBase(label, opts), behaviors: [{ type: 'callback', value: actionValue(action) }] };
}

/** A button that opens a link (our own URLs only, never user text). */
export function linkButton(label: string, url: string, opts: ButtonOpts = {}): ButtonElement {
  if (!/^https:\/\//.test(url)) throw new Error(`linkButton needs an https URL, got ${url}`);
  return { ...buttonBase(label, opts), behaviors: [{ type: 'open_url', default_url: url }] };
}

/**
 * A form's submit button: `form_action_type: "submit"` plus a callback value, so the handler gets both
 * the action (`action.value`) and the fields (`action.form_value`). Its `name` must be card-unique.
 */
export function formButton(label: string, action: CardActionInput, opts: ButtonOpts & { name: string }): ButtonElement {
  return {
    ...buttonBase(label, { type: 'primary_filled', ...opts }),
    name: opts.name,
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: actionValue(action) }],
  };
}

/** Clears the form locally; sends nothing. */
export function resetButton(label: string, name: string): ButtonElement {
  return { ...buttonBase(label, {}), name, form_action_type: 'reset' };
}

interface InputOpts {
  name: string;
  label?: string;
  placeholder?: string;
  required?: boolean;
  /** 1–1000 (Lark's limit); defaults to 1000. */
  maxLength?: number;
  defaultValue?: string;
  multiline?: boolean;
  rows?: number;
}

/** A text field (inside a form). Longer text needs several inputs or a link to a Lark document. */
export function input(o: InputOpts): InputElement {
  const maxLength = o.maxLength ?? INPUT_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > INPUT_MAX_LENGTH) {
    throw new RangeError(`input max_length must be 1–${INPUT_MAX_LENGTH}, got ${maxLength}`);
  }
  if (o.defaultValue !== undefined && [...o.defaultValue].length > maxLength) {
    throw new RangeError(`input default_value longer than ${maxLength}`);
  }
  return {
    tag: 'input',
    name: o.name,
    max_length: maxLength,
    ...(o.required !== undefined ? { required: o.required } : {}),
    ...(o.label ? { label: plainText(o.label), label_position: 'top' as const } : {}),
    ...(o.placeholder ? { placeholder: plainText(o.placeholder) } : {}),
    ...(o.defaultValue !== undefined ? { default_value: o.defaultValue } : {}),
    ...(o.multiline ? { input_type: 'multiline_text' as const, rows: o.rows ?? 4 } : {}),
    width: 'fill',
  };
}

interface Option { label: string; value: string }
interface SelectOpts { name: string; options: Option[]; placeholder?: string; required?: boolean }
const toOptions = (options: Option[]) => options.map((o) => ({ text: plainText(o.label), value: o.value }));

export function select(o: SelectOpts & { initial?: string }): SelectStaticElement {
  return {
    tag: 'select_static', name: o.name, options: toOptions(o.options), width: 'fill',
    ...(o.placeholder ? { placeholder: plainText(o.placeholder) } : {}),
    ...(o.required !== undefined ? { required: o.required } : {}),
    ...(o.initial !== undefined ? { initial_option: o.initial } : {}),
  };
}

export function multiSelect(o: SelectOpts & { selected?: string[] }): MultiSelectStaticElement {
  return {
    tag: 'multi_select_static', name: o.name, options: toOptions(o.options), width: 'fill',
    ...(o.placeholder ? { placeholder: plainText(o.placeholder) } : {}),
    ...(o.required !== undefined ? { required: o.required } : {}),
    ...(o.selected ? { selected_values: o.selected } : {}),
  };
}

/** Lark answers with "YYYY-MM-DD +0800" in `form_value`. */
export function datePicker(o: { name: string; placeholder?: string; required?: boolean; initialDate?: string }): DatePickerElement {
  return {
    tag: 'date_picker', name: o.name, width: 'fill',
    ...(o.placeholder ? { placeholder: plainText(o.placeholder) } : {}),
    ...(o.required !== undefined ? { required: o.required } : {}),
    ...(o.initialDate ? { initial_date: o.initialDate } : {}),
  };
}

/**
 * A field's visible label: a plain-text line right above it. Select, multi-select and date picker have no
 * label property in Card JSON 2.0, and a placeholder disappears once something is chosen.
 */
export function fieldLabel(text: string): DivElement {
  return div(text);
}

/** A form: only at the body root, no table or form inside, needs a submit button (see validate.ts). */
export function form(name: string, elements: CardElement[]): FormElement {
  return { tag: 'form', name, vertical_spacing: 'medium', elements };
}

function hasFunction(v: unknown): boolean {
  if (typeof v === 'function') return true;
  if (Array.isArray(v)) return v.some(hasFunction);
  return typeof v === 'object' && v !== null && Object.values(v).some(hasFunction);
}

/** A VChart spec; Lark runs no JavaScript in cards, so functions (formatters) are refused. */
export function chart(
  spec: Record<string, unknown>, opts: Pick<ChartElement, 'aspect_ratio' | 'color_theme' | 'height'> = {},
): ChartElement {
  if (hasFunction(spec)) throw new Error('chart spec must be plain JSON (no formatter functions)');
  return { tag: 'chart', chart_spec: spec, aspect_ratio: opts.aspect_ratio ?? '4:3', ...opts };
}

export interface TableColumn { key: string; label: string; type?: 'text' | 'number'; width?: string }

/** A table (body root only). Cells are `text` or `number`: rendered literally. */
export function table(o: { columns: TableColumn[]; rows: Record<string, string | number>[]; pageSize?: number }): TableElement {
  return {
    tag: 'table',
    page_size: o.pageSize ?? 10,
    header_style: { background_style: 'grey', bold: true },
    columns: o.columns.map((c) => ({
      name: c.key, display_name: c.label, data_type: c.type ?? 'text', ...(c.width ? { width: c.width } : {}),
    })),
    rows: o.rows,
  };
}

/** A folded section; the title is plain text. */
export function collapsible(title: string, elements: CardElement[], expanded = false): CollapsiblePanelElement {
  return { tag: 'collapsible_panel', expanded, header: { title: plainText(title) }, elements };
}
