import { isParty, talkCounts } from '../../src/domain/talks/talk.js';
import { talkListCard } from '../../cards/talks/list.js';
import { talkMatrixCard } from '../../cards/talks/plan.js';
import type { Card } from '../../cards/types.js';
import { withCard } from '../card-answer.js';
import { callerRoles } from '../access.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import { respond } from '../respond.js';
import type { CardHandler, CommandCall } from '../types.js';
import { denied, readsAll, talkCardFor, talkFor } from './common.js';

/** `谈心` / `talks`: a person's own talks; the top leader and the office see every talk, plan them, and the matrix. */

export async function talkListFor(openId: string, ctx: HandlerCtx, page = 0): Promise<Card> {
  const all = (await ctx.store.talks.list()).sort((x, y) => x.due.localeCompare(y.due) || x.createdAt - y.createdAt);
  const reader = readsAll(await callerRoles(openId, ctx));
  return talkListCard({
    viewer: openId, mine: all.filter((t) => isParty(t, openId)), ...(reader ? { all } : {}), names: (await knownPeople(ctx)).names,
    counts: talkCounts(all), canPlan: reader, page,
  });
}

export async function onTalks(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await respond(cmd, { type: 'card', card: await talkListFor(cmd.callerOpenId, ctx) }, ctx, { personal: true });
}

export const onTalkList: CardHandler<'tk.list'> = async (a, event, ctx) =>
  withCard({}, await talkListFor(event.operatorOpenId, ctx, a.page ?? 0));

export const onTalkOpen: CardHandler<'tk.open'> = async (a, event, ctx) => {
  const g = await talkFor(a.id, event.operatorOpenId, ctx, { readers: true });
  if ('answer' in g) return g.answer;
  return withCard({}, await talkCardFor(g.talk, event.operatorOpenId, ctx, { showBack: true }));
};

export const onTalkMatrix: CardHandler<'tk.matrix'> = async (_a, event, ctx) => {
  if (!readsAll(await callerRoles(event.operatorOpenId, ctx))) return denied();
  const people = await knownPeople(ctx);
  const talks = await ctx.store.talks.list();
  return withCard({}, talkMatrixCard({ leaders: people.leaders, talks, names: people.names, counts: talkCounts(talks) }));
};
