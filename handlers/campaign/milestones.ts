import type { CardActionName } from '../../cards/actions.js';
import { milestoneCard, milestoneDoneFormCard } from '../../cards/campaign/milestone.js';
import { milestonesOf, milestoneState, type CampaignMilestone } from '../../src/domain/campaign/milestones.js';
import { DONE_FORM, parseDoneForm } from '../../src/domain/campaign/done-form.js';
import { localParts } from '../../src/domain/calendar.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import { hasRole } from '../access.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import { today, tz } from '../campaign-time.js';
import type { HandlerCtx } from '../context.js';
import { displayName } from '../people.js';
import type { CardHandler } from '../types.js';
import { timelineCardHandlers } from './settings.js';
import { effectiveCampaign } from './timeline.js';

/**
 * 标记完成 (DESIGN §2.7): an admin records a milestone done with a note or an https link, from a reminder
 * card or the 进度 dashboard. Admins only, checked on the server (a forwarded card grants nothing); bad
 * input is refused with the form again and stores nothing; a second save finds it done already.
 */

const T = msg.campaign.milestone.toast;
const localeOf = (ctx: HandlerCtx): Locale => (ctx.campaign.campaign.locale === 'en-US' ? 'en' : 'zh');
const find = async (ctx: HandlerCtx, id: string): Promise<CampaignMilestone | undefined> =>
  milestonesOf((await effectiveCampaign(ctx)).campaign).find((m) => m.id === id);

/** The milestone's card as it stands now (done, with the office's record). */
async function stateCard(ctx: HandlerCtx, m: CampaignMilestone) {
  const done = await ctx.store.milestones.get(m.id);
  const owner = (await effectiveCampaign(ctx)).milestonePeople.get(m.id)?.owner;
  return milestoneCard({
    milestone: m, state: milestoneState(m, done, today(ctx)), locale: localeOf(ctx),
    ownerName: m.owner?.name ?? (owner ? await displayName(owner, ctx) : undefined),
    ...(done ? {
      done: { byName: await displayName(done.by, ctx), day: localParts(done.at, tz(ctx)).day, note: done.note, link: done.link },
    } : {}),
  });
}

/** Opens the form, in place of the card clicked. */
const onMilestoneDone: CardHandler<'ms.done'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  const m = await find(ctx, a.id);
  if (!m) return toast('warning', T.gone);
  if (await ctx.store.milestones.get(m.id)) return withCard(toast('info', T.already), await stateCard(ctx, m));
  return withCard({}, milestoneDoneFormCard({ milestone: m, locale: localeOf(ctx) }));
};

/** Saves it once, with its audit entry; the card then shows the milestone done. */
const onMilestoneDoneSave: CardHandler<'ms.doneSave'> = async (a, event, ctx) => {
  const by = event.operatorOpenId;
  if (!(await hasRole(by, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  const m = await find(ctx, a.id);
  if (!m) return toast('warning', T.gone);
  const form = parseDoneForm(event.formValue ?? {});
  if (!form.ok) {
    const field = form.error === 'link' ? DONE_FORM.link : DONE_FORM.note;
    return formRefused(T[form.error], milestoneDoneFormCard({ milestone: m, error: form.error, locale: localeOf(ctx) }), event.formValue,
      [{ field, text: t(T[form.error], localeOf(ctx)) }]);
  }
  const at = ctx.now();
  const record = { at, by, ...(form.note ? { note: form.note } : {}), ...(form.link ? { link: form.link } : {}) };
  const fresh = await ctx.store.milestones.markDone(m.id, record, {
    at, actor: by, action: 'campaign.milestoneDone', detail: { id: m.id, name: m.name, date: m.date, late: m.date < today(ctx) },
  });
  return withCard(toast(fresh ? 'success' : 'info', fresh ? T.saved : T.already), await stateCard(ctx, m));
};

/** Campaign card actions (`ms.*`, and 进度 设置's `tl.*`), spread into the one card registry in handlers/index.ts. */
export const campaignCardHandlers: { [A in Extract<CardActionName, `ms.${string}` | `tl.${string}`>]: CardHandler<A> } = {
  'ms.done': onMilestoneDone,
  'ms.doneSave': onMilestoneDoneSave,
  ...timelineCardHandlers,
};
