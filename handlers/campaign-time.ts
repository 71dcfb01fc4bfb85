import { createCalendar, localParts, type WorkCalendar } from '../src/domain/calendar.js';
import type { HandlerCtx } from './context.js';

/** The campaign's time zone, working-day calendar and today, as every feature's handlers and jobs read them. */
export const tz = (ctx: HandlerCtx): string => ctx.campaign.campaign.timezone;
export const calendarOf = (ctx: HandlerCtx): WorkCalendar => createCalendar(ctx.campaign.campaign.calendar, tz(ctx));
export const today = (ctx: HandlerCtx): string => localParts(ctx.now(), tz(ctx)).day;
