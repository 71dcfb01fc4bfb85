import { normalizeReceiptCode } from '../../src/domain/commands.js';
import { receiptLookupArgs } from '../../src/domain/opinions/receipt-query.js';
import { dayExpiry, keyedHmac } from '../../src/domain/hmac.js';
import { dayOf, isReceiptCode } from '../../src/domain/opinions/opinion.js';
import type { LarkApi } from '../../src/lark/api.js';
import { withDeadline } from '../../src/deadline.js';
import { msg, t } from '../../src/messages/index.js';
import type { MessageEvent } from '../../src/pipeline.js';
import { opinionStatusCard } from '../../cards/opinions/opinion.js';
import { dmNoticeText } from '../../cards/notice.js';
import type { Card } from '../../cards/types.js';
import type { HandlerCtx } from '../context.js';
import { respond } from '../respond.js';
import type { CommandCall } from '../types.js';
import type { Opinion } from '../../src/store/opinions.js';
import { askAgainKey, replyNoteKey } from '../outbox-keys.js';

/**
 * `查询 <回执码>` — and any message shaped like a look-up or holding something shaped like a code
 * (src/domain/opinions/receipt-query.ts) — is answered inline by the webhook (DESIGN §2.1, §3): a read-only
 * lookup and one direct send, never a job, so no identity is ever stored or queued beside a code. Only a message
 * without the code (the group note, "please ask again") may go through the outbox.
 */
/** The whole answer must reach Lark within its 3 s; the send gets what is left after the lookup. */
const SEND_DEADLINE_MS = 2000;

export function createInlineLookup(ctx: HandlerCtx, lark: Pick<LarkApi, 'send'>) {
  return async function onInlineMessage(event: MessageEvent): Promise<boolean> {
    if (!event.senderOpenId || event.text === undefined) return false;
    // `查询 <code>`, its near misses and anything shaped like a code: a job would carry the code beside the sender.
    const args = receiptLookupArgs(event.text);
    if (args === undefined) return false;
    const inGroup = event.chatType === 'group';
    // In a group only an @bot message is for us (the bot's open_id is cached in memory).
    if (inGroup) {
      const bot = await ctx.botOpenId();
      if (!event.mentions.some((m) => m.openId === bot)) return true;
    }
    // A re-push of a lookup already answered.
    if (!(await ctx.store.kv.claimInline(event.eventId))) {
      ctx.metrics.duplicates.inc({ kind: 'inline' });
      return true;
    }

    let card: Awaited<ReturnType<typeof lookupCard>>;
    try {
      card = await lookupCard(args, event.senderOpenId, inGroup, ctx);
    } catch (e) {
      // Nothing was answered: let Lark's re-push try again.
      await ctx.store.kv.releaseInline(event.eventId).catch(() => undefined);
      throw e;
    }
    const to = inGroup ? { openId: event.senderOpenId } : { chatId: event.chatId };
    try {
      await withDeadline(
        lark.send(to, card.type === 'card' ? { type: 'card', card: card.card } : { type: 'text', text: card.text }), SEND_DEADLINE_MS,
      );
    } catch {
      // The person is told to ask again; that message carries no code, so the outbox may take it.
      ctx.log.warn({ route: 'inline-lookup' }, 'inline look-up answer could not be sent');
      await ctx.outbox.send({ key: askAgainKey(event.eventId), to, body: { type: 'text', text: t(msg.opinion.askAgain) } });
    }
    if (inGroup) {
      const text = dmNoticeText({ openId: event.senderOpenId });
      await ctx.outbox.send({ key: replyNoteKey(event.eventId), to: { chatId: event.chatId }, body: { type: 'text', text } });
    }
    return true;
  };
}

async function lookupCard(
  args: string, openId: string, inGroup: boolean, ctx: HandlerCtx,
): Promise<{ type: 'card'; card: Card } | { type: 'text'; text: string }> {
  const code = normalizeReceiptCode(args);
  // No letter or digit at all ("查询", "查询进度"): say how to ask.
  if (!/[A-Z0-9]/.test(code)) return { type: 'text', text: t(msg.opinion.usage) };
  const day = dayOf(ctx.now(), ctx.campaign.campaign.timezone);
  const used = await ctx.store.opinions.countDaily('lookup', day, keyedHmac(ctx.anonSecret, 'lookup-limit', openId, day), dayExpiry(day));
  if (used > ctx.limits.lookupsPerDay) return { type: 'text', text: t(msg.opinion.tooManyLookups) };
  const root = await opinionByReceipt(code, ctx);
  if (!root) return { type: 'text', text: t(msg.opinion.notFound) };
  return {
    type: 'card',
    card: opinionStatusCard({
      code, status: root.status, reply: root.reply, replyBy: root.replyBy, quickNote: root.quickNote, shownInGroup: inGroup,
    }),
  };
}

/**
 * The opinion a receipt code answers for (a normalized code): its group's root when merged, which shares its status and
 * reply. Read-only; also used by the outreach page's look-up (handlers/outreach/page.ts).
 */
export async function opinionByReceipt(code: string, ctx: Pick<HandlerCtx, 'store' | 'anonSecret'>): Promise<Opinion | undefined> {
  if (!isReceiptCode(code)) return undefined;
  const id = await ctx.store.opinions.idByCode(keyedHmac(ctx.anonSecret, 'receipt', code));
  const own = id ? await ctx.store.opinions.get(id) : undefined;
  if (!own) return undefined;
  return own.mergedInto ? ((await ctx.store.opinions.get(own.mergedInto)) ?? own) : own;
}

/** Reached only when a 查询 came through the queue without its code being read (the inline path took none). */
export async function onStatusUsage(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await respond(cmd, { type: 'text', text: t(msg.opinion.usage) }, ctx, { personal: true });
}
