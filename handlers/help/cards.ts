import { msg } from '../../src/messages/index.js';
import { toast } from '../card-answer.js';
import { callerRoles } from '../access.js';
import { availableCommands } from '../commands.js';
import { cardReplyKey } from '../outbox-keys.js';
import type { CardHandler } from '../types.js';
import { helpCardFor } from './command.js';

/** 查看帮助: the caller's own help card, by direct message (a card in a group is everyone's). */
export const onHelpClick: CardHandler<'help'> = async (_a, event, ctx) => {
  const roles = await callerRoles(event.operatorOpenId, ctx);
  const card = helpCardFor(roles, availableCommands(roles), ctx);
  await ctx.outbox.send({ key: cardReplyKey(event.eventId), to: { openId: event.operatorOpenId }, body: { type: 'card', card } });
  return toast('success', msg.dm.sentByDm);
};
