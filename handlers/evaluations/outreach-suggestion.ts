import { dayNumber, keyedHmac } from '../../src/domain/hmac.js';
import { visitLabel } from '../../src/domain/evaluations/outreach.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { dayOf, isoWeek, newOpinionId, newReceiptCode } from '../../src/domain/opinions/opinion.js';
import type { HandlerCtx } from '../context.js';

/**
 * A suggestion from an outreach ballot, stored as an anonymous opinion (source group and visit on it,
 * category 服务职工, target 机关) with a new receipt code. Called only after the ballot is counted, as a
 * separate write that shares nothing with it: no id, no HMAC of the voter, no open_id.
 */
export async function storeSuggestion(round: Pick<RoundMeta, 'visit'>, text: string, ctx: HandlerCtx): Promise<string> {
  const visit = round.visit;
  if (!visit) throw new Error('a suggestion needs an outreach visit');
  const day = dayOf(ctx.now(), ctx.campaign.campaign.timezone);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newReceiptCode();
    const created = await ctx.store.opinions.create({
      id: newOpinionId(), codeHmac: keyedHmac(ctx.anonSecret, 'receipt', code), category: 'service', target: 'office', source: visit.source,
      text, anonymous: true, day, dayNumber: dayNumber(day), week: isoWeek(day), visit: visitLabel(visit),
    });
    if (created) return code;
  }
  throw new Error('could not allocate a receipt code');
}
