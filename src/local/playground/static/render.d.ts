/** Types of render.js (a plain ES module shared by the page and the Node tests). */

/** A property rule: a type name, a part name, `list:<part>`, `=<literal>`, or allowed strings; `!` = required. */
export type Rule = string | readonly string[];
export type Spec = Record<string, Rule>;

export interface RenderResult {
  /** Escaped HTML of the card; unknown components and properties appear as `.pg-error` boxes. */
  html: string;
  /** One line per problem (path and what is wrong); empty when the card is fully known. */
  errors: string[];
}

/** The properties the renderer accepts: components by tag, and the parts inside them. */
export const KNOWN: { elements: Record<string, Spec>; parts: Record<string, Spec> };

/** Renders a Card JSON 2.0 card (the parsed `content` of an interactive message). Never throws. */
export function renderCard(card: unknown): RenderResult;
