import type { CardAction } from '../cards/actions.js';
import type { Card } from '../cards/types.js';
import { keyedHmac } from '../src/domain/hmac.js';
import { isLarkApiError } from '../src/lark/errors.js';
import { msg, t } from '../src/messages/index.js';
import type { CardAnswer, CardEvent } from '../src/pipeline.js';
import { toast } from './card-answer.js';
import type { HandlerCtx } from './context.js';
import { elsewhereCardKey, elsewhereKey } from './outbox-keys.js';
import type { CardHandler } from './types.js';

/*
 * Personal cards (the opinion form and its receipt, a ballot) work only in the clicker's own p2p chat
 * with the bot (#13 finding 8). Each person's p2p chat is known from their p2p messages, their entering
 * the chat, and our sends to their open_id (the answer names the chat); it is kept as two keyed HMACs, so
 * Redis holds neither the open_id nor the chat id. A chat not known yet is asked of Lark once.
 */

const personToken = (ctx: Pick<HandlerCtx, 'anonSecret'>, openId: string) => keyedHmac(ctx.anonSecret, 'p2p-person', openId);
const chatToken = (ctx: Pick<HandlerCtx, 'anonSecret'>, chatId: string) => keyedHmac(ctx.anonSecret, 'p2p-chat', chatId);

/** Remembers `chatId` as the p2p chat of `openId` with the bot. */
export async function recordP2pChat(ctx: Pick<HandlerCtx, 'anonSecret' | 'store'>, openId: string, chatId: string): Promise<void> {
  await ctx.store.kv.recordP2pChat(personToken(ctx, openId), chatToken(ctx, chatId));
}

/** Where a click came from: the clicker's own p2p chat, somewhere else, or not known for now (Lark unreachable). */
type Place = 'own' | 'elsewhere' | 'unsure';

export async function placeOf(event: CardEvent, ctx: HandlerCtx): Promise<Place> {
  const chatId = event.openChatId;
  if (!chatId) return 'elsewhere';
  const known = await ctx.store.kv.p2pChat(personToken(ctx, event.operatorOpenId));
  if (known) return known === chatToken(ctx, chatId) ? 'own' : 'elsewhere';
  let mode;
  try {
    mode = await ctx.lark.chatMode(chatId);
  } catch (e) {
    // A refusal (e.g. the bot is not in that chat) settles it; an outage leaves it open.
    if (isLarkApiError(e) && e.kind === 'permanent') return 'elsewhere';
    ctx.log.warn({ eventId: event.eventId, err: (e as Error).message }, 'personal card: the chat could not be looked up');
    return 'unsure';
  }
  // A p2p chat the bot is in (Lark names the mode only to members) in which this person clicked is theirs with the bot.
  if (mode !== 'p2p') return 'elsewhere';
  await recordP2pChat(ctx, event.operatorOpenId, chatId);
  return 'own';
}

interface PersonalOptions<A extends CardAction['a']> {
  /**
   * The fresh card sent by direct message with the notice. Built from nothing the refused click carried
   * (the form's text and a ballot's choices stay out of the job).
   */
  fresh: (action: Extract<CardAction, { a: A }>, event: CardEvent, ctx: HandlerCtx) => Promise<Card>;
  /** True when this card is not personal after all (a ballot posted into a visit's chat is voted on there). */
  shared?: (action: Extract<CardAction, { a: A }>, ctx: HandlerCtx) => Promise<boolean>;
}

/**
 * A personal card's action: handled only when clicked in the clicker's own p2p chat with the bot. From any other
 * chat it changes nothing and is answered with a warning toast and a direct message with a fresh card; when the
 * chat cannot be checked (Lark unreachable), with "try again", nothing changed: a vote is never taken unchecked.
 */
export function personalCard<A extends CardAction['a']>(handler: CardHandler<A>, opts: PersonalOptions<A>): CardHandler<A> {
  return async (action, event, ctx): Promise<CardAnswer> => {
    if (opts.shared && (await opts.shared(action, ctx))) return handler(action, event, ctx);
    const place = await placeOf(event, ctx);
    if (place === 'own') return handler(action, event, ctx);
    if (place === 'unsure') return toast('warning', msg.personal.unsure);
    const to = { openId: event.operatorOpenId };
    await ctx.outbox.sendMany([
      { key: elsewhereKey(event.eventId), to, body: { type: 'text', text: t(msg.personal.elsewhereDm) } },
      { key: elsewhereCardKey(event.eventId), to, body: { type: 'card', card: await opts.fresh(action, event, ctx) } },
    ]);
    return toast('warning', msg.personal.elsewhere);
  };
}
