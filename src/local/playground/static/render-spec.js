// The Card JSON 2.0 subset the renderer knows: the properties of cards/schema.ts, nothing more.
// A value is a type name ('string', 'boolean', 'number', 'object', 'array', 'elements'), a part name
// (checked recursively), 'list:<part>', '=<literal>', or an array of allowed strings. A leading '!'
// means required.

const ALIGN = ['left', 'center', 'right'];
const TEXT_SIZE = ['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal',
  'notation', 'xxxx-large', 'xxx-large', 'xx-large', 'x-large', 'large', 'medium', 'small', 'x-small'];
export const TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine',
  'violet', 'purple', 'indigo', 'grey', 'default'];
const TAG_COLORS = ['neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet',
  'green', 'yellow', 'red', 'purple', 'carmine'];
export const BUTTON_TYPES = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text',
  'primary_filled', 'danger_filled', 'laser'];

const COMMON = { element_id: 'string', margin: 'string' };
const FIELD = { ...COMMON, name: 'string', required: 'boolean', disabled: 'boolean', width: 'string' };
const LAYOUT = {
  direction: ['vertical', 'horizontal'], padding: 'string', vertical_spacing: 'string',
  horizontal_spacing: 'string', horizontal_align: ALIGN, vertical_align: ['top', 'center', 'bottom'],
};

/** Components, by tag. */
export const ELEMENTS = {
  markdown: { tag: '!string', ...COMMON, content: '!string', text_size: TEXT_SIZE, text_align: ALIGN },
  div: { tag: '!string', ...COMMON, text: '!plain_text' },
  hr: { tag: '!string', ...COMMON },
  img: {
    tag: '!string', ...COMMON, img_key: '!string', alt: '!plain_text',
    scale_type: ['crop_center', 'fit_horizontal', 'crop_top'], size: 'string', preview: 'boolean',
  },
  chart: {
    tag: '!string', ...COMMON, chart_spec: '!object', aspect_ratio: ['1:1', '2:1', '4:3', '16:9'],
    color_theme: ['brand', 'rainbow', 'complementary', 'converse', 'primary'], height: 'string', preview: 'boolean',
  },
  table: {
    tag: '!string', ...COMMON, page_size: 'number', row_height: 'string', freeze_first_column: 'boolean',
    header_style: 'table_header_style', columns: '!list:table_column', rows: '!array',
  },
  input: {
    tag: '!string', ...FIELD, placeholder: 'plain_text', default_value: 'string', label: 'plain_text',
    label_position: ['top', 'left'], input_type: ['text', 'multiline_text', 'password'], rows: 'number',
    auto_resize: 'boolean', max_rows: 'number', max_length: 'number',
  },
  select_static: {
    tag: '!string', ...FIELD, type: ['default', 'text'], placeholder: 'plain_text', options: '!list:option',
    initial_option: 'string',
  },
  multi_select_static: {
    tag: '!string', ...FIELD, type: ['default', 'text'], placeholder: 'plain_text', options: '!list:option',
    selected_values: 'array',
  },
  date_picker: { tag: '!string', ...FIELD, placeholder: 'plain_text', initial_date: 'string' },
  checker: {
    tag: '!string', ...COMMON, name: 'string', checked: 'boolean', text: '!plain_text', disabled: 'boolean',
    behaviors: 'list:behavior',
  },
  button: {
    tag: '!string', ...COMMON, text: '!plain_text', type: BUTTON_TYPES, size: ['tiny', 'small', 'medium', 'large'],
    width: 'string', name: 'string', form_action_type: ['submit', 'reset'], behaviors: 'list:behavior',
    confirm: 'confirm', disabled: 'boolean', disabled_tips: 'plain_text',
  },
  column_set: {
    tag: '!string', ...COMMON, flex_mode: ['none', 'stretch', 'flow', 'bisect', 'trisect'],
    horizontal_spacing: 'string', horizontal_align: ALIGN, background_style: 'string', columns: '!elements',
  },
  column: {
    tag: '!string', ...COMMON, ...LAYOUT, width: 'string', weight: 'number', background_style: 'string',
    elements: '!elements',
  },
  collapsible_panel: {
    tag: '!string', ...COMMON, ...LAYOUT, expanded: 'boolean', header: '!panel_header', border: 'panel_border',
    elements: '!elements',
  },
  form: { tag: '!string', ...COMMON, ...LAYOUT, name: '!string', elements: '!elements' },
};

