/**
 * Button values of the admin's electorate card (issue #14), joined into the one union in cards/actions.ts.
 * The person added or removed comes in the form's values (a select of known people), checked on the server.
 */
import { z } from 'zod';
import { recordId, v } from '../action-values.js';

const round = recordId;
const page = z.number().int().min(0).max(10_000);
const group = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const evaluationAdminActionSchemas = [
  z.strictObject({ v, a: z.literal('ev.voters'), round, page }),
  z.strictObject({ v, a: z.literal('ev.votersGroup'), round, group, include: z.boolean() }),
  z.strictObject({ v, a: z.literal('ev.voter'), round, op: z.enum(['add', 'remove']) }),
] as const;
