/**
 * Button values of the Study (集中学习) cards, joined into the one union in cards/actions.ts.
 * Each member is a `z.strictObject` with `v: z.literal(1)` and a literal `a`. A value names the
 * session only: who acts comes from Lark (the operator), and rights are checked on the server.
 */
import { z } from 'zod';
import { v } from '../action-values.js';

const s = z.string().regex(/^s-\d{8}-\d{4}$/);

export const studyActionSchemas = [
  z.strictObject({ v, a: z.literal('st.in'), s }),
  z.strictObject({ v, a: z.literal('st.leaveForm'), s }),
  z.strictObject({ v, a: z.literal('st.leave'), s }),
  z.strictObject({ v, a: z.literal('st.card'), s }),
  z.strictObject({ v, a: z.literal('st.reflect'), s }),
  z.strictObject({ v, a: z.literal('st.submit'), s }),
  z.strictObject({ v, a: z.literal('st.record') }),
  z.strictObject({ v, a: z.literal('st.settings') }),
  z.strictObject({ v, a: z.literal('st.save') }),
  z.strictObject({ v, a: z.literal('st.export') }),
] as const satisfies readonly z.ZodObject[];
