import type { CardActionName } from '../../cards/actions.js';
import { campaignEndedCard, endGatesCard, purgeConfirmCard } from '../../cards/campaign/end.js';
import {
  canOverride, canPurge, endGates, OVERRIDE_FORM, parseOverrideForm, purgeFrom, type CampaignEnd, type EndReason,
} from '../../src/domain/campaign/end.js';
import { localParts } from '../../src/domain/calendar.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { callerRoles } from '../access.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import { today, tz } from '../campaign-time.js';
import type { HandlerCtx } from '../context.js';
import { displayName } from '../people.js';
import { respond } from '../respond.js';
import type { CardHandler, CommandCall } from '../types.js';
import { latestRounds } from './figures.js';
import { campaignEndNoticeKey } from './outbox-keys.js';
import { effectiveCampaign } from './timeline.js';

/**
 * 结束活动 (DESIGN §2.7–2.8). Admins end the campaign once its last day has passed and nothing is open (ledger
 * items not 已销号, milestones not done, the latest satisfaction round below target); otherwise the card lists
 * why. The top leader may end it over the open items (never before the date) with a written reason, audited.
 * The end sends the archive to every admin; 30 days later an admin may purge the campaign's data (confirmed,
 * audited). Rights are checked on the server at every step: a forwarded card grants nothing.
 */

const T = msg.campaign.end.toast;
/** A double click ends or purges once; the second click is told it is being handled. */
const LOCK_SECONDS = 60;
const localeOf = (ctx: HandlerCtx): Locale => (ctx.campaign.campaign.locale === 'en-US' ? 'en' : 'zh');

/** Every reason against ending now, from the stores. */
async function reasonsNow(ctx: HandlerCtx): Promise<EndReason[]> {
  const [ledger, milestonesDone, { satisfaction }] = await Promise.all([
    ctx.store.ledger.list(), ctx.store.milestones.doneMap(), latestRounds(ctx),
  ]);
  const c = (await effectiveCampaign(ctx)).campaign;
  return endGates({ campaign: c, today: today(ctx), ledger, milestonesDone, ...(satisfaction ? { satisfaction } : {}) });
}

async function endedCard(ctx: HandlerCtx, end: CampaignEnd, isAdmin: boolean) {
  const day = (ms: number) => localParts(ms, tz(ctx)).day;
  return campaignEndedCard({
    byName: await displayName(end.by, ctx), day: day(end.at), ...(end.override ? { override: end.override } : {}),
    purgeFrom: purgeFrom(end, tz(ctx)), purgeButton: isAdmin, locale: localeOf(ctx),
    ...(end.purgedAt !== undefined && end.purgedBy
      ? { purged: { byName: await displayName(end.purgedBy, ctx), day: day(end.purgedAt) } } : {}),
  });
}

/** The command: the ended card after the end; before it, the gates (with the override form for the top leader). */
export async function onEndCampaign(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const isAdmin = hasAnyRole(cmd.roles, 'admin');
  const end = await ctx.store.campaignEnd.get();
  if (end) {
    await respond(cmd, { type: 'card', card: await endedCard(ctx, end, isAdmin) }, ctx, { personal: true });
    return;
  }
  const reasons = await reasonsNow(ctx);
  const override = reasons.length > 0 && hasAnyRole(cmd.roles, 'topLeader') && canOverride(reasons);
  await respond(cmd, { type: 'card', card: endGatesCard({ reasons, override, locale: localeOf(ctx) }) }, ctx, { personal: true });
}

/** Records the end (once), tells the admins and queues the archive for them. */
async function finish(by: string, override: string | undefined, reasons: readonly EndReason[], eventId: string, ctx: HandlerCtx) {
  const at = ctx.now();
  const open = {
    ledger: reasons.flatMap((r) => (r.kind === 'ledger' ? [r.seq] : [])),
    milestones: reasons.flatMap((r) => (r.kind === 'milestone' ? [r.name] : [])),
    satisfaction: reasons.find((r) => r.kind === 'satisfaction')?.verdict,
  };
  const end: CampaignEnd = { at, by, ...(override ? { override } : {}) };
  const fresh = await ctx.store.campaignEnd.end(end, {
    at, actor: by, action: 'campaign.end', detail: override ? { override, open } : {},
  });
  if (!fresh) return false;
  const name = await displayName(by, ctx);
  const text = t(msg.campaign.end.notice(name, dayText(today(ctx))), localeOf(ctx));
  await ctx.outbox.sendMany((await ctx.roles.admins()).map((openId) => ({
    key: campaignEndNoticeKey(eventId, openId), to: { openId }, body: { type: 'text' as const, text },
  })));
  await ctx.exports.enqueue({ kind: 'archive', format: 'xlsx', requester: by, requestId: eventId });
  return true;
}

/** Runs `work` once per lock; a second click meanwhile is told it is being handled. */
async function locked(ctx: HandlerCtx, name: string, work: () => Promise<CardAnswer>): Promise<CardAnswer> {
  if (!(await ctx.store.kv.claimOnce(name, LOCK_SECONDS))) return toast('info', T.busy);
  try {
    return await work();
  } finally {
    await ctx.store.kv.releaseOnce(name);
  }
}

