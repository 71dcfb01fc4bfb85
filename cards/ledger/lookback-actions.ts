/**
 * Button values of the 回头看 (look-back) cards, joined into the one union in cards/actions.ts. Values
 * name a look-back and an item, never a right: the handler checks the caller on the server.
 */
import { z } from 'zod';
import { v, recordId as id } from '../action-values.js';

const lb = z.string().regex(/^lb_[A-Za-z0-9_-]{8,24}$/);

export const lookbackActionSchemas = [
  z.strictObject({ v, a: z.literal('lb.start') }),
  z.strictObject({ v, a: z.literal('lb.holds'), lb, id }),
  z.strictObject({ v, a: z.literal('lb.reopen'), lb, id }),
  z.strictObject({ v, a: z.literal('lb.summary'), lb: lb.optional() }),
] as const satisfies readonly z.ZodObject[];
