/**
 * Button values of the campaign timeline's cards, joined into the one union in cards/actions.ts. A value
 * names the milestone only: who acts comes from Lark (the operator), and rights are checked on the server.
 */
import { z } from 'zod';
import { milestoneIdSchema } from '../../src/domain/campaign/milestones.js';

const v = z.literal(1);

export const campaignActionSchemas = [
  // 标记完成: the form, then its save.
  z.strictObject({ v, a: z.literal('ms.done'), id: milestoneIdSchema }),
  z.strictObject({ v, a: z.literal('ms.doneSave'), id: milestoneIdSchema }),
  // 结束活动: the end once the gates pass, the top leader's override (its form carries the reason), the purge.
  z.strictObject({ v, a: z.literal('ce.end') }),
  z.strictObject({ v, a: z.literal('ce.override') }),
  z.strictObject({ v, a: z.literal('ce.purge') }),
  z.strictObject({ v, a: z.literal('ce.purgeConfirm') }),
] as const satisfies readonly z.ZodObject[];
