/**
 * Button values of the 走访链接 cards (issue #17), joined into the one union in cards/actions.ts. A value names a link
 * by its id (never its token, the URL's secret) or a page: every handler checks the caller against the link on the server.
 */
import { z } from 'zod';
import { v, recordId as id } from '../action-values.js';

const page = z.number().int().min(0).max(1_000);

export const outreachActionSchemas = [
  // The list (走访) and the create form: admins, and leaders for the visits they lead.
  z.strictObject({ v, a: z.literal('ol.list'), page: page.optional() }),
  z.strictObject({ v, a: z.literal('ol.new') }),
  z.strictObject({ v, a: z.literal('ol.create') }),
  // One link: the QR code re-sent, a new end of validity (form, then the day), revoked (confirmation, then for good).
  z.strictObject({ v, a: z.literal('ol.qr'), id }),
  z.strictObject({ v, a: z.literal('ol.extendForm'), id }),
  z.strictObject({ v, a: z.literal('ol.extend'), id }),
  z.strictObject({ v, a: z.literal('ol.revokeAsk'), id }),
  z.strictObject({ v, a: z.literal('ol.revoke'), id }),
] as const satisfies readonly z.ZodObject[];
