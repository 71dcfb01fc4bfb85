import type { BotEvent } from '../../src/lark/schema.js';
import { welcomeCard } from '../../cards/welcome.js';
import type { HandlerCtx } from '../context.js';
import { keyedHmac } from '../../src/domain/hmac.js';
import { replyKey, welcomeKey } from '../outbox-keys.js';
import { recordP2pChat } from '../personal-chat.js';

type BotAdded = Extract<BotEvent, { type: 'bot_added' }>;
type P2pEntered = Extract<BotEvent, { type: 'p2p_entered' }>;

/** Welcome card in a group the bot was added to. */
export async function onBotAdded(event: BotAdded, ctx: HandlerCtx): Promise<void> {
  await ctx.outbox.send({
    key: replyKey(event.eventId),
    to: { chatId: event.chatId },
    body: { type: 'card', card: welcomeCard({ campaignName: ctx.campaign.campaign.name, where: 'group' }) },
  });
}

/** Welcome card on someone's first p2p entry (the event fires on every entry: once per person). */
export async function onP2pEntered(event: P2pEntered, ctx: HandlerCtx): Promise<void> {
  await recordP2pChat(ctx, event.operatorOpenId, event.chatId);
  // The set holds keyed HMACs, not open_ids: who talked to the bot is nobody's business.
  const who = keyedHmac(ctx.anonSecret, 'welcome', event.operatorOpenId);
  if (!(await ctx.store.kv.firstWelcome(who))) return;
  try {
    await ctx.outbox.send({
      key: welcomeKey(event.eventId),
      to: { chatId: event.chatId },
      body: { type: 'card', card: welcomeCard({ campaignName: ctx.campaign.campaign.name, where: 'p2p' }) },
    });
  } catch (e) {
    // Not welcomed after all: the job's retry will try again.
    await ctx.store.kv.forgetWelcome(who);
    throw e;
  }
}
