import type { MessageEvent } from '../src/pipeline.js';
import type { HandlerCtx } from './context.js';
import { routeCommand } from './route-command.js';
import type { Invocation } from './respond.js';
import { parseTyped } from '../src/domain/commands.js';
import { recordP2pChat } from './personal-chat.js';
import { takeFile } from './files/intake.js';
import { handleTakenFile } from './files/registry.js';

/** A message to the bot: in p2p anything; in a group only when the bot is @-mentioned. */
export async function onMessage(event: MessageEvent, ctx: HandlerCtx): Promise<void> {
  // Messages from other bots or apps carry no user sender.
  if (!event.senderOpenId) return;
  if (event.chatType === 'p2p') await recordP2pChat(ctx, event.senderOpenId, event.chatId);
  // A file in the p2p chat: taken for the purpose the person chose (提交新版本), or answered with a hint or refusal.
  if (event.chatType === 'p2p' && event.messageType === 'file') {
    const taken = await takeFile(event, ctx);
    if (taken) await handleTakenFile(taken, ctx, event);
    return;
  }
  let botOpenId: string | undefined;
  if (event.chatType === 'group') {
    botOpenId = await ctx.botOpenId();
    if (!event.mentions.some((m) => m.openId === botOpenId)) return;
  }
  const inv: Invocation = {
    eventId: event.eventId,
    callerOpenId: event.senderOpenId,
    origin: event.chatType === 'p2p'
      ? { kind: 'p2p', chatId: event.chatId, messageId: event.messageId }
      : { kind: 'group', chatId: event.chatId, messageId: event.messageId },
  };
  // Stickers, images, files in groups: nothing to parse; the hint says what to send.
  const parsed = event.text === undefined ? { key: 'unknown' as const, args: '' } : parseTyped(event.text);
  const emptyMention = event.chatType === 'group' && parsed.key === 'unknown' && parsed.args === '';
  await routeCommand(inv, parsed, ctx, { mentions: event.mentions, botOpenId, emptyMention });
}
