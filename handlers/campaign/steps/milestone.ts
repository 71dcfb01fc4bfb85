import { milestonesOf, milestoneState } from '../../../src/domain/campaign/milestones.js';
import { milestoneRecipients, type MilestoneStep } from '../../../src/domain/campaign/reminders.js';
import { msg, t } from '../../../src/messages/index.js';
import { milestoneCard } from '../../../cards/campaign/milestone.js';
import type { HandlerCtx } from '../../context.js';
import { today } from '../../campaign-time.js';
import { knownPeople } from '../../people.js';
import { milestoneReminderKey, unresolvedPeopleKey } from '../outbox-keys.js';
import { effectiveCampaign } from '../timeline.js';

/**
 * The campaign job's step for a milestone's reminder (src/domain/campaign/reminders.ts): its card to each of
 * the step's people, keyed per (milestone, step, person), so a step run twice — a retry, a restart, a re-plan —
 * sends each message once. A milestone marked done sends nothing, and so does one the file no longer has
 * under this id (moved or renamed: its new id has reminders of its own).
 */
export async function runMilestoneStep(ctx: HandlerCtx, id: string, step: MilestoneStep): Promise<string> {
  const c = await effectiveCampaign(ctx);
  const m = milestonesOf(c.campaign).find((x) => x.id === id);
  if (!m) return 'stale';
  if (await ctx.store.milestones.get(id)) return 'done';
  const people = c.milestonePeople.get(id) ?? { remind: [] };
  const recipients = milestoneRecipients(step, people, await ctx.roles.admins(), c.topLeader);
  if (!recipients.length) return 'nobody';
  const known = await knownPeople(ctx);
  const ownerName = m.owner?.name ?? (people.owner ? known.nameOf(people.owner) : undefined);
  const state = milestoneState(m, undefined, today(ctx));
  const locale = c.campaign.locale === 'en-US' ? 'en' : 'zh';
  await ctx.outbox.sendMany(recipients.map((r) => ({
    key: milestoneReminderKey(id, step, r.openId),
    to: { openId: r.openId },
    body: { type: 'card' as const, card: milestoneCard({ milestone: m, state, step, ownerName, doneButton: r.admin, locale }) },
  })));
  ctx.log.info({ milestone: id, step, recipients: recipients.length }, 'milestone reminder sent');
  return `sent ${step} to ${recipients.length}`;
}

/**
 * At worker start: the milestone people Lark did not know (src/campaign.ts), listed to each admin once per
 * list — a restart, or a second worker, sends nothing more. They never stop the start.
 */
export async function reportUnresolvedMilestonePeople(ctx: HandlerCtx): Promise<number> {
  const lines = ctx.campaign.unresolvedMilestonePeople;
  if (!lines.length) return 0;
  const admins = await ctx.roles.admins();
  const locale = ctx.campaign.campaign.locale === 'en-US' ? 'en' : 'zh';
  const text = t(msg.campaign.milestone.unresolved(lines), locale);
  await ctx.outbox.sendMany(admins.map((openId) => ({
    key: unresolvedPeopleKey(lines, openId), to: { openId }, body: { type: 'text' as const, text },
  })));
  ctx.log.warn({ people: lines.length }, 'milestone people not found in Lark: reported to the admins');
  return admins.length;
}
