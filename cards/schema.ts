/**
 * Zod schema of the Card JSON 2.0 subset we emit. Every object is strict: 2.0 rejects unknown
 * properties ("在 JSON 2.0 版本中，传入不支持的属性将报错",
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-breaking-changes-release-notes).
 * The card-wide rules (size, component count, names, nesting) live in ./validate.ts, which imports this file.
 *
 * Sources, read for this file:
 * - Structure: https://open.feishu.cn/document/feishu-cards/card-json-v2-structure — schema/config/
 *   card_link/header/body; header.template ∈ the 13 colours below; text_tag_list ≤ 3 shown; element_id
 *   is letters/digits/_ , starts with a letter, ≤ 20 chars, unique in the card; "一张卡片最多支持 200 个元素
 *   （如 tag 为 plain_text 的文本元素）或组件".
 * - Breaking changes (URL above): update_multi only true; no i18n_elements, no fallback; the `note`
 *   component and the `action` module are gone in 2.0 (use plain text with notation size instead);
 *   form / interactive_container / collapsible_panel / column_set may hold every component except
 *   `form` and `table`; markdown accepts standard Markdown plus <at> <a> <link> <font> <text_tag>
 *   <person> <local_datetime> <raw> <br> <hr>.
 * - Form: https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/form-container
 *   — only at the card root, no table or form inside, containers nest at most five levels.
 * - Input: https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/input
 *   (name, required only inside a form, placeholder, default_value, element_id, margin) and larksuite/cli
 *   skills/lark-im/references/card/components/input.md (label, label_position, input_type text |
 *   multiline_text | password, rows, auto_resize, max_rows, max_length 1–1000 default 1000, width).
 * - Button, select_static: larksuite/cli …/components/button.md, select_static.md (type/size/width enums,
 *   behaviors callback | open_url, confirm {title,text}, options[].text plain_text, value unique).
 *   In a form a button uses `form_action_type` and a card-unique `name`.
 * - Chart: https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/chart
 *   (chart_spec is a VChart spec without JS; ≤ 5 charts per card recommended; LARK.md §3.3).
 */
import { z } from 'zod';

const elementId = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/, 'element_id: letters, digits, _; starts with a letter; ≤ 20');
const common = { element_id: elementId.optional(), margin: z.string().optional() };
const spacing = z.string(); // "small" | "medium" | "large" | "extra_large" | "[0,99]px"
const width = z.union([z.enum(['default', 'fill']), z.string().regex(/^\d+px$/)]);

export const TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine',
  'violet', 'purple', 'indigo', 'grey', 'default'] as const;
const textTagColor = z.enum(['neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet',
  'green', 'yellow', 'red', 'purple', 'carmine']);
const textSize = z.enum(['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal',
  'notation', 'xxxx-large', 'xxx-large', 'xx-large', 'x-large', 'large', 'medium', 'small', 'x-small']);
const align = z.enum(['left', 'center', 'right']);

/** `plain_text` renders literally: the place for untrusted text. */
export const plainTextSchema = z.strictObject({
  tag: z.literal('plain_text'),
  content: z.string(),
  text_size: textSize.optional(),
  text_color: z.string().optional(),
  text_align: align.optional(),
  lines: z.int().min(1).optional(),
});

const iconSchema = z.strictObject({ tag: z.literal('standard_icon'), token: z.string(), color: z.string().optional() });

export const headerSchema = z.strictObject({
  title: plainTextSchema,
  subtitle: plainTextSchema.optional(),
  template: z.enum(TEMPLATES).optional(),
  icon: iconSchema.optional(),
  text_tag_list: z.array(z.strictObject({ tag: z.literal('text_tag'), text: plainTextSchema, color: textTagColor }))
    .max(3).optional(),
  padding: z.string().optional(),
});

export const configSchema = z.strictObject({
  update_multi: z.literal(true).optional(), // 2.0 supports only shared cards
  enable_forward: z.boolean().optional(),
  width_mode: z.enum(['default', 'compact', 'fill']).optional(),
  summary: z.strictObject({ content: z.string() }).optional(),
});

