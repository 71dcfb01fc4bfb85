import { dayExpiry, keyedHmac } from '../../domain/hmac.js';
import { dayOf } from '../../domain/opinions/opinion.js';
import type { HandlerCtx } from '../../../handlers/context.js';

/**
 * The page's abuse limits (issue #17, DESIGN §3): uses per client address per campaign day, counted under a keyed
 * HMAC of the address with a whole-day window, apart from the data. Over a limit: a 429 page, nothing stored.
 */
export const PAGE_LIMITS = { view: 300, submit: 20, lookup: 30 } as const;
export type PageLimitKind = keyof typeof PAGE_LIMITS;

type LimitCtx = Pick<HandlerCtx, 'store' | 'anonSecret' | 'now' | 'campaign'>;

/** Counts one use; true when this one is over the day's limit. */
export async function overLimit(kind: PageLimitKind, address: string, ctx: LimitCtx): Promise<boolean> {
  const day = dayOf(ctx.now(), ctx.campaign.campaign.timezone);
  const hmac = keyedHmac(ctx.anonSecret, 'outreach-addr', kind, day, address);
  return (await ctx.store.outreachLinks.countDaily(kind, day, hmac, dayExpiry(day))) > PAGE_LIMITS[kind];
}
