/**
 * Button values of the Study (集中学习) cards, joined into the one union in cards/actions.ts.
 * Each member is a `z.strictObject` with `v: z.literal(1)` and a literal `a`.
 */
import { z } from 'zod';

export const studyActionSchemas = [] as const satisfies readonly z.ZodObject[];
