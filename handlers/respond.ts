import type { MessageBody } from '../src/lark/api.js';
import { dmNoticeText } from '../cards/notice.js';
import type { HandlerCtx } from './context.js';
import { replyDmKey, replyKey, replyNoteKey } from './outbox-keys.js';

/** Where a command came from: a p2p chat, a group (@bot), or the bot menu (no chat in the event). */
type Origin =
  | { kind: 'p2p'; chatId: string; messageId: string }
  | { kind: 'group'; chatId: string; messageId: string }
  | { kind: 'menu' };

export interface Invocation {
  eventId: string;
  callerOpenId: string;
  origin: Origin;
}

/** The outbox key of the answer that carries `body` (the direct message when a personal answer was asked for in a group). */
export function answerKey(inv: Invocation, opts: { personal?: boolean; part?: string } = {}): string {
  return inv.origin.kind === 'group' && opts.personal ? replyDmKey(inv.eventId, opts.part) : replyKey(inv.eventId, opts.part);
}

/**
 * Answers the caller. A personal answer asked for in a group goes by direct message, with a short
 * note in the group (a 2.0 card in a group is shared by everyone in it). Outbox keys derive from
 * the event_id (and `part`, when one event gets two answers), so a re-run of the job sends nothing twice.
 * Answers are interactive: they go ahead of bulk sends (src/outbox.ts).
 */
export async function respond(
  inv: Invocation, body: MessageBody, ctx: HandlerCtx, opts: { personal?: boolean; part?: string } = {},
): Promise<void> {
  const key = replyKey(inv.eventId, opts.part);
  const { origin } = inv;
  if (origin.kind === 'group' && opts.personal) {
    const text = dmNoticeText({ openId: inv.callerOpenId });
    await ctx.outbox.sendMany([
      { key: replyDmKey(inv.eventId, opts.part), to: { openId: inv.callerOpenId }, body, interactive: true },
      { key: replyNoteKey(inv.eventId, opts.part), to: { chatId: origin.chatId }, body: { type: 'text', text }, interactive: true },
    ]);
    return;
  }
  if (origin.kind === 'menu') {
    await ctx.outbox.send({ key, to: { openId: inv.callerOpenId }, body, interactive: true });
    return;
  }
  // A plain send, not a reply: a reply fails when the asking message was recalled meanwhile.
  await ctx.outbox.send({ key, to: { chatId: origin.chatId }, body, interactive: true });
}
