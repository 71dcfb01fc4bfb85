import { audienceOf, progressView } from '../../src/domain/campaign/progress.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { localParts } from '../../src/domain/calendar.js';
import { opinionFigures } from '../../src/reports/opinion-report.js';
import { progressCard } from '../../cards/campaign/progress.js';
import type { HandlerCtx } from '../context.js';
import { tz } from '../campaign-time.js';
import { respond } from '../respond.js';
import { latestLookback, latestRounds, ledgerRows, materialRows, meetingRows, ruleRows, studyTrend, talkRows } from './figures.js';
import type { CommandCall } from '../types.js';
import { effectiveCampaign } from './timeline.js';
import { boardPublished } from '../board/plan-gate.js';

/**
 * `进度`: the campaign at a glance. In a group it is the public view (figures, no names), whoever asks; in the
 * p2p chat it is the caller's view. Every figure comes from counters or the stores' indexes (the opinion
 * counters, not the opinions), so the card stays cheap at 50,000 opinions.
 */
export async function onProgress(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const audience = audienceOf(cmd.roles, cmd.origin.kind === 'group');
  const { total, handled, bySource } = opinionFigures(await ctx.store.opinions.counts());
  const view = progressView({
    campaign: (await effectiveCampaign(ctx)).campaign,
    today: localParts(ctx.now(), tz(ctx)).day,
    audience,
    caller: cmd.callerOpenId,
    milestonesDone: await ctx.store.milestones.doneMap(),
    opinions: { total, handled, bySource },
    ...(await latestRounds(ctx)),
    study: await studyTrend(ctx),
    ledger: await ledgerRows(ctx, audience === 'full'),
    lookback: await latestLookback(ctx),
    ledgerPublic: await boardPublished(ctx)(),
    rules: await ruleRows(ctx),
    // The public view shows no material at all: not even loaded.
    materials: audience === 'public' ? [] : await materialRows(ctx, true),
    // 谈心谈话 and 生活会: names loaded for the private views only (the public view counts).
    talks: await talkRows(ctx, audience !== 'public'),
    meetings: await meetingRows(ctx, false),
  });
  const locale = ctx.campaign.campaign.locale === 'en-US' ? 'en' : 'zh';
  const markDone = hasAnyRole(cmd.roles, 'admin');
  await respond(cmd, { type: 'card', card: progressCard(view, { locale, markDone }) }, ctx);
}
