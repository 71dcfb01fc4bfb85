import { byGroup, electorateOf, withGroup, type Voters } from '../../src/domain/evaluations/electorate.js';
import { DEFAULT_GROUP, partKeySchema } from '../../src/domain/evaluations/round.js';
import { msg } from '../../src/messages/index.js';
import { roundsListCard } from '../../cards/evaluations/admin.js';
import { electorateCard } from '../../cards/evaluations/electorate.js';
import type { Card } from '../../cards/types.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { hasRole } from '../access.js';
import { knownPeople } from '../people.js';
import type { CardHandler } from '../types.js';
import { roundAudit as audit } from './common.js';
import { tz } from '../campaign-time.js';

/**
 * The electorate of a round (issue #14): the union of the campaign file's rater groups (electorate.ts), shown to
 * the admin by group before the start and adjustable for that round only while it is a draft (audited).
 */

const X = msg.evaluationAdmin.electorate;
const denied = () => toast('error', msg.errors.noPermissionFor);

/** The members of a rater group's chat, read from Lark now; none when the bot cannot read them (logged for the operator). */
async function chatPeople(chatId: string, ctx: HandlerCtx): Promise<string[]> {
  return ctx.lark.chatMembers(chatId).then((users) => users.map((u) => u.openId), (e: Error) => {
    ctx.log.warn({ chatId, err: e.message },
      'rater group: could not read the chat members (is the bot in the chat, with im:chat.members:read?)');
    return [];
  });
}

/** The file's electorate now: each rater group's users and chat members (the first group listed wins); else the members. */
export async function fileVoters(ctx: HandlerCtx): Promise<Voters> {
  const groups = ctx.campaign.raterGroups;
  if (!groups.length) return electorateOf([], await ctx.roles.members());
  const resolved = [];
  for (const g of groups) {
    const fromChats: string[] = [];
    for (const chat of g.members.chats) fromChats.push(...(await chatPeople(chat, ctx)));
    resolved.push({ key: g.key, users: [...g.members.users, ...fromChats] });
  }
  return electorateOf(resolved, []);
}

/** The rounds list with turnout, and for each draft its electorate by group (said in the start confirmation). */
export async function adminListCard(ctx: HandlerCtx): Promise<Card> {
  const store = ctx.store.evaluations;
  const rounds = await store.list();
  const turnout = Object.fromEntries(await Promise.all(rounds.map(async (r) => [r.id, await store.turnout(r.id)] as const)));
  const groups: Record<string, { name: string; n: number }[]> = {};
  for (const r of rounds.filter((x) => x.status === 'draft' && !x.paper).slice(0, 8)) {
    groups[r.id] = byGroup(await store.voters(r.id), r.groups).map((g) => ({ name: g.name, n: g.people.length }));
  }
  return roundsListCard(rounds, turnout, { timeZone: tz(ctx), groups });
}

async function electorateCardFor(roundId: string, page: number, ctx: HandlerCtx): Promise<Card | undefined> {
  const round = await ctx.store.evaluations.getMeta(roundId);
  if (!round || round.paper) return undefined;
  const people = await knownPeople(ctx);
  // People who vote through a rater group's chat are named as Lark names them there (the file does not);
  // a chat that cannot be read names nobody (its open_ids stand in; the read for the electorate logged why).
  const fromChats = new Map<string, string>();
  for (const chat of ctx.campaign.raterGroups.flatMap((g) => g.members.chats)) {
    const users = await ctx.lark.chatMembers(chat).catch(() => []);
    for (const u of users) if (u.name) fromChats.set(u.openId, u.name);
  }
  const nameOf = (openId: string) => (people.ids.has(openId) ? people.nameOf(openId) : fromChats.get(openId) ?? people.nameOf(openId));
  return electorateCard({
    round, groups: byGroup(await ctx.store.evaluations.voters(round.id), round.groups), nameOf, page,
    people: people.list.map((p) => ({ openId: p.openId, name: p.name })), fromMembers: ctx.campaign.raterGroups.length === 0,
  });
}

export const onVoters: CardHandler<'ev.voters'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const c = await electorateCardFor(a.round, a.page, ctx);
  return c ? withCard({}, c) : toast('warning', msg.evaluation.toast.closed);
};

/** Saves a changed electorate of a draft round (refused once it has started), then shows it again. */
async function save(roundId: string, voters: Voters, actor: string, detail: Record<string, unknown>, ctx: HandlerCtx) {
  const done = await ctx.store.evaluations.adjustVoters(roundId, voters, audit(ctx, actor, 'electorate', roundId, detail));
  if (!done) return toast('warning', X.notDraft);
  const c = await electorateCardFor(roundId, 0, ctx);
  return c ? withCard(toast('success', X.adjusted(Object.keys(voters).length)), c) : toast('success', X.adjusted(0));
}

/** 本轮不参加 / 恢复该群体: the group's voters dropped, or the file's voters of that group read again and added. */
export const onVotersGroup: CardHandler<'ev.votersGroup'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!round || round.paper || round.visit?.chatId) return toast('warning', msg.evaluation.toast.closed);
  if (round.status !== 'draft') return toast('warning', X.notDraft);
  if (a.group === DEFAULT_GROUP || !round.groups.some((g) => g.key === a.group)) return toast('warning', msg.errors.badInput);
  const voters = withGroup(await ctx.store.evaluations.voters(round.id), a.include ? await fileVoters(ctx) : {}, a.group, a.include);
  return save(round.id, voters, event.operatorOpenId, { group: a.group, include: a.include }, ctx);
};

/** 加入本轮 / 移出本轮: one known person, counted in the chosen group (added) or taken out (removed). */
export const onVoter: CardHandler<'ev.voter'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!round || round.paper || round.visit?.chatId) return toast('warning', msg.evaluation.toast.closed);
  if (round.status !== 'draft') return toast('warning', X.notDraft);
  const f = event.formValue ?? {};
  const person = typeof f.ev_person === 'string' ? f.ev_person : '';
  const people = await knownPeople(ctx);
  const voters = await ctx.store.evaluations.voters(round.id);
  if (!people.ids.has(person)) return toast('warning', X.badPerson);
  if (a.op === 'remove') {
    if (!(person in voters)) return toast('warning', X.notIn);
    delete voters[person];
    return save(round.id, voters, event.operatorOpenId, { op: 'remove', person }, ctx);
  }
  const group = typeof f.ev_vgroup === 'string' && f.ev_vgroup ? f.ev_vgroup : DEFAULT_GROUP;
  if (!partKeySchema.safeParse(group).success || !round.groups.some((g) => g.key === group)) return toast('warning', X.badPerson);
  voters[person] = group;
  return save(round.id, voters, event.operatorOpenId, { op: 'add', person, group }, ctx);
};
