import { isParty, type Talk } from '../../src/domain/talks/talk.js';
import { hasAnyRole, type Role } from '../../src/domain/commands.js';
import { msg, type Msg } from '../../src/messages/index.js';
import { talkCard } from '../../cards/talks/talk.js';
import type { Card } from '../../cards/types.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { callerRoles } from '../access.js';
import { knownPeople } from '../people.js';

/** Shared by the talks handlers and their reminder jobs: who reads all, the names, a talk's card, the party check. */

export const denied = (): CardAnswer => toast('error', msg.errors.noPermission);

/** The top leader and the office see every talk and plan them; everybody else their own. */
export const readsAll = (roles: readonly Role[]) => hasAnyRole(roles, 'admin', 'topLeader');

export async function namesOf(ctx: HandlerCtx): Promise<Record<string, string>> {
  return (await knownPeople(ctx)).names;
}

export async function talkCardFor(
  tk: Talk, viewer: string, ctx: HandlerCtx, opts: { banner?: Msg; showBack?: boolean } = {},
): Promise<Card> {
  // The top leader and the office get 调整时间 on any planned talk (a party has it anyway).
  const reader = !isParty(tk, viewer) && readsAll(await callerRoles(viewer, ctx));
  return talkCard({ talk: tk, names: await namesOf(ctx), viewer, reader, ...opts });
}

/** The talk when the caller is a party to it, or (with `readers`) reads them all; else the answer. */
export async function talkFor(
  id: string, openId: string, ctx: HandlerCtx, opts: { readers?: boolean } = {},
): Promise<{ talk: Talk } | { answer: CardAnswer }> {
  const talk = await ctx.store.talks.get(id);
  if (!talk) {
    // A forged id names nothing: refused the same way whoever asks, unless they read all talks anyway.
    const reader = opts.readers && readsAll(await callerRoles(openId, ctx));
    return { answer: reader ? toast('warning', msg.talks.toast.notFound) : denied() };
  }
  if (isParty(talk, openId)) return { talk };
  if (opts.readers && readsAll(await callerRoles(openId, ctx))) return { talk };
  return { answer: denied() };
}
