// Placeholder until the card schema lands: see cards/schema.ts.
export interface Card {
  schema: '2.0';
  config?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body: { elements: unknown[] };
}
