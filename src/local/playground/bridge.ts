import { BadInput } from '../../errors.js';
import type { FakeLark } from '../fake-lark-server.js';
import {
  cardActionEvent, envelope, fileMessageEvent, menuEvent, messageEvent, p2pEnteredEvent, signPush, type MentionInput, type PushSecrets,
} from '../lark-push.js';
import { chatFor } from './people.js';

/**
 * Plays Lark's part for the page: builds events and card callbacks as Lark does (lark-push.ts),
 * signs and encrypts them with local mode's secrets, and POSTs them to the bot's own webhook.
 */
interface BridgeOptions {
  fake: FakeLark;
  secrets: PushSecrets;
}

interface Toast { type: string; content: string }

/** Lark shows an error when a callback is not answered within 3 s (LARK.md §2.1). */
const CALLBACK_DEADLINE_MS = 3000;

async function post(origin: string, route: 'event' | 'card', eventType: string, event: unknown, secrets: PushSecrets) {
  const push = signPush(envelope(eventType, event, secrets), secrets);
  const res = await fetch(`${origin}/webhook/${route}`, { method: 'POST', headers: push.headers, body: push.body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { raw: text };
  }
  return { status: res.status, json };
}

/**
 * Lark's text content for what a person typed: `@Name` of someone in the directory (or the bot)
 * becomes an `@_user_N` placeholder with a mention, as in im.message.receive_v1.
 */
export function withMentions(text: string, names: { openId: string; name: string }[]): { content: string; mentions: MentionInput[] } {
  const byLength = [...names].filter((n) => n.name).sort((a, b) => b.name.length - a.name.length);
  const mentions: MentionInput[] = [];
  let content = '';
  for (let i = 0; i < text.length; i++) {
    const hit = text[i] === '@' ? byLength.find((n) => text.startsWith(n.name, i + 1)) : undefined;
    if (!hit) {
      content += text[i];
      continue;
    }
    let m = mentions.find((x) => x.openId === hit.openId);
    if (!m) mentions.push((m = { key: `@_user_${mentions.length + 1}`, openId: hit.openId, name: hit.name }));
    content += m.key;
    i += hit.name.length;
  }
  return { content, mentions };
}

export function createBridge({ fake, secrets }: BridgeOptions) {
  const bot = fake.bot;
  const directory = () => [
    { openId: bot.openId, name: bot.name },
    ...[...fake.state.users.values()].map((u) => ({ openId: u.openId, name: u.name })),
  ];

  return {
    /** A person types `text` into a chat; in a group the bot is @-mentioned when asked to or when the text starts with @. */
    async send(origin: string, input: { as: string; chatId: string; text: string; mentionBot?: boolean }) {
      const chat = chatFor(input.as, input.chatId, fake);
      if (!chat) throw new BadInput(`${input.as} is not in chat ${input.chatId}`);
      let typed = input.text.trim();
      if (!typed) throw new BadInput('empty message');
      let { content, mentions } = withMentions(typed, directory());
      // A leading "@" that names nobody stands for the bot, as picking it from Lark's @ list would.
      const bareAt = typed.startsWith('@') && !mentions.some((m) => content.startsWith(m.key));
      if (chat.kind === 'group' && !mentions.some((m) => m.openId === bot.openId) && (input.mentionBot || bareAt)) {
        typed = `@${bot.name} ${bareAt ? typed.replace(/^@\s*/, '') : typed}`;
        ({ content, mentions } = withMentions(typed, directory()));
      }
      const shown = fake.recordUserMessage({ chatId: chat.chatId, senderOpenId: input.as, text: typed });
      const event = messageEvent({
        senderOpenId: input.as, chatId: chat.chatId, chatType: chat.kind, text: content, mentions, messageId: shown.messageId,
      });
      const r = await post(origin, 'event', 'im.message.receive_v1', event, secrets);
      return { messageId: shown.messageId, status: r.status };
    },

    /**
     * A person sends a file from the local disk into a chat, standing in for a Lark file message: the fake keeps the
     * file (served as the message's resource, as Lark does) and the file message is pushed to the bot. In a group it
     * reaches nobody (a file message cannot @ the bot), as at Lark.
     */
    async sendFile(origin: string, input: { as: string; chatId: string; name: string; bytes: Buffer }) {
      const chat = chatFor(input.as, input.chatId, fake);
      if (!chat) throw new BadInput(`${input.as} is not in chat ${input.chatId}`);
      const shown = fake.recordUserFile({ chatId: chat.chatId, senderOpenId: input.as, fileName: input.name, data: input.bytes });
      const fileKey = (shown.content as { file_key: string }).file_key;
      const event = fileMessageEvent({
        senderOpenId: input.as, chatId: chat.chatId, chatType: chat.kind, fileKey, fileName: input.name, messageId: shown.messageId,
      });
      const r = await post(origin, 'event', 'im.message.receive_v1', event, secrets);
      return { messageId: shown.messageId, status: r.status };
    },

    /** A click or form submit on a card: a `card.action.trigger` callback, answered inline. */
    async action(origin: string, input: {
      as: string; messageId: string; value: Record<string, unknown>; formValue?: Record<string, unknown>;
      name?: string; tag?: 'button' | 'checker'; checked?: boolean;
    }) {
      const m = fake.state.message(input.messageId);
      if (!m || m.msgType !== 'interactive') throw new BadInput('no such card');
      if (!chatFor(input.as, m.chatId, fake)) throw new BadInput(`${input.as} cannot see that card`);
      const event = cardActionEvent({
        operatorOpenId: input.as, value: input.value, formValue: input.formValue, name: input.name,
        openMessageId: m.messageId, openChatId: m.chatId, checked: input.checked,
      });
      if (input.tag === 'checker') (event.action as Record<string, unknown>).tag = 'checker';
      fake.registerCardToken(String(event.token), m.messageId);
      const started = Date.now();
      const r = await post(origin, 'card', 'card.action.trigger', event, secrets);
      const elapsedMs = Date.now() - started;
      if (r.status !== 200 || elapsedMs > CALLBACK_DEADLINE_MS) {
        const why = r.status !== 200 ? `HTTP ${r.status}` : `${elapsedMs} ms > 3 s`;
        return { toast: { type: 'error', content: `卡片回调失败（${why}）：飞书此时会提示出错` } as Toast, replaced: false, elapsedMs };
      }
      const answer = (r.json ?? {}) as { toast?: Toast; card?: { type?: string; data?: unknown } };
      let replaced = false;
      if (answer.card?.type === 'raw' && answer.card.data && typeof answer.card.data === 'object') {
        fake.applyCallbackCard(m.messageId, answer.card.data);
        replaced = true;
      } else if (answer.card) {
        return {
          toast: { type: 'error', content: `playground: card answer of type "${String(answer.card.type)}" not applied` },
          replaced,
          elapsedMs,
        };
      }
      return { toast: answer.toast ?? null, replaced, elapsedMs };
    },

    /** The person opens the bot's p2p chat (Lark's bot_p2p_chat_entered_v1). */
    async enter(origin: string, as: string) {
      const r = await post(
        origin, 'event', 'im.chat.access_event.bot_p2p_chat_entered_v1', p2pEnteredEvent(fake.state.p2pChatId(as), as), secrets,
      );
      return { status: r.status };
    },

    /** A tap on the bot menu (application.bot.menu_v6, the English command key). */
    async menu(origin: string, as: string, key: string) {
      const r = await post(origin, 'event', 'application.bot.menu_v6', menuEvent(as, key), secrets);
      return { status: r.status };
    },
  };
}

