import { fmt, msg } from '../../src/messages/index.js';
import { toast, withCard } from '../card-answer.js';
import type { CardHandler } from '../types.js';
import { removeRole, rolesCardFor } from './command.js';
import { hasRole } from '../access.js';
import { cardReplyKey } from '../outbox-keys.js';
import { displayName } from '../people.js';

const sentByDm = () => toast('success', msg.dm.sentByDm);

export const onRolesList: CardHandler<'roles.list'> = async (_a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  const card = await rolesCardFor(ctx);
  await ctx.outbox.send({ key: cardReplyKey(event.eventId), to: { openId: event.operatorOpenId }, body: { type: 'card', card } });
  return sentByDm();
};

export const onRoleRemove: CardHandler<'roles.remove'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  const name = await displayName(a.openId, ctx);
  const r = await removeRole(a.role, a.openId, event.operatorOpenId, ctx);
  if (!r.ok) return withCard(toast('warning', r.message), await rolesCardFor(ctx));
  ctx.log.info({ actor: event.operatorOpenId, role: a.role }, 'role removed');
  return withCard(toast('success', fmt.roleRemoved(msg.roles[a.role], [name])), await rolesCardFor(ctx));
};
