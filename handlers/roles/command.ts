import { parseRoleCommand, type SettableRole } from '../../src/domain/settings.js';
import { fmt, msg, t } from '../../src/messages/index.js';
import { rolesCard } from '../../cards/roles.js';
import type { Card } from '../../cards/types.js';
import type { HandlerCtx } from '../context.js';
import { fileNames } from '../people.js';
import { respond } from '../respond.js';
import type { CommandCall } from '../types.js';
import { hasAnyRole } from '../../src/domain/commands.js';

/** The roles card: the file's roles (read-only) and the run-time ones (removable). */
export async function rolesCardFor(ctx: HandlerCtx): Promise<Card> {
  const rt = await ctx.roles.runtime();
  const c = ctx.campaign;
  const names = fileNames(c);
  const person = (openId: string) => ({ openId, name: names.get(openId) });
  return rolesCard({
    fileAdmins: c.admins.map(person),
    runtimeAdmins: [...rt.admins].filter(([id]) => !ctx.roles.isFileAdmin(id))
      .map(([openId, e]) => ({ openId, name: e.name || names.get(openId) })),
    leaders: [
      ...c.leaders.map((l) => ({ openId: l.openId, name: l.name, title: l.title, fromFile: true })),
      ...[...rt.leaders].map(([openId, e]) => ({ openId, name: e.name || names.get(openId), title: e.title, fromFile: false })),
    ],
    supervisors: [
      ...c.supervisors.map((id) => ({ ...person(id), fromFile: true })),
      ...[...rt.supervisors].map(([openId, e]) => ({ openId, name: e.name || names.get(openId), fromFile: false })),
    ],
    topLeader: person(c.topLeader),
  });
}

/** Removes a run-time role; file admins stay. Returns the catalog message to show. */
export async function removeRole(role: SettableRole, openId: string, actor: string, ctx: HandlerCtx) {
  if (role === 'admin' && ctx.roles.isFileAdmin(openId)) return { ok: false as const, message: msg.settings.fileAdminNotRemovable };
  const removed = await ctx.store.roles.remove(role, openId, actor, ctx.now());
  return removed ? { ok: true as const } : { ok: false as const, message: msg.settings.notFound };
}

/** `设置` / `移除` (admins; the role was checked by the router, and is checked here again). */
export async function onRoleCommand(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const text = (s: string) => respond(cmd, { type: 'text', text: s }, ctx);
  if (!hasAnyRole(cmd.roles, 'admin')) return text(t(msg.errors.noPermissionFor));
  const parsed = parseRoleCommand({
    key: cmd.key === 'remove' ? 'remove' : 'settings', args: cmd.args, mentions: cmd.mentions, botOpenId: cmd.botOpenId,
  });
  if (parsed.op === 'error') return text(t(parsed.error));
  if (parsed.op === 'show') return respond(cmd, { type: 'card', card: await rolesCardFor(ctx) }, ctx);

  const roleName = msg.roles[parsed.role];
  if (parsed.op === 'add') {
    for (const target of parsed.targets) {
      await ctx.store.roles.add(
        parsed.role, target.openId, { name: target.name, title: parsed.title, addedBy: cmd.callerOpenId, at: ctx.now() },
      );
    }
    ctx.log.info({ actor: cmd.callerOpenId, role: parsed.role, count: parsed.targets.length }, 'roles added');
    return text(t(fmt.roleAdded(roleName, parsed.targets.map((x) => x.name || x.openId), parsed.title)));
  }
  const done: string[] = [];
  for (const target of parsed.targets) {
    const r = await removeRole(parsed.role, target.openId, cmd.callerOpenId, ctx);
    if (!r.ok) {
      return text(`${done.length ? t(fmt.roleRemoved(roleName, done)) + '\n' : ''}${target.name || target.openId}: ${t(r.message)}`);
    }
    done.push(target.name || target.openId);
  }
  ctx.log.info({ actor: cmd.callerOpenId, role: parsed.role, count: done.length }, 'roles removed');
  return text(t(fmt.roleRemoved(roleName, done)));
}