const callbackBehaviorSchema = z.strictObject({
  type: z.literal('callback'),
  value: z.record(z.string(), z.unknown()),
});
export const behaviorSchema = z.discriminatedUnion('type', [
  callbackBehaviorSchema,
  z.strictObject({
    type: z.literal('open_url'),
    default_url: z.string(),
    pc_url: z.string().optional(),
    ios_url: z.string().optional(),
    android_url: z.string().optional(),
  }),
]);
const confirmSchema = z.strictObject({ title: plainTextSchema, text: plainTextSchema });

export const markdownSchema = z.strictObject({
  tag: z.literal('markdown'), ...common,
  content: z.string(),
  text_size: textSize.optional(),
  text_align: align.optional(),
});
export const divSchema = z.strictObject({ tag: z.literal('div'), ...common, text: plainTextSchema });
export const hrSchema = z.strictObject({ tag: z.literal('hr'), ...common });
export const imgSchema = z.strictObject({
  tag: z.literal('img'), ...common,
  img_key: z.string(),
  alt: plainTextSchema,
  scale_type: z.enum(['crop_center', 'fit_horizontal', 'crop_top']).optional(),
  size: z.string().optional(),
  preview: z.boolean().optional(),
});
export const chartSchema = z.strictObject({
  tag: z.literal('chart'), ...common,
  chart_spec: z.record(z.string(), z.unknown()),
  aspect_ratio: z.enum(['1:1', '2:1', '4:3', '16:9']).optional(),
  color_theme: z.enum(['brand', 'rainbow', 'complementary', 'converse', 'primary']).optional(),
  height: z.string().optional(),
  preview: z.boolean().optional(),
});
const cellSchema = z.union([z.string(), z.number(), z.array(z.record(z.string(), z.unknown()))]);
export const tableSchema = z.strictObject({
  tag: z.literal('table'), ...common,
  page_size: z.int().min(1).max(10).optional(),
  row_height: z.string().optional(),
  freeze_first_column: z.boolean().optional(),
  header_style: z.strictObject({
    text_align: align.optional(),
    text_size: z.enum(['normal', 'heading']).optional(),
    background_style: z.enum(['none', 'grey']).optional(),
    bold: z.boolean().optional(),
    lines: z.int().min(1).optional(),
  }).optional(),
  columns: z.array(z.strictObject({
    name: z.string(),
    display_name: z.string().optional(),
    width: z.string().optional(),
    // `text` renders literally; we never emit `lark_md`/`markdown` cells (user text).
    data_type: z.enum(['text', 'number', 'date', 'options', 'persons']),
    horizontal_align: align.optional(),
  })).min(1).max(50),
  rows: z.array(z.record(z.string(), cellSchema)),
});

