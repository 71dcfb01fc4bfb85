import { dayExpiry, dayNumber, keyedHmac } from '../../src/domain/hmac.js';
import { dayOf, isoWeek, newOpinionId, newReceiptCode, opinionFormSchema, targetOptions } from '../../src/domain/opinions/opinion.js';
import { msg, type Msg } from '../../src/messages/index.js';
import { opinionFormCard, opinionReceiptCard, type OpinionFormValues } from '../../cards/opinions/opinion.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { respond } from '../respond.js';
import type { CommandCall, CardHandler } from '../types.js';

export const targetsOf = (ctx: HandlerCtx) => targetOptions(ctx.campaign.leaders);

export function formCard(ctx: HandlerCtx, values?: OpinionFormValues) {
  return opinionFormCard({ targets: targetsOf(ctx), values, campaignName: ctx.campaign.campaign.name });
}

/** 提意见: the form, by direct message when asked in a group. */
export async function onOpinion(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await respond(cmd, { type: 'card', card: formCard(ctx) }, ctx, { personal: true });
}

/** 再提一条: a fresh form in place of the receipt. */
export const onOpinionNew: CardHandler<'op.new'> = async (_a, _event, ctx) => withCard({}, formCard(ctx));

/** The form's anonymity select (`anonymous` / `named`); anything else goes to the schema as sent, which refuses it. */
const ANONYMITY_CHOICES = new Map<unknown, boolean>([['anonymous', true], ['named', false]]);

/**
 * The form's submit, answered inline. Anonymous by DESIGN §3: the opinion is written with no
 * identity, a day for its date and a random id; the daily allowance is counted first, apart,
 * under a keyed HMAC; nothing here is logged with the operator or the text.
 */
export const onOpinionSubmit: CardHandler<'op.submit'> = async (_a, event, ctx) => {
  const raw = event.formValue ?? {};
  const parsed = opinionFormSchema(targetsOf(ctx).map((x) => x.key)).safeParse({
    category: raw.category, target: raw.target, source: raw.source, text: raw.text,
    anonymous: ANONYMITY_CHOICES.get(raw.anonymous) ?? raw.anonymous,
  });
  if (!parsed.success) {
    const key = String(parsed.error.issues[0]?.message ?? 'textShort') as keyof typeof msg.opinion.invalid;
    // The form stays as it is: only a toast.
    return toast('error', (msg.opinion.invalid as Record<string, Msg>)[key] ?? msg.errors.badInput);
  }
  const form = parsed.data;
  const day = dayOf(ctx.now(), ctx.campaign.campaign.timezone);
  const used = await ctx.store.opinions.countDaily(
    'op', day, keyedHmac(ctx.anonSecret, 'opinion-limit', event.operatorOpenId, day), dayExpiry(day),
  );
  if (used > ctx.limits.opinionsPerDay) return toast('warning', msg.opinion.tooManyOpinions);

  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newReceiptCode();
    const created = await ctx.store.opinions.create({
      id: newOpinionId(), codeHmac: keyedHmac(ctx.anonSecret, 'receipt', code),
      category: form.category, target: form.target, source: form.source, text: form.text, anonymous: form.anonymous,
      day, dayNumber: dayNumber(day), week: isoWeek(day), ...(form.anonymous ? {} : { submitter: event.operatorOpenId }),
    });
    if (created) return withCard(toast('success', msg.opinion.receiptTitle), opinionReceiptCard({ code, anonymous: form.anonymous }));
  }
  throw new Error('could not allocate a receipt code');
};
