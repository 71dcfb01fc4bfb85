import { campaignWindow, inWindow } from '../../../src/domain/campaign/window.js';
import { weeklyDigest } from '../../../src/domain/campaign/digest.js';
import { addDays, localParts } from '../../../src/domain/calendar.js';
import { flagOf } from '../../../src/domain/ledger/item.js';
import { isoWeek } from '../../../src/domain/opinions/opinion.js';
import { opinionFigures } from '../../../src/reports/opinion-report.js';
import { weeklyDigestCard } from '../../../cards/campaign/digest.js';
import type { HandlerCtx } from '../../context.js';
import { tz } from '../../campaign-time.js';
import { knownPeople } from '../../people.js';
import { latestRounds, materialRows, meetingRows, studyTrend, talkRows } from '../figures.js';
import { weeklyDigestKey } from '../outbox-keys.js';
import { effectiveCampaign } from '../timeline.js';

/**
 * The campaign job's weekly step (Monday 08:30): the digest to the top leader and the office, inside the
 * campaign only, once per ISO week and reader however often the step runs (a restart, a second firing).
 */
export async function sendWeeklyDigest(ctx: HandlerCtx): Promise<string> {
  const c = (await effectiveCampaign(ctx)).campaign;
  const now = ctx.now();
  const today = localParts(now, tz(ctx)).day;
  if (!inWindow(today, campaignWindow(c))) return 'outside the campaign';
  const weekday = (localParts(now, tz(ctx)).weekday + 6) % 7; // Monday = 0
  const monday = addDays(today, -weekday);
  const week = isoWeek(monday);
  const people = await knownPeople(ctx);
  const opinions = opinionFigures(await ctx.store.opinions.counts());
  const view = weeklyDigest({
    campaign: c, monday, now,
    ledger: (await ctx.store.ledger.list()).map((i) => ({
      ...i, overdue: flagOf(i, now, tz(ctx)) === 'overdue', ownerName: people.nameOf(i.owner),
    })),
    milestonesDone: await ctx.store.milestones.doneMap(),
    opinions: {
      thisWeek: opinions.inWeek(week), lastWeek: opinions.inWeek(isoWeek(addDays(monday, -7))),
      total: opinions.total, handled: opinions.handled,
    },
    evaluation: (await latestRounds(ctx)).evaluation,
    study: await studyTrend(ctx),
    // Its readers (the top leader, the office) see every material, with the authors' names.
    materials: await materialRows(ctx, true),
    talks: await talkRows(ctx, true),
    meetings: await meetingRows(ctx, true),
  });
  const card = weeklyDigestCard(view, { campaignName: c.name, locale: c.locale === 'en-US' ? 'en' : 'zh' });
  const readers = [...new Set([ctx.campaign.topLeader, ...(await ctx.roles.admins())])];
  await ctx.outbox.sendMany(readers.map((openId) => ({
    key: weeklyDigestKey(week, openId), to: { openId }, body: { type: 'card' as const, card },
  })));
  return `sent to ${readers.length}`;
}
