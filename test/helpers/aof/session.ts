import { cardActionEvent, messageEvent, newEventId, p2pEnteredEvent } from '../../../src/local/lark-push.js';
import { shortDigest } from '../../../src/domain/digest.js';
import { startTestBot, type TestBot } from '../bot.js';
import { analyseWriteHistory, formatFindings, type Act, type Audit, type Person } from './audit.js';
import { startAofRedis, type AofRedis } from './redis.js';

/**
 * The bot on a private Redis whose append-only file the audit reads afterwards. People talk to it with
 * every identifier Lark would send (open_id, user_id, union_id, their p2p chat, the card's message id),
 * and each anonymous act is recorded with its window of AOF commands. `assertClean` audits the AOF and
 * the service's log lines (test/helpers/aof/audit.ts).
 */
export interface AuditedBot {
  bot: TestBot;
  redis: AofRedis;
  acts: Act[];
  /** The user_id, union_id and p2p chat id the fake tenant gives `openId`. */
  idsOf(openId: string): { openId: string; userId: string; unionId: string; chatId: string };
  /** A typed message in the person's p2p chat (or `chatId`); answers the push. */
  say(openId: string, text: string, o?: { chatId?: string; known?: string[] }): Promise<{ status: number; json: any }>;
  /** A card click from the person's own chat, on the last card sent there unless told. */
  click(openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>,
    o?: { chatId?: string; messageId?: string; known?: string[] }): Promise<any>;
  /** The person opens the bot's chat (p2p_entered). */
  enter(openId: string, o?: { known?: string[] }): Promise<{ status: number; json: any }>;
  /**
   * One anonymous act by `actor`: its window runs from before `run` until the queues are idle after it.
   * `run` gets a `known` list to add the delivery's own values to; it answers the act's secrets and markers.
   */
  act(label: string, actor: string, run: (known: string[]) => Promise<Partial<Pick<Act, 'secrets' | 'content'>> | void>): Promise<void>;
  /** The audit of `only` (default: every act recorded). */
  audit(only?: Act[]): Audit;
  /**
   * Throws with a readable report when the AOF or the logs tie an act of `only` to its actor; also when an
   * act wrote nothing the audit could judge it by (no specific token, no secret): a window gone wrong.
   */
  assertClean(only?: Act[]): void;
  stop(): Promise<void>;
}

export async function startAuditedBot(opts: Parameters<typeof startTestBot>[0] = {}): Promise<AuditedBot> {
  const redis = await startAofRedis();
  let bot: TestBot;
  try {
    bot = await startTestBot({ ...opts, env: { ...opts.env, REDIS_URL: redis.url } });
  } catch (e) {
    await redis.stop();
    throw e;
  }
  const acts: Act[] = [];
  const typed = new Map<string, string[]>();
  const idsOf = (openId: string) => ({
    openId,
    userId: `uid_${shortDigest(`u:${openId}`, 10, 'hex')}`,
    unionId: `on_${shortDigest(`on:${openId}`, 24, 'hex')}`,
    chatId: bot.fake.state.p2pChatId(openId),
  });
  const withIds = (openId: string, ref: { open_id: string; user_id: string; union_id: string }) => {
    const ids = idsOf(openId);
    Object.assign(ref, { open_id: ids.openId, user_id: ids.userId, union_id: ids.unionId });
  };
  const lastCard = (chatId: string) => bot.fake.messagesTo(chatId).filter((m) => m.msgType === 'interactive').at(-1)?.messageId;
  let known: string[] = [];

  const self: AuditedBot = {
    bot, redis, acts, idsOf,
    async say(openId, text, o = {}) {
      const chatId = o.chatId ?? idsOf(openId).chatId;
      const event = messageEvent({ senderOpenId: openId, chatId, chatType: chatId === idsOf(openId).chatId ? 'p2p' : 'group', text });
      withIds(openId, (event.sender as any).sender_id);
      typed.set(openId, [...(typed.get(openId) ?? []), (event.message as any).message_id]);
      const eventId = newEventId();
      (o.known ?? known).push(eventId);
      return bot.push('im.message.receive_v1', event, { eventId });
    },
    async click(openId, value, formValue, o = {}) {
      const chatId = o.chatId ?? idsOf(openId).chatId;
      const event = cardActionEvent({
        operatorOpenId: openId, value: { v: 1, ...value }, formValue, openChatId: chatId, openMessageId: o.messageId ?? lastCard(chatId),
      });
      withIds(openId, event.operator as any);
      const eventId = newEventId();
      (o.known ?? known).push(eventId, String(event.token));
      return (await bot.push('card.action.trigger', event, { eventId })).json;
    },
    async enter(openId, o = {}) {
      const event = p2pEnteredEvent(idsOf(openId).chatId, openId);
      withIds(openId, (event as any).operator_id);
      const eventId = newEventId();
      (o.known ?? known).push(eventId);
      return bot.push('im.chat.access_event.bot_p2p_chat_entered_v1', event, { eventId });
    },
    async act(label, actor, run) {
      await bot.idle();
      const from = redis.mark();
      known = [];
      const marks = (await run(known)) ?? {};
      await bot.idle();
      acts.push({ label, actor, from, to: redis.mark(), known, ...marks });
      known = [];
    },
    audit(only = acts) {
      const labels = new Set([...acts.map((a) => a.actor), ...typed.keys()]);
      const people: Person[] = [...labels].map((openId) => {
        const ids = idsOf(openId);
        return {
          label: openId,
          ids: {
            open_id: ids.openId, user_id: ids.userId, union_id: ids.unionId, p2p_chat_id: ids.chatId,
            message_id: [...bot.fake.messagesTo(ids.chatId).map((m) => m.messageId), ...(typed.get(openId) ?? [])],
          },
        };
      });
      return analyseWriteHistory({ units: redis.units(), logs: bot.logs, people, acts: only });
    },
    assertClean(only = acts) {
      const { findings, specific } = self.audit(only);
      if (findings.length) throw new Error(formatFindings(findings));
      const blind = only.filter((x) => specific.get(x)!.size === 0 && !x.secrets?.length);
      if (blind.length) throw new Error(`the audit saw nothing specific to ${blind.map((x) => `"${x.label}"`).join(', ')}`);
    },
    async stop() {
      await bot.stop().catch(() => undefined);
      await redis.stop();
    },
  };
  return self;
}
