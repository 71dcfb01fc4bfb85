/**
 * Button values of the 建章立制 register (`制度`) cards, joined into the one union in cards/actions.ts.
 * Each member is a `z.strictObject` with `v: z.literal(1)` and a literal `a`. Values name a rule, never a
 * right: every handler checks the caller against the rule on the server.
 */
import { z } from 'zod';
import { v, recordId as id } from '../action-values.js';

const page = z.number().int().min(0).max(10_000);
const state = z.enum(['all', 'drafting', 'review', 'adopted', 'abolished', 'overdue']);

export const rulesActionSchemas = [
  // The register (制度): filters and paging.
  z.strictObject({ v, a: z.literal('rl.list'), page, state: state.optional() }),
  z.strictObject({ v, a: z.literal('rl.filter') }),
  z.strictObject({ v, a: z.literal('rl.open'), id }),
  // Admins: the rule form, 印发 / 废止.
  z.strictObject({ v, a: z.literal('rl.new') }),
  z.strictObject({ v, a: z.literal('rl.edit'), id }),
  z.strictObject({ v, a: z.literal('rl.save'), id: id.optional() }),
  z.strictObject({ v, a: z.literal('rl.issue'), id }),
  // Readers: the XLSX export of the register.
  z.strictObject({ v, a: z.literal('rl.export') }),
] as const satisfies readonly z.ZodObject[];
