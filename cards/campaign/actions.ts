/**
 * Button values of the campaign timeline's cards, joined into the one union in cards/actions.ts. A value
 * names the milestone only: who acts comes from Lark (the operator), and rights are checked on the server.
 */
import { z } from 'zod';
import { v } from '../action-values.js';
import { milestoneIdSchema } from '../../src/domain/campaign/milestones.js';


export const campaignActionSchemas = [
  // 标记完成: the form, then its save.
  z.strictObject({ v, a: z.literal('ms.done'), id: milestoneIdSchema }),
  z.strictObject({ v, a: z.literal('ms.doneSave'), id: milestoneIdSchema }),
  // 结束活动: the end once the gates pass, the top leader's override (its form carries the reason), the purge.
  z.strictObject({ v, a: z.literal('ce.end') }),
  z.strictObject({ v, a: z.literal('ce.override') }),
  z.strictObject({ v, a: z.literal('ce.purge') }),
  z.strictObject({ v, a: z.literal('ce.purgeConfirm') }),
  // 进度 设置: a phase's dates (by its place in the file and its key), a milestone added, edited (form, save), removed.
  z.strictObject({ v, a: z.literal('tl.phase'), i: z.int().min(0).max(50), key: z.string().min(1).max(32) }),
  z.strictObject({ v, a: z.literal('tl.new') }),
  z.strictObject({ v, a: z.literal('tl.add') }),
  z.strictObject({ v, a: z.literal('tl.edit'), id: milestoneIdSchema }),
  z.strictObject({ v, a: z.literal('tl.editSave'), id: milestoneIdSchema }),
  z.strictObject({ v, a: z.literal('tl.remove'), id: milestoneIdSchema }),
  z.strictObject({ v, a: z.literal('tl.back') }),
] as const satisfies readonly z.ZodObject[];