/** Objects that are not components (no tag of their own, or a tag that is only a text kind). */
export const PARTS = {
  card: { schema: '!string', config: 'config', header: 'header', body: '!body' },
  config: {
    update_multi: 'boolean', enable_forward: 'boolean', width_mode: ['default', 'compact', 'fill'], summary: 'summary',
  },
  summary: { content: '!string' },
  header: {
    title: '!plain_text', subtitle: 'plain_text', template: TEMPLATES, icon: 'standard_icon',
    text_tag_list: 'list:text_tag', padding: 'string',
  },
  body: {
    direction: ['vertical', 'horizontal'], padding: 'string', vertical_spacing: 'string',
    horizontal_spacing: 'string', elements: '!elements',
  },
  plain_text: {
    tag: '!=plain_text', content: '!string', text_size: TEXT_SIZE, text_color: 'string', text_align: ALIGN, lines: 'number',
  },
  standard_icon: { tag: '!=standard_icon', token: '!string', color: 'string' },
  text_tag: { tag: '!=text_tag', text: '!plain_text', color: TAG_COLORS },
  option: { text: '!plain_text', value: '!string' },
  confirm: { title: '!plain_text', text: '!plain_text' },
  'behavior:callback': { type: '!string', value: '!object' },
  'behavior:open_url': { type: '!string', default_url: '!string', pc_url: 'string', ios_url: 'string', android_url: 'string' },
  table_header_style: {
    text_align: ALIGN, text_size: ['normal', 'heading'], background_style: ['none', 'grey'], bold: 'boolean', lines: 'number',
  },
  table_column: {
    name: '!string', display_name: 'string', width: 'string',
    data_type: ['text', 'number', 'date', 'options', 'persons'], horizontal_align: ALIGN,
  },
  panel_header: { title: '!plain_text', padding: 'string' },
  panel_border: { color: 'string', corner_radius: 'string' },
};

const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOk(v, type) {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'object': return isObj(v);
    case 'array': case 'elements': return Array.isArray(v);
    default: return false;
  }
}

function partSpec(name, v) {
  if (name !== 'behavior') return PARTS[name];
  return isObj(v) ? PARTS[`behavior:${v.type}`] : undefined;
}

/**
 * Checks one object against a spec, recursing into parts (not into child elements). Returns the
 * problems found, each prefixed with its path.
 */
export function check(obj, spec, path) {
  const problems = [];
  if (!isObj(obj)) return [`${path}: expected an object`];
  if (!spec) return [`${path}: unknown kind${obj.type !== undefined ? ` "${String(obj.type)}"` : ''}`];
  for (const key of Object.keys(obj)) {
    if (!(key in spec)) problems.push(`${path}: unknown property "${key}"`);
  }
  for (const [key, rule] of Object.entries(spec)) {
    const v = obj[key];
    const required = typeof rule === 'string' && rule.startsWith('!');
    if (v === undefined) {
      if (required) problems.push(`${path}: missing "${key}"`);
      continue;
    }
    const type = typeof rule === 'string' ? rule.replace(/^!/, '') : rule;
    const at = `${path}.${key}`;
    if (typeof type === 'string' && type.startsWith('=')) {
      if (v !== type.slice(1)) problems.push(`${at}: must be "${type.slice(1)}"`);
    } else if (Array.isArray(type)) {
      if (!type.includes(v)) problems.push(`${at}: "${String(v)}" is not one of ${type.join(', ')}`);
    } else if (type.startsWith('list:')) {
      const part = type.slice(5);
      if (!Array.isArray(v)) problems.push(`${at}: expected a list`);
      else v.forEach((x, i) => problems.push(...check(x, partSpec(part, x), `${at}[${i}]`)));
    } else if (PARTS[type]) {
      problems.push(...check(v, PARTS[type], at));
    } else if (!typeOk(v, type)) {
      problems.push(`${at}: expected ${type}`);
    }
  }
  return problems;
}
