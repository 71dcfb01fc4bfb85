import { hasAnyRole, type Role } from '../src/domain/commands.js';
import type { HandlerCtx } from './context.js';

/** The caller's roles, from the campaign file and Redis (server-side: a forwarded card grants nothing), `anyone` included. */
export async function callerRoles(openId: string, ctx: HandlerCtx): Promise<Role[]> {
  return [...(await ctx.roles.rolesOf(openId)), 'anyone'];
}

/** Whether the caller holds any of `roles` (checked on the server: a forwarded card grants nothing). */
export async function hasRole(openId: string, ctx: HandlerCtx, ...roles: Role[]): Promise<boolean> {
  return hasAnyRole(await callerRoles(openId, ctx), ...roles);
}
