import { DEFAULT_GROUP, type RoundMeta } from '../../src/domain/evaluations/round.js';
import { linkState, type Link } from '../../src/domain/outreach/link.js';
import { mayManage, mayUseLinks, visibleLinks } from '../../src/domain/outreach/manage.js';
import type { Role } from '../../src/domain/commands.js';
import { msg, t } from '../../src/messages/index.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { linkListCard } from '../../cards/outreach/list.js';
import type { LinkRow } from '../../cards/outreach/common.js';
import type { Card } from '../../cards/types.js';
import { callerRoles } from '../access.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { tz } from '../campaign-time.js';

/** Shared by the 走访 handlers: the caller's view of the links, and the server's check on every action. */

export const denied = (): CardAnswer => toast('error', msg.errors.noPermissionFor);

/** The name of a rater group: the round's own name for it, else the campaign file's, else 其他. */
function groupName(key: string, round: Pick<RoundMeta, 'groups'> | undefined, ctx: HandlerCtx): string {
  return round?.groups.find((g) => g.key === key)?.name ?? ctx.campaign.raterGroups.find((g) => g.key === key)?.name
    ?? (key === DEFAULT_GROUP ? t(msg.outreach.form.otherGroup) : key);
}

/** Links as the cards show them: state now, the attached round's title, the rater group's name. */
export async function linkRows(links: readonly Link[], ctx: HandlerCtx): Promise<LinkRow[]> {
  const ids = [...new Set(links.flatMap((l) => (l.roundId ? [l.roundId] : [])))];
  const rounds = new Map((await Promise.all(ids.map((id) => ctx.store.evaluations.getMeta(id)))).flatMap((r) => (r ? [[r.id, r]] : [])));
  return links.map((link) => {
    const round = link.roundId ? rounds.get(link.roundId) : undefined;
    return { link, state: linkState(link, ctx.now()), groupName: groupName(link.group, round, ctx),
      ...(round ? { roundTitle: round.title } : {}) };
  });
}

/** The 走访 list for `openId`: every link for the office, a leader's own visits for a leader. */
export async function linkListFor(openId: string, ctx: HandlerCtx, page = 0, roles?: Role[]): Promise<Card> {
  const r = roles ?? await callerRoles(openId, ctx);
  const links = visibleLinks(await ctx.store.outreachLinks.list(), openId, r);
  return linkListCard({ rows: await linkRows(links, ctx), page, leaderOnly: !r.includes('admin'), timeZone: tz(ctx) });
}

/** Whether the caller may use 走访 at all (checked on the server). */
export async function mayUse(openId: string, ctx: HandlerCtx): Promise<Role[] | undefined> {
  const roles = await callerRoles(openId, ctx);
  return mayUseLinks(roles) ? roles : undefined;
}

/**
 * The link a button names, if the caller may manage it: the office any link, a leader the links of visits they lead.
 * A refusal answer otherwise (the same for a link that does not exist, to someone who may not use links at all).
 */
export async function linkFor(id: string, openId: string, ctx: HandlerCtx):
  Promise<{ link: Link; row: LinkRow; roles: Role[] } | { answer: CardAnswer }> {
  const roles = await callerRoles(openId, ctx);
  const link = await ctx.store.outreachLinks.get(id);
  if (!link) return { answer: mayUseLinks(roles) && roles.includes('admin') ? toast('warning', msg.outreach.toast.missing) : denied() };
  if (!mayManage(link, openId, roles)) return { answer: denied() };
  const [row] = await linkRows([link], ctx);
  return { link, row: row!, roles };
}
