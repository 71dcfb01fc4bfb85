/**
 * Button values of the 生活会 cards, joined into the one union in cards/actions.ts. Values name a meeting (and the
 * attendee whose record a button concerns, and a measure's index), never a right: every handler checks the caller
 * against the meeting on the server.
 */
import { z } from 'zod';
import { v, recordId as id, openIdValue as u } from '../action-values.js';

/** A measure's index in a record; `u` names the attendee whose record the button concerns. */
const i = z.number().int().min(0).max(9);

export const meetingActionSchemas = [
  z.strictObject({ v, a: z.literal('mg.list') }),
  z.strictObject({ v, a: z.literal('mg.open'), id }),
  // The office: create and edit until the start, start, end, the 满意度 round.
  z.strictObject({ v, a: z.literal('mg.new') }),
  z.strictObject({ v, a: z.literal('mg.create') }),
  z.strictObject({ v, a: z.literal('mg.edit'), id }),
  z.strictObject({ v, a: z.literal('mg.save'), id }),
  z.strictObject({ v, a: z.literal('mg.start'), id }),
  // The top leader: a start over missing preconditions, with a written reason.
  z.strictObject({ v, a: z.literal('mg.overrideForm'), id }),
  z.strictObject({ v, a: z.literal('mg.override'), id }),
  z.strictObject({ v, a: z.literal('mg.end'), id }),
  z.strictObject({ v, a: z.literal('mg.survey'), id }),
  // Attendees: sign-in; the subject of a record confirms it or asks for a correction.
  z.strictObject({ v, a: z.literal('mg.in'), id }),
  z.strictObject({ v, a: z.literal('mg.confirm'), id, u }),
  z.strictObject({ v, a: z.literal('mg.correctForm'), id, u }),
  z.strictObject({ v, a: z.literal('mg.correct'), id, u }),
  // The office records an attendee's self-criticism, criticism received and measures; a measure becomes a ledger draft.
  z.strictObject({ v, a: z.literal('mg.record'), id, u }),
  z.strictObject({ v, a: z.literal('mg.recordSave'), id, u }),
  z.strictObject({ v, a: z.literal('mg.measure'), id, u, i }),
] as const satisfies readonly z.ZodObject[];
