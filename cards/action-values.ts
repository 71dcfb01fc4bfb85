/**
 * The parts every feature's button values are made of (cards/<feature>/actions.ts, joined in cards/actions.ts):
 * the value format's version, a record's id, a person's open_id. One definition, so a value checked in one feature
 * is checked the same way in all.
 */
import { z } from 'zod';

/** The version of the value format: every button value carries `v: 1`. */
export const v = z.literal(1);
/** A record's id (ledger item, rule, material, meeting, talk, 回头看 …). */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
/** A person's open_id. */
export const openIdValue = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
