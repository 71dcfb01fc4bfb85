// A strict renderer of the Card JSON 2.0 subset the bot emits (cards/schema.ts): a pure ES module
// used by the page and by Node tests. Anything it does not know becomes a visible `pg-error` box and
// an entry in `errors`, so a card the renderer refuses is caught before it reaches a real tenant.
import { ELEMENTS, PARTS, TEMPLATES, check } from './render-spec.js';
import { escapeHtml, markdownHtml, textHtml } from './render-markdown.js';
import { chartHtml } from './render-chart.js';

/** The properties the renderer accepts, by component tag and by part (for the schema sync test). */
export const KNOWN = { elements: ELEMENTS, parts: PARTS };

const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const attr = (v) => escapeHtml(String(v));
const cls = (...names) => names.filter(Boolean).join(' ');
const word = (v) => (typeof v === 'string' && /^[a-z0-9_:-]+$/i.test(v) ? v.replace(':', '-') : '');

function errorBox(ctx, problems) {
  ctx.errors.push(...problems);
  return `<div class="pg-error"><b>Card error</b><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>`;
}

function plain(t, extra = '') {
  if (!isObj(t) || typeof t.content !== 'string') return '';
  const classes = cls('pg-text', extra, t.text_size && `pg-size-${word(t.text_size)}`,
    t.text_color && `pg-c-${word(t.text_color)}`, t.text_align && `pg-al-${word(t.text_align)}`, t.lines && 'pg-clamp');
  return `<span class="${classes}">${textHtml(t.content)}</span>`;
}

function callbackValue(el) {
  const b = Array.isArray(el.behaviors) ? el.behaviors.find((x) => isObj(x) && x.type === 'callback') : undefined;
  return b ? b.value : undefined;
}

function children(list, path, ctx) {
  return Array.isArray(list) ? list.map((el, i) => renderElement(el, `${path}[${i}]`, ctx)).join('') : '';
}

function field(el, inner) {
  const label = el.label ? `<label class="pg-label">${plain(el.label)}${el.required ? '<i class="pg-req">*</i>' : ''}</label>` : '';
  return `<div class="${cls('pg-field', el.label_position === 'left' && 'pg-field-left',
    el.width === 'fill' && 'pg-fill')}">${label}${inner}</div>`;
}

/** name / required / disabled attributes of a form field (with a leading space). */
function common(el) {
  const parts = [];
  if (typeof el.name === 'string') parts.push(`name="${attr(el.name)}"`);
  if (el.required) parts.push('required data-pg-required');
  if (el.disabled) parts.push('disabled');
  return parts.map((p) => ` ${p}`).join('');
}

const placeholderOf = (el) => (isObj(el.placeholder) && typeof el.placeholder.content === 'string' ? el.placeholder.content : '');

