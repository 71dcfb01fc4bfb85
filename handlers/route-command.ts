import { canUse, type CommandKey } from '../src/domain/commands.js';
import type { Mention } from '../src/lark/schema.js';
import { msg, t } from '../src/messages/index.js';
import { unknownCommandCard } from '../cards/hint.js';
import { availableCommands, commandHandlers } from './commands.js';
import { callerRoles } from './access.js';
import type { HandlerCtx } from './context.js';
import { respond, type Invocation } from './respond.js';

/**
 * Runs one command for a caller: unknown or not-built commands get the hint, commands the
 * caller's roles do not allow get "无权限" (checked here on the server, whatever a card says).
 */
export async function routeCommand(
  inv: Invocation,
  parsed: { key: CommandKey | 'unknown'; args: string },
  ctx: HandlerCtx,
  extra: { mentions?: Mention[]; botOpenId?: string; emptyMention?: boolean } = {},
): Promise<void> {
  const handler = parsed.key === 'unknown' ? undefined : commandHandlers[parsed.key];
  if (parsed.key === 'unknown' || !handler) {
    await respond(inv, { type: 'card', card: unknownCommandCard({ emptyMention: extra.emptyMention }) }, ctx);
    return;
  }
  const roles = await callerRoles(inv.callerOpenId, ctx);
  if (!canUse(parsed.key, roles)) {
    await respond(inv, { type: 'text', text: t(msg.errors.noPermissionFor) }, ctx);
    return;
  }
  await handler({
    ...inv, key: parsed.key, args: parsed.args, mentions: extra.mentions ?? [], roles, botOpenId: extra.botOpenId,
    available: availableCommands(roles),
  }, ctx);
}
