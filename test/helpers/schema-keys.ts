import type { z } from 'zod';
import * as s from '../../cards/schema.js';

/** The property names of a zod object schema, looking through optional and array wrappers. */
function keys(schema: z.ZodType): string[] {
  let t: any = schema;
  for (let i = 0; i < 4 && !t.shape; i++) t = typeof t.unwrap === 'function' ? t.unwrap() : t.element;
  if (!t?.shape) throw new Error('not an object schema');
  return Object.keys(t.shape);
}

const shape = (schema: z.ZodType, key: string): z.ZodType => (schema as any).shape[key];
const behaviors = (s.behaviorSchema as any).options as z.ZodType[];

/** Every object of the Card JSON 2.0 subset (cards/schema.ts), by the renderer's names. */
export const schemaKeys = {
  elements: {
    markdown: keys(s.markdownSchema),
    div: keys(s.divSchema),
    hr: keys(s.hrSchema),
    img: keys(s.imgSchema),
    chart: keys(s.chartSchema),
    table: keys(s.tableSchema),
    input: keys(s.inputSchema),
    select_static: keys(s.selectStaticSchema),
    multi_select_static: keys(s.multiSelectStaticSchema),
    date_picker: keys(s.datePickerSchema),
    checker: keys(s.checkerSchema),
    button: keys(s.buttonSchema),
    column_set: keys(s.columnSetSchema),
    column: keys(s.columnSchema),
    collapsible_panel: keys(s.collapsiblePanelSchema),
    form: keys(s.formSchema),
  },
  parts: {
    card: keys(s.cardSchema),
    config: keys(s.configSchema),
    summary: keys(shape(s.configSchema, 'summary')),
    header: keys(s.headerSchema),
    body: keys(shape(s.cardSchema, 'body')),
    plain_text: keys(s.plainTextSchema),
    standard_icon: keys(shape(s.headerSchema, 'icon')),
    text_tag: keys(shape(s.headerSchema, 'text_tag_list')),
    option: keys(shape(s.selectStaticSchema, 'options')),
    confirm: keys(shape(s.buttonSchema, 'confirm')),
    'behavior:callback': keys(behaviors[0]),
    'behavior:open_url': keys(behaviors[1]),
    table_header_style: keys(shape(s.tableSchema, 'header_style')),
    table_column: keys(shape(s.tableSchema, 'columns')),
    panel_header: keys(shape(s.collapsiblePanelSchema, 'header')),
    panel_border: keys(shape(s.collapsiblePanelSchema, 'border')),
  },
};
