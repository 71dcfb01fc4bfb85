import type { CardHandler, CommandCall } from '../types.js';
import type { HandlerCtx } from '../context.js';
import { respond } from '../respond.js';
import { withCard } from '../card-answer.js';
import { denied, linkListFor, mayUse } from './common.js';

/** `走访` / `outreach`: the links, by direct message (their addresses are secrets); the office sees all, a leader theirs. */
export async function onOutreach(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const card = await linkListFor(cmd.callerOpenId, ctx, 0, cmd.roles);
  await respond(cmd, { type: 'card', card }, ctx, { personal: true });
}

export const onLinkList: CardHandler<'ol.list'> = async (a, event, ctx) => {
  const roles = await mayUse(event.operatorOpenId, ctx);
  return roles ? withCard({}, await linkListFor(event.operatorOpenId, ctx, a.page ?? 0, roles)) : denied();
};
