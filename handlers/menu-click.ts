import { menuKeyToCommand } from '../src/domain/commands.js';
import type { BotEvent } from '../src/lark/schema.js';
import type { HandlerCtx } from './context.js';
import { routeCommand } from './route-command.js';

type MenuEvent = Extract<BotEvent, { type: 'menu' }>;

/** The bot menu sends the command's English key as `event_key`; the answer goes to the p2p chat. */
export async function onMenu(event: MenuEvent, ctx: HandlerCtx): Promise<void> {
  const key = menuKeyToCommand(event.eventKey);
  await routeCommand(
    { eventId: event.eventId, callerOpenId: event.operatorOpenId, origin: { kind: 'menu' } },
    key ? { key, args: '' } : { key: 'unknown', args: '' },
    ctx,
  );
}
