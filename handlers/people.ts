import type { ResolvedCampaign } from '../src/campaign.js';
import type { HandlerCtx } from './context.js';

/**
 * "The people the bot knows" (DESIGN §2.6): owners, leaders and co-owners are chosen among the
 * campaign file's admins, top leader, leaders, supervisors and member users, plus the run-time
 * roles. Names come from the file (or the `设置` command); an open_id stands in when none is known.
 */
interface KnownPerson { openId: string; name: string; title?: string }

export interface People {
  list: KnownPerson[];
  ids: Set<string>;
  /** open_id → display name (the open_id itself when unknown). */
  names: Record<string, string>;
  nameOf: (openId: string) => string;
  /** Leaders (file and run time), for the list's filter. */
  leaders: KnownPerson[];
}

/** Names the campaign file gives: its leaders' first, then everyone else it lists with a name. */
export function fileNames(campaign: ResolvedCampaign): Map<string, string> {
  const c = campaign.campaign;
  const out = new Map<string, string>(campaign.leaders.map((l) => [l.openId, l.name]));
  const people = [...c.admins, c.topLeader, ...c.supervisors, ...c.members.users, ...(c.study?.attendees?.users ?? []),
    ...c.raterGroups.flatMap((g) => g.members.users)];
  for (const p of people) if ('openId' in p && p.name && !out.has(p.openId)) out.set(p.openId, p.name);
  return out;
}

/** A person's name as the campaign file or the run-time roles know it; the open_id otherwise. */
export async function displayName(openId: string, ctx: HandlerCtx): Promise<string> {
  const fromFile = fileNames(ctx.campaign).get(openId);
  if (fromFile) return fromFile;
  const rt = await ctx.roles.runtime();
  return rt.admins.get(openId)?.name || rt.leaders.get(openId)?.name || rt.supervisors.get(openId)?.name || openId;
}

/** Everyone the bot knows, with names, titles and the leaders (the one source of people's names). */
export async function knownPeople(ctx: HandlerCtx): Promise<People> {
  const c = ctx.campaign;
  const names = fileNames(c);
  const rt = await ctx.roles.runtime();
  for (const m of [rt.admins, rt.leaders, rt.supervisors]) for (const [id, e] of m) if (e.name && !names.has(id)) names.set(id, e.name);

  const titles = new Map<string, string>(c.leaders.map((l) => [l.openId, l.title]));
  for (const [id, e] of rt.leaders) if (e.title && !titles.has(id)) titles.set(id, e.title);
  const order = [c.topLeader, ...c.leaders.map((l) => l.openId), ...rt.leaders.keys(), ...c.admins, ...rt.admins.keys(),
    ...c.supervisors, ...rt.supervisors.keys(), ...c.members.users];
  const ids = new Set(order);
  const person = (openId: string): KnownPerson => ({
    openId, name: names.get(openId) ?? openId, ...(titles.has(openId) ? { title: titles.get(openId) } : {}),
  });
  const leaderIds = [...new Set([c.topLeader, ...c.leaders.map((l) => l.openId), ...rt.leaders.keys()])];
  const record = Object.fromEntries([...ids].map((id) => [id, names.get(id) ?? id]));
  return {
    list: [...ids].map(person),
    ids,
    names: record,
    nameOf: (openId) => record[openId] ?? names.get(openId) ?? openId,
    leaders: leaderIds.map(person),
  };
}
