/**
 * Button values of the materials (材料报审) cards, joined into the one union in cards/actions.ts. Each member is a
 * `z.strictObject` with `v: z.literal(1)` and a literal `a`. Values name a material (and the version and chain step
 * a review card was drawn for), never a right: every handler checks the caller against the material on the server.
 */
import { z } from 'zod';
import { v, recordId as id } from '../action-values.js';
import { KIND_KEYS } from '../../src/domain/materials/kinds.js';

/** A version number: the one a form submits as the next, or the one a review card shows. */
const n = z.number().int().min(1).max(1000);
/** A chain step's index. */
const s = z.number().int().min(0).max(9);

export const materialActionSchemas = [
  // The list (材料) and a material's card.
  z.strictObject({ v, a: z.literal('mt.list'), page: z.number().int().min(0).max(1_000).optional() }),
  z.strictObject({ v, a: z.literal('mt.open'), id }),
  // The office: new materials, each leader's 对照检查材料 in one tap, due day and authors.
  z.strictObject({ v, a: z.literal('mt.new') }),
  z.strictObject({ v, a: z.literal('mt.create') }),
  z.strictObject({ v, a: z.literal('mt.selfChecks') }),
  z.strictObject({ v, a: z.literal('mt.edit'), id }),
  z.strictObject({ v, a: z.literal('mt.editSave'), id }),
  // Authors: a new version (link or text), or a file sent in the chat (发送文件).
  z.strictObject({ v, a: z.literal('mt.version'), id, n }),
  z.strictObject({ v, a: z.literal('mt.file'), id }),
  // Authors of a 征求意见情况报告 (and the office): the bot's .docx draft sent to their chat.
  z.strictObject({ v, a: z.literal('mt.draft'), id }),
  // Whoever may see the material: version n's file forwarded to their own chat with the bot (获取文件).
  z.strictObject({ v, a: z.literal('mt.getFile'), id, n }),
  // The reviewer of the step the latest version waits at.
  z.strictObject({ v, a: z.literal('mt.pass'), id, n, s }),
  z.strictObject({ v, a: z.literal('mt.return'), id, n, s }),
  // Supervisors, at any step.
  z.strictObject({ v, a: z.literal('mt.comment'), id }),
  // 材料 设置 (admins): a kind's form (by its key), its save, and the settings card again.
  z.strictObject({ v, a: z.literal('mk.edit'), key: z.enum(KIND_KEYS) }),
  z.strictObject({ v, a: z.literal('mk.save'), key: z.enum(KIND_KEYS) }),
  z.strictObject({ v, a: z.literal('mk.back') }),
] as const satisfies readonly z.ZodObject[];
