/**
 * Button values of the Rectification ledger (整改台账) cards, joined into the one union in cards/actions.ts.
 * Each member is a `z.strictObject` with `v: z.literal(1)` and a literal `a`.
 */
import { z } from 'zod';

export const ledgerActionSchemas = [] as const satisfies readonly z.ZodObject[];
