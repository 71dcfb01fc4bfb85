/**
 * Button values of the Rectification ledger (整改台账) cards, joined into the one union in cards/actions.ts.
 * Each member is a `z.strictObject` with `v: z.literal(1)` and a literal `a`. Values name an item,
 * never a right: every handler checks the caller against the item on the server.
 */
import { z } from 'zod';
import { v, recordId as id, openIdValue as leader } from '../action-values.js';

const page = z.number().int().min(0).max(10_000);
const status = z.enum(['all', 'draft', 'active', 'review', 'closed', 'overdue', 'needsDeadline']);

export const ledgerActionSchemas = [
  // The list (整改): filters and paging.
  z.strictObject({ v, a: z.literal('lg.list'), page, status: status.optional(), leader: leader.optional() }),
  z.strictObject({ v, a: z.literal('lg.filter') }),
  z.strictObject({ v, a: z.literal('lg.open'), id }),
  // Admins: the item form, start, deadline, reopen.
  z.strictObject({ v, a: z.literal('lg.new') }),
  z.strictObject({ v, a: z.literal('lg.edit'), id }),
  z.strictObject({ v, a: z.literal('lg.save'), id: id.optional() }),
  z.strictObject({ v, a: z.literal('lg.activate'), id }),
  z.strictObject({ v, a: z.literal('lg.deadline'), id }),
  z.strictObject({ v, a: z.literal('lg.reopen'), id }),
  // Owners and co-owners.
  z.strictObject({ v, a: z.literal('lg.progress'), id }),
  z.strictObject({ v, a: z.literal('lg.extend'), id }),
  z.strictObject({ v, a: z.literal('lg.submit'), id }),
  // The decider (responsible leader; an admin or the top leader when the owner is the leader).
  z.strictObject({ v, a: z.literal('lg.extDecide'), id, n: z.number().int().min(1).max(1_000_000), ok: z.boolean() }),
  z.strictObject({ v, a: z.literal('lg.confirm'), id }),
  z.strictObject({ v, a: z.literal('lg.reject'), id }),
  // Readers: the XLSX export of the whole ledger.
  z.strictObject({ v, a: z.literal('lg.export') }),
] as const satisfies readonly z.ZodObject[];
