/**
 * Button values of the 谈心谈话 cards, joined into the one union in cards/actions.ts. Values name a talk (or a line of
 * the clicker's own plan under review, or a page), never a right: every handler checks the caller on the server.
 */
import { z } from 'zod';
import { v, recordId as id } from '../action-values.js';

const page = z.number().int().min(0).max(1_000);

export const talkActionSchemas = [
  // The list (谈心) and a talk's card: anyone sees their own; the top leader and the office see all.
  z.strictObject({ v, a: z.literal('tk.list'), page: page.optional() }),
  z.strictObject({ v, a: z.literal('tk.open'), id }),
  // Either party: record it held, and their own private note.
  z.strictObject({ v, a: z.literal('tk.doneForm'), id }),
  z.strictObject({ v, a: z.literal('tk.done'), id }),
  z.strictObject({ v, a: z.literal('tk.note'), id }),
  z.strictObject({ v, a: z.literal('tk.noteSave'), id }),
  // A planned talk's due day moved (either party, the top leader, the office): the form, then the new day.
  z.strictObject({ v, a: z.literal('tk.moveForm'), id }),
  z.strictObject({ v, a: z.literal('tk.move'), id }),
  // The top leader and the office: the plan generated, reviewed (a line removed, a pair added, a due day moved), saved.
  z.strictObject({ v, a: z.literal('tk.plan') }),
  z.strictObject({ v, a: z.literal('tk.planPage'), page }),
  z.strictObject({ v, a: z.literal('tk.drop'), i: z.number().int().min(0).max(999), page }),
  z.strictObject({ v, a: z.literal('tk.add') }),
  z.strictObject({ v, a: z.literal('tk.due') }),
  z.strictObject({ v, a: z.literal('tk.save') }),
  z.strictObject({ v, a: z.literal('tk.matrix') }),
] as const satisfies readonly z.ZodObject[];
