import { createCalendar, localParts, type WorkCalendar } from '../src/domain/calendar.js';
import type { ResolvedCampaign } from '../src/campaign.js';
import type { HandlerCtx } from './context.js';

/** The campaign's time zone, working-day calendar and today, as every feature's handlers and jobs read them. */
export const tz = (ctx: HandlerCtx): string => ctx.campaign.campaign.timezone;
export const calendarOf = (ctx: HandlerCtx): WorkCalendar => createCalendar(ctx.campaign.campaign.calendar, tz(ctx));
export const today = (ctx: HandlerCtx): string => localParts(ctx.now(), tz(ctx)).day;

/**
 * The campaign with the effective timeline (the admins' edits over the file's phases and milestones, 进度 设置):
 * what every reader of phases, milestones, their people or the campaign window uses.
 */
export async function effectiveCampaign(ctx: HandlerCtx): Promise<ResolvedCampaign> {
  const { phases, milestonePeople } = await ctx.timeline();
  return { ...ctx.campaign, campaign: { ...ctx.campaign.campaign, phases }, milestonePeople };
}