async function endAnswer(by: string, override: string | undefined, eventId: string, ctx: HandlerCtx): Promise<CardAnswer> {
  if (await ctx.store.campaignEnd.get()) return toast('info', T.already);
  const reasons = await reasonsNow(ctx);
  const roles = await callerRoles(by, ctx);
  const allowed = reasons.length === 0 || (override !== undefined && canOverride(reasons));
  if (!allowed) {
    const form = hasAnyRole(roles, 'topLeader') && canOverride(reasons);
    return withCard(toast('warning', T.refused), endGatesCard({ reasons, override: form, locale: localeOf(ctx) }));
  }
  const fresh = await finish(by, reasons.length ? override : undefined, reasons, eventId, ctx);
  const end = await ctx.store.campaignEnd.get();
  const card = end ? await endedCard(ctx, end, hasAnyRole(roles, 'admin')) : undefined;
  const answer = toast(fresh ? 'success' : 'info', fresh ? T.ended : T.already);
  return card ? withCard(answer, card) : answer;
}

/** 确认结束活动: every gate passed (checked again now). */
const onCampaignEnd: CardHandler<'ce.end'> = async (_a, event, ctx) => {
  const by = event.operatorOpenId;
  if (!hasAnyRole(await callerRoles(by, ctx), 'admin', 'topLeader')) return toast('error', msg.errors.noPermissionEnd);
  return locked(ctx, 'campaign-end', () => endAnswer(by, undefined, event.eventId, ctx));
};

/** The top leader's override: a written reason (required, ≤ 500 characters); never before the last day has passed. */
const onCampaignOverride: CardHandler<'ce.override'> = async (_a, event, ctx) => {
  const by = event.operatorOpenId;
  if (!hasAnyRole(await callerRoles(by, ctx), 'topLeader')) return toast('error', T.topLeaderOnly);
  const form = parseOverrideForm(event.formValue ?? {});
  if (!form.ok) {
    const reasons = await reasonsNow(ctx);
    const card = endGatesCard({ reasons, override: canOverride(reasons), error: form.error, locale: localeOf(ctx) });
    return formRefused(T[form.error], card, event.formValue, [{ field: OVERRIDE_FORM.reason, text: t(T[form.error], localeOf(ctx)) }]);
  }
  return locked(ctx, 'campaign-end', () => endAnswer(by, form.reason, event.eventId, ctx));
};

/** Why the purge may not run now (undefined: it may). */
async function purgeRefusal(ctx: HandlerCtx): Promise<CardAnswer | undefined> {
  const end = await ctx.store.campaignEnd.get();
  if (!end) return toast('warning', T.notEnded);
  if (end.purgedAt !== undefined) return toast('info', T.alreadyPurged);
  if (!canPurge(end, ctx.now(), tz(ctx))) return toast('warning', T.tooEarly(dayText(purgeFrom(end, tz(ctx)))));
  return undefined;
}

/** 清除活动数据: the confirmation, saying what will be deleted. */
const onCampaignPurge: CardHandler<'ce.purge'> = async (_a, event, ctx) => {
  if (!hasAnyRole(await callerRoles(event.operatorOpenId, ctx), 'admin')) return toast('error', msg.errors.noPermissionFor);
  return (await purgeRefusal(ctx)) ?? withCard({}, purgeConfirmCard({ locale: localeOf(ctx) }));
};

/** 确认清除: deletes the campaign's data under this service's prefix; the end record and the purge's audit entry stay. */
const onCampaignPurgeConfirm: CardHandler<'ce.purgeConfirm'> = async (_a, event, ctx) => {
  const by = event.operatorOpenId;
  if (!hasAnyRole(await callerRoles(by, ctx), 'admin')) return toast('error', msg.errors.noPermissionFor);
  return locked(ctx, 'campaign-purge', async () => {
    const refusal = await purgeRefusal(ctx);
    if (refusal) return refusal;
    const at = ctx.now();
    const deleted = await ctx.store.campaignEnd.purge(by, at, (n) => ({ at, actor: by, action: 'campaign.purge', detail: { keys: n } }));
    ctx.log.info({ eventId: event.eventId, keys: deleted }, 'campaign data purged');
    const end = await ctx.store.campaignEnd.get();
    return end ? withCard(toast('success', T.purged), await endedCard(ctx, end, true)) : toast('success', T.purged);
  });
};

/** 结束活动's card actions (`ce.*`), spread into the one card registry in handlers/index.ts. */
export const campaignEndCardHandlers: { [A in Extract<CardActionName, `ce.${string}`>]: CardHandler<A> } = {
  'ce.end': onCampaignEnd,
  'ce.override': onCampaignOverride,
  'ce.purge': onCampaignPurge,
  'ce.purgeConfirm': onCampaignPurgeConfirm,
};
