import type { ResolvedCampaign } from '../../src/campaign.js';
import type { HandlerCtx } from '../context.js';

/**
 * The campaign with the effective timeline (the admins' edits over the file's phases and milestones, 进度 设置):
 * what every reader of phases, milestones, their people or the campaign window uses.
 */
export async function effectiveCampaign(ctx: HandlerCtx): Promise<ResolvedCampaign> {
  const { phases, milestonePeople } = await ctx.timeline();
  return { ...ctx.campaign, campaign: { ...ctx.campaign.campaign, phases }, milestonePeople };
}
