import { dayNumber, keyedHmac } from '../../src/domain/hmac.js';
import { visitLabel } from '../../src/domain/evaluations/outreach.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { normalizeReceiptCode } from '../../src/domain/commands.js';
import { dayOf, isoWeek, isReceiptCode, newOpinionId, newReceiptCode, targetOptions } from '../../src/domain/opinions/opinion.js';
import { LINK_TOKEN, linkChannel, linkState, type Link, type LinkState } from '../../src/domain/outreach/link.js';
import { roundTakesRatings, type PageEntry } from '../../src/domain/outreach/page-form.js';
import type { HandlerCtx } from '../context.js';
import { opinionByReceipt } from '../opinions/lookup.js';

/**
 * The public outreach page's decisions (issue #17); src/http/outreach/routes.ts is its transport. Anonymous by
 * construction (DESIGN §3): nothing here receives or stores an address, a user agent or any other mark of a device;
 * an opinion is dated to the day, its id random; a contact wish is stored apart from it.
 */

export type PageCtx = Pick<HandlerCtx, 'store' | 'now' | 'anonSecret' | 'campaign'>;

export interface LinkPage {
  link: Link;
  state: LinkState;
  /** The attached round, and whether it takes ratings now. */
  round?: { meta: RoundMeta; open: boolean };
}

/** The link a page address names, its state, and its round. Undefined for a token that names no link. */
export async function linkPage(token: string, ctx: PageCtx): Promise<LinkPage | undefined> {
  if (!LINK_TOKEN.test(token)) return undefined;
  const link = await ctx.store.outreachLinks.byToken(token);
  if (!link) return undefined;
  const now = ctx.now();
  const meta = link.roundId ? await ctx.store.evaluations.getMeta(link.roundId) : undefined;
  return { link, state: linkState(link, now), ...(meta ? { round: { meta, open: roundTakesRatings(meta, now) } } : {}) };
}

/** Who an opinion may be about: 领导班子 (first, the default), each leader, 机关. */
export const pageTargets = (ctx: Pick<HandlerCtx, 'campaign'>) => targetOptions(ctx.campaign.leaders);

type EntryRefusal = 'missing' | 'revoked' | 'expired' | 'full' | 'roundClosed' | 'ratingsInvalid';
export type EntryResult = { ok: true; code?: string; rated: boolean } | { ok: false; reason: EntryRefusal };

/**
 * Takes one entry of the link's cap, then counts the ratings in the link's channel of the round and stores the opinion
 * (with a new receipt code). The entry is given back when nothing could be stored.
 */
export async function takeEntry(page: LinkPage, entry: PageEntry, ctx: PageCtx): Promise<EntryResult> {
  const { link } = page;
  const claim = await ctx.store.outreachLinks.claimEntry(link.id, ctx.now());
  if (claim !== 'ok') return { ok: false, reason: claim };
  const release = () => ctx.store.outreachLinks.releaseEntry(link.id);
  let rated = false;
  try {
    if (entry.choices) {
      if (!link.roundId) throw new Error('ratings for a link without a round');
      const cast = await ctx.store.evaluations.channels.cast(link.roundId, linkChannel(link.id), link.group, entry.choices, ctx.now());
      if (cast !== 'ok') {
        await release();
        return { ok: false, reason: cast === 'closed' ? 'roundClosed' : 'ratingsInvalid' };
      }
      rated = true;
    }
    const code = entry.opinion ? await storeOpinion(link, entry.opinion, ctx) : undefined;
    return { ok: true, rated, ...(code ? { code } : {}) };
  } catch (e) {
    // Ratings already counted keep their entry: the cap counts what was stored.
    if (!rated) await release().catch(() => undefined);
    throw e;
  }
}

/** An anonymous opinion tagged with the visit and its source group; the contact wish under its own key. */
async function storeOpinion(link: Link, o: NonNullable<PageEntry['opinion']>, ctx: PageCtx): Promise<string> {
  const day = dayOf(ctx.now(), ctx.campaign.campaign.timezone);
  const visit = visitLabel({ contact: link.contact, day: link.day, source: link.source });
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newReceiptCode();
    const created = await ctx.store.opinions.create({
      id: newOpinionId(), codeHmac: keyedHmac(ctx.anonSecret, 'receipt', code), category: o.category, target: o.target,
      source: link.source, text: o.text, anonymous: true, day, dayNumber: dayNumber(day), week: isoWeek(day), visit,
    }, o.contact);
    if (created) return code;
  }
  throw new Error('could not allocate a receipt code');
}

export type PageLookup =
  | { ok: true; answer: { code: string; status: string; reply?: string; replyBy?: 'office' | 'leader'; quickNote?: string } }
  | { ok: false; error: 'badCode' | 'notFound' };

/** The look-up form's answer: like `查询 <回执码>` in the bot (a merged opinion answers with its group's status). */
export async function lookupForPage(typed: string, ctx: PageCtx): Promise<PageLookup> {
  const code = normalizeReceiptCode(typed);
  if (!isReceiptCode(code)) return { ok: false, error: 'badCode' };
  const o = await opinionByReceipt(code, ctx);
  if (!o) return { ok: false, error: 'notFound' };
  return { ok: true, answer: {
    code, status: o.status, ...(o.reply ? { reply: o.reply } : {}), ...(o.replyBy ? { replyBy: o.replyBy } : {}),
    ...(o.quickNote ? { quickNote: o.quickNote } : {}),
  } };
}