const fieldCommon = {
  ...common,
  name: z.string().min(1).optional(), // required (and card-unique) inside a form: checked in validate.ts
  required: z.boolean().optional(),
  disabled: z.boolean().optional(),
  width: width.optional(),
};
export const INPUT_MAX_LENGTH = 1000;
export const inputSchema = z.strictObject({
  tag: z.literal('input'), ...fieldCommon,
  placeholder: plainTextSchema.optional(),
  default_value: z.string().optional(),
  label: plainTextSchema.optional(),
  label_position: z.enum(['top', 'left']).optional(),
  input_type: z.enum(['text', 'multiline_text', 'password']).optional(),
  rows: z.int().min(1).optional(),
  auto_resize: z.boolean().optional(),
  max_rows: z.int().min(1).optional(),
  max_length: z.int().min(1).max(INPUT_MAX_LENGTH).optional(),
});
const optionSchema = z.strictObject({ text: plainTextSchema, value: z.string() });
export const selectStaticSchema = z.strictObject({
  tag: z.literal('select_static'), ...fieldCommon,
  type: z.enum(['default', 'text']).optional(),
  placeholder: plainTextSchema.optional(),
  options: z.array(optionSchema),
  initial_option: z.string().optional(),
});
export const multiSelectStaticSchema = z.strictObject({
  tag: z.literal('multi_select_static'), ...fieldCommon,
  type: z.enum(['default', 'text']).optional(),
  placeholder: plainTextSchema.optional(),
  options: z.array(optionSchema),
  selected_values: z.array(z.string()).optional(),
});
export const datePickerSchema = z.strictObject({
  tag: z.literal('date_picker'), ...fieldCommon,
  placeholder: plainTextSchema.optional(),
  initial_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export const checkerSchema = z.strictObject({
  tag: z.literal('checker'), ...common,
  name: z.string().min(1).optional(),
  checked: z.boolean().optional(),
  text: plainTextSchema,
  disabled: z.boolean().optional(),
  behaviors: z.array(behaviorSchema).optional(),
});
export const buttonSchema = z.strictObject({
  tag: z.literal('button'), ...common,
  text: plainTextSchema,
  type: z.enum(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled',
    'danger_filled', 'laser']).optional(),
  size: z.enum(['tiny', 'small', 'medium', 'large']).optional(),
  width: width.optional(),
  name: z.string().min(1).optional(),
  form_action_type: z.enum(['submit', 'reset']).optional(),
  behaviors: z.array(behaviorSchema).min(1).optional(),
  confirm: confirmSchema.optional(),
  disabled: z.boolean().optional(),
  disabled_tips: plainTextSchema.optional(),
});

const containerLayout = {
  direction: z.enum(['vertical', 'horizontal']).optional(),
  padding: z.string().optional(),
  vertical_spacing: spacing.optional(),
  horizontal_spacing: spacing.optional(),
  horizontal_align: align.optional(),
  vertical_align: z.enum(['top', 'center', 'bottom']).optional(),
};

const columnBase = z.strictObject({
  tag: z.literal('column'), ...common, ...containerLayout,
  width: z.union([z.enum(['auto', 'weighted']), z.string().regex(/^\d+px$/)]).optional(),
  weight: z.int().min(1).max(5).optional(),
  background_style: z.string().optional(),
});
const columnSetBase = z.strictObject({
  tag: z.literal('column_set'), ...common,
  flex_mode: z.enum(['none', 'stretch', 'flow', 'bisect', 'trisect']).optional(),
  horizontal_spacing: spacing.optional(),
  horizontal_align: align.optional(),
  background_style: z.string().optional(),
});
const panelBase = z.strictObject({
  tag: z.literal('collapsible_panel'), ...common, ...containerLayout,
  expanded: z.boolean().optional(),
  header: z.strictObject({ title: plainTextSchema, padding: z.string().optional() }),
  border: z.strictObject({ color: z.string().optional(), corner_radius: z.string().optional() }).optional(),
});
const formBase = z.strictObject({ tag: z.literal('form'), ...common, ...containerLayout, name: z.string().min(1) });

const leafSchemas = [
  markdownSchema, divSchema, hrSchema, imgSchema, chartSchema, tableSchema,
  inputSchema, selectStaticSchema, multiSelectStaticSchema, datePickerSchema, checkerSchema, buttonSchema,
] as const;
type Leaf = z.infer<(typeof leafSchemas)[number]>;

// The recursive field is spelled once here; everything else is inferred from the schemas.
export type ColumnElement = z.infer<typeof columnBase> & { elements: CardElement[] };
export type ColumnSetElement = z.infer<typeof columnSetBase> & { columns: ColumnElement[] };
export type CollapsiblePanelElement = z.infer<typeof panelBase> & { elements: CardElement[] };
export type FormElement = z.infer<typeof formBase> & { elements: CardElement[] };
export type CardElement = Leaf | ColumnSetElement | CollapsiblePanelElement | FormElement;

const children = z.array(z.lazy((): z.ZodType<CardElement> => elementSchema));
export const columnSchema = columnBase.extend({ elements: children });
export const columnSetSchema = columnSetBase.extend({ columns: z.array(columnSchema) });
export const collapsiblePanelSchema = panelBase.extend({ elements: children });
export const formSchema = formBase.extend({ elements: children });
const elementSchema: z.ZodType<CardElement> = z.discriminatedUnion('tag', [
  ...leafSchemas, columnSetSchema, collapsiblePanelSchema, formSchema,
]);

export const cardSchema = z.strictObject({
  schema: z.literal('2.0'),
  config: configSchema.optional(),
  header: headerSchema.optional(),
  body: z.strictObject({
    direction: z.enum(['vertical', 'horizontal']).optional(),
    padding: z.string().optional(),
    vertical_spacing: spacing.optional(),
    horizontal_spacing: spacing.optional(),
    elements: z.array(elementSchema),
  }),
});

