import type { z } from 'zod';
import type {
  buttonSchema, cardSchema, chartSchema, datePickerSchema, divSchema, hrSchema, inputSchema,
  markdownSchema, multiSelectStaticSchema, plainTextSchema, selectStaticSchema, tableSchema, TEMPLATES,
} from './schema.js';

/** A Card JSON 2.0 card of the subset we emit (see cards/schema.ts). */
export type Card = z.infer<typeof cardSchema>;
export type HeaderTemplate = (typeof TEMPLATES)[number];
export type PlainText = z.infer<typeof plainTextSchema>;
export type MarkdownElement = z.infer<typeof markdownSchema>;
export type DivElement = z.infer<typeof divSchema>;
export type HrElement = z.infer<typeof hrSchema>;
export type ChartElement = z.infer<typeof chartSchema>;
export type TableElement = z.infer<typeof tableSchema>;
export type InputElement = z.infer<typeof inputSchema>;
export type SelectStaticElement = z.infer<typeof selectStaticSchema>;
export type MultiSelectStaticElement = z.infer<typeof multiSelectStaticSchema>;
export type DatePickerElement = z.infer<typeof datePickerSchema>;
export type ButtonElement = z.infer<typeof buttonSchema>;
// Containers: inferred from their schemas plus the one recursive field (see cards/schema.ts).
export type { CardElement, ColumnElement, ColumnSetElement, CollapsiblePanelElement, FormElement } from './schema.js';