const RENDER = {
  markdown: (el) => `<div class="${cls('pg-md', el.text_size && `pg-size-${word(el.text_size)}`,
    el.text_align && `pg-al-${word(el.text_align)}`)}">${markdownHtml(el.content)}</div>`,
  div: (el) => `<div class="pg-div">${plain(el.text)}</div>`,
  hr: () => '<hr class="pg-hr">',
  img: (el) => `<div class="pg-img"><span class="pg-img-badge">图片</span>${plain(el.alt)}<small>${escapeHtml(el.img_key)}</small></div>`,
  chart(el, path, ctx) {
    const { html, errors } = chartHtml(el.chart_spec, el.aspect_ratio);
    return errors.length ? errorBox(ctx, errors.map((e) => `${path}: ${e}`)) : html;
  },
  table: (el) => tableHtml(el),
  input(el) {
    const ph = placeholderOf(el);
    const base = `${common(el)} placeholder="${attr(ph)}"${el.max_length ? ` maxlength="${attr(el.max_length)}"` : ''}`;
    const value = typeof el.default_value === 'string' ? el.default_value : '';
    const control = el.input_type === 'multiline_text'
      ? `<textarea class="pg-input" rows="${attr(el.rows ?? 3)}"${base}>${escapeHtml(value)}</textarea>`
      : `<input class="pg-input" type="${el.input_type === 'password' ? 'password' : 'text'}"${base} value="${attr(value)}">`;
    return field(el, control);
  },
  select_static(el) {
    const opts = (el.options ?? []).map((o) =>
      `<option value="${attr(o.value)}"${o.value === el.initial_option ? ' selected' : ''}>${escapeHtml(o.text?.content ?? '')}</option>`);
    const none = el.initial_option === undefined ? ' selected' : '';
    return field(el, `<select class="pg-select"${common(el)}>` +
      `<option value="" disabled hidden${none}>${escapeHtml(placeholderOf(el) || '请选择')}</option>${opts.join('')}</select>`);
  },
  multi_select_static(el) {
    const chosen = new Set(Array.isArray(el.selected_values) ? el.selected_values : []);
    const opts = (el.options ?? []).map((o) => `<label class="pg-chip"><input type="checkbox" value="${attr(o.value)}"` +
      `${chosen.has(o.value) ? ' checked' : ''}${el.disabled ? ' disabled' : ''}>${escapeHtml(o.text?.content ?? '')}</label>`);
    const name = typeof el.name === 'string' ? ` data-name="${attr(el.name)}"` : '';
    const ph = placeholderOf(el) ? `<div class="pg-ph">${escapeHtml(placeholderOf(el))}</div>` : '';
    return field(el, `<div class="pg-multi" data-pg-multi${name}${el.required ? ' data-pg-required' : ''}>${ph}${opts.join('')}</div>`);
  },
  date_picker(el) {
    const ph = placeholderOf(el) ? `<span class="pg-ph">${escapeHtml(placeholderOf(el))}</span>` : '';
    return field(el, `${ph}<input class="pg-input" type="date" data-pg-date${common(el)} value="${attr(el.initial_date ?? '')}">`);
  },
  checker(el, path, ctx) {
    const value = callbackValue(el);
    const data = value !== undefined && !ctx.form ? ` data-pg-check="${attr(JSON.stringify(value))}"` : '';
    return `<label class="pg-checker"><input type="checkbox" data-pg-checker${common(el)}${el.checked ? ' checked' : ''}${data}>` +
      `${plain(el.text)}</label>`;
  },
  button(el, path, ctx) {
    const value = callbackValue(el);
    const url = Array.isArray(el.behaviors) ? el.behaviors.find((b) => isObj(b) && b.type === 'open_url') : undefined;
    const kind = el.form_action_type ?? (value !== undefined ? 'callback' : url ? 'url' : 'none');
    let box = '';
    if (url && !/^https?:\/\//i.test(url.default_url ?? '')) box = errorBox(ctx, [`${path}: open_url must be an http(s) URL`]);
    const data = [
      `data-pg-button="${attr(kind)}"`,
      value !== undefined ? `data-pg-value="${attr(JSON.stringify(value))}"` : '',
      url && !box ? `data-pg-url="${attr(url.default_url)}"` : '',
      typeof el.name === 'string' ? `data-pg-name="${attr(el.name)}"` : '',
      isObj(el.confirm) ? `data-pg-confirm="${attr(`${el.confirm.title?.content ?? ''}\n${el.confirm.text?.content ?? ''}`)}"` : '',
      el.disabled ? 'disabled' : '',
    ].filter(Boolean).join(' ');
    const classes = cls('pg-btn', `pg-btn-${word(el.type) || 'default'}`, el.size && `pg-btn-${word(el.size)}`,
      el.width === 'fill' && 'pg-fill');
    return `${box}<button type="button" class="${classes}" ${data}>${escapeHtml(el.text?.content ?? '')}</button>`;
  },
  column_set(el, path, ctx) {
    const cols = (el.columns ?? []).map((col, i) => {
      const at = `${path}.columns[${i}]`;
      if (!isObj(col) || col.tag !== 'column') return errorBox(ctx, [`${at}: a column_set holds only "column" components`]);
      const problems = check(col, ELEMENTS.column, at);
      const width = col.width === 'auto'
        ? 'pg-col-auto'
        : /px$/.test(col.width ?? '') ? 'pg-col-fixed' : `pg-w-${Math.min(5, Math.max(1, col.weight ?? 1))}`;
      const classes = cls('pg-col', width, col.vertical_align && `pg-va-${word(col.vertical_align)}`,
        col.background_style && col.background_style !== 'default' && 'pg-col-bg');
      return `${problems.length ? errorBox(ctx, problems) : ''}` +
        `<div class="${classes}">${children(col.elements, `${at}.elements`, ctx)}</div>`;
    });
    return `<div class="${cls('pg-cols', `pg-flex-${word(el.flex_mode) || 'none'}`)}">${cols.join('')}</div>`;
  },
  collapsible_panel: (el, path, ctx) =>
    `<details class="pg-panel"${el.expanded ? ' open' : ''}><summary>${plain(el.header?.title)}</summary>` +
      `<div class="pg-panel-body">${children(el.elements, `${path}.elements`, ctx)}</div></details>`,
  form(el, path, ctx) {
    if (ctx.form) return errorBox(ctx, [`${path}: form inside form "${ctx.form}"`]);
    const inner = children(el.elements, `${path}.elements`, { ...ctx, form: el.name });
    return `<form class="pg-form" data-pg-form="${attr(el.name)}" novalidate>${inner}</form>`;
  },
};

function cellHtml(v, type) {
  if (Array.isArray(v)) {
    return v.map((x) => `<span class="pg-chip">${escapeHtml(isObj(x) ? x.text ?? x.name ?? x.id ?? '' : x)}</span>`).join('');
  }
  if (type === 'date' && typeof v === 'number') return escapeHtml(new Date(v).toISOString().slice(0, 10));
  return textHtml(v ?? '');
}

function tableHtml(el) {
  const cols = el.columns ?? [];
  const size = el.page_size ?? 5;
  const rows = Array.isArray(el.rows) ? el.rows : [];
  const head = `<thead${el.header_style?.background_style === 'grey' ? ' class="pg-th-grey"' : ''}><tr>` +
    `${cols.map((c) => `<th>${escapeHtml(c.display_name ?? c.name)}</th>`).join('')}</tr></thead>`;
  const pages = [];
  for (let i = 0; i < rows.length || i === 0; i += size) pages.push(rows.slice(i, i + size));
  const bodies = pages.map((page, p) => `<tbody data-pg-page="${p}"${p > 0 ? ' hidden' : ''}>${page.map((r) =>
    `<tr>${cols.map((c) => `<td class="${c.data_type === 'number' ? 'pg-num' : ''}">` +
      `<div class="pg-cell">${cellHtml(isObj(r) ? r[c.name] : '', c.data_type)}</div></td>`).join('')}</tr>`).join('')}</tbody>`);
  const pager = pages.length > 1
    ? `<div class="pg-pager" data-pg-pages="${pages.length}"><button type="button" data-pg-step="-1">‹</button>` +
      `<span>1 / ${pages.length}</span><button type="button" data-pg-step="1">›</button></div>`
    : '';
  return `<div class="pg-table"><table>${head}${bodies.join('')}</table>${pager}</div>`;
}

function renderElement(el, path, ctx) {
  if (!isObj(el) || typeof el.tag !== 'string') return errorBox(ctx, [`${path}: not a component (no tag)`]);
  const spec = ELEMENTS[el.tag];
  if (!spec || el.tag === 'column') return errorBox(ctx, [`${path}: unknown tag "${el.tag}"`]);
  const problems = check(el, spec, path);
  return (problems.length ? errorBox(ctx, problems) : '') + RENDER[el.tag](el, path, ctx);
}

function headerHtml(h) {
  if (!isObj(h)) return '';
  const template = TEMPLATES.includes(h.template) ? h.template : 'default';
  const tags = Array.isArray(h.text_tag_list)
    ? h.text_tag_list
      .map((t) => `<span class="pg-tag pg-tag-${word(t?.color) || 'neutral'}">${escapeHtml(t?.text?.content ?? '')}</span>`)
      .join('')
    : '';
  const icon = isObj(h.icon) ? '<span class="pg-icon">◆</span>' : '';
  return `<div class="pg-head pg-tpl-${template}"><div class="pg-title">${icon}${plain(h.title)}${tags}</div>` +
    `${h.subtitle ? `<div class="pg-subtitle">${plain(h.subtitle)}</div>` : ''}</div>`;
}

/** Renders one card (the parsed `content` of an interactive message). Never throws. */
export function renderCard(card) {
  const ctx = { errors: [], form: null };
  const problems = check(card, PARTS.card, 'card');
  if (isObj(card) && card.schema !== '2.0') problems.push(`card.schema: "${String(card.schema)}" is not "2.0"`);
  const top = problems.length ? errorBox(ctx, problems) : '';
  const c = isObj(card) ? card : {};
  const body = isObj(c.body) ? children(c.body.elements, 'body.elements', ctx) : '';
  const html = `<div class="pg-card">${headerHtml(c.header)}<div class="pg-body">${top}${body}</div></div>`;
  return { html, errors: ctx.errors };
}
