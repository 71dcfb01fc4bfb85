import { z } from 'zod';

/**
 * Lark wire shapes (LARK.md §1.5) and their normalisation into our flat `BotEvent` union.
 * zod's discriminatedUnion cannot key on `header.event_type`, so the envelope is parsed first
 * and the event body by type second.
 */

const eventId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'event_id must be 1–128 letters, digits, _ or -');

const challengeSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(512),
  token: z.string(),
});

/** An event body is checked by its own type's schema next; here only its shape, without copying it (the hot path). */
const eventBody = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'event must be an object' },
);

const envelopeV2Schema = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: eventId,
    event_type: z.string().min(1).max(128),
    token: z.string(),
    create_time: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  event: eventBody,
});

/** Legacy v1 events (only `p2p_chat_create` matters to us). */
const envelopeV1Schema = z.object({
  uuid: eventId,
  token: z.string(),
  type: z.literal('event_callback'),
  event: z.object({ type: z.string() }).passthrough(),
});

const userId = z.object({ open_id: z.string().min(1) }).passthrough();

const messageReceiveSchema = z.object({
  sender: z.object({ sender_id: userId.optional(), sender_type: z.string() }).passthrough(),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string().max(200_000),
    create_time: z.string().optional(),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    mentions: z.array(z.object({ key: z.string(), id: userId.partial(), name: z.string().default('') }).passthrough()).optional(),
  }).passthrough(),
});

const menuSchema = z.object({
  operator: z.object({ operator_id: userId, operator_name: z.string().optional() }).passthrough(),
  event_key: z.string().min(1).max(128),
});

const botAddedSchema = z.object({
  chat_id: z.string().min(1),
  operator_id: userId.partial().optional(),
  name: z.string().optional(),
});

const p2pEnteredSchema = z.object({ chat_id: z.string().min(1), operator_id: userId });

const cardActionSchema = z.object({
  operator: userId,
  token: z.string().optional(),
  action: z.object({
    tag: z.string().optional(),
    name: z.string().optional(),
    value: z.unknown().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    input_value: z.string().optional(),
    checked: z.boolean().optional(),
    timezone: z.string().optional(),
  }).passthrough(),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).passthrough().optional(),
  host: z.string().optional(),
});

const mentionSchema = z.object({ key: z.string(), openId: z.string(), name: z.string() });

/** A file message's file (message_type `file`): its key at Lark and the name it was sent under. */
const fileRefSchema = z.strictObject({ fileKey: z.string().min(1).max(512), fileName: z.string().min(1).max(512) });
export type FileRef = z.infer<typeof fileRefSchema>;

/** im.message.receive_v1 content of a file message (LARK.md §1.5): `{"file_key","file_name"}`. */
const fileContentSchema = z.object({ file_key: z.string().min(1).max(512), file_name: z.string().min(1).max(512) }).passthrough();
export type Mention = z.infer<typeof mentionSchema>;

/** Our normalised event: what the inbound queue carries (validated again when a job runs). */
export const botEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'), eventId, messageId: z.string(), chatId: z.string(), chatType: z.enum(['p2p', 'group']),
    senderOpenId: z.string(), messageType: z.string(), text: z.string().optional(), mentions: z.array(mentionSchema),
    rootId: z.string().optional(), file: fileRefSchema.optional(),
  }),
  z.object({ type: z.literal('menu'), eventId, operatorOpenId: z.string(), eventKey: z.string() }),
  z.object({
    type: z.literal('bot_added'), eventId, chatId: z.string(), operatorOpenId: z.string().optional(), chatName: z.string().optional(),
  }),
  z.object({ type: z.literal('p2p_entered'), eventId, chatId: z.string(), operatorOpenId: z.string() }),
  z.object({
    type: z.literal('card_action'), eventId, operatorOpenId: z.string(), value: z.unknown(),
    formValue: z.record(z.string(), z.unknown()).optional(), actionName: z.string().optional(), option: z.string().optional(),
    options: z.array(z.string()).optional(), inputValue: z.string().optional(), checked: z.boolean().optional(),
    openMessageId: z.string().optional(), openChatId: z.string().optional(), updateToken: z.string().optional(),
  }),
  z.object({ type: z.literal('ignored'), eventId, eventType: z.string() }),
]);

export type BotEvent = z.infer<typeof botEventSchema>;

export type BotEventType = BotEvent['type'];

type ParsedBody =
  | { kind: 'challenge'; challenge: string; token: string }
  | { kind: 'event'; token: string; event: BotEvent };

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

function firstIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return `${i.path.join('.') || 'body'}: ${i.message}`;
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new EnvelopeError(`${what}: ${firstIssue(r.error)}`);
  return r.data;
}

function textOf(messageType: string, content: string): string | undefined {
  if (messageType !== 'text') return undefined;
  try {
    const c = JSON.parse(content) as unknown;
    return c && typeof c === 'object' && typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : undefined;
  } catch {
    return undefined;
  }
}

/** The file of a `file` message; undefined for any other type and for content that is not a file's (never a throw). */
function fileOf(messageType: string, content: string): FileRef | undefined {
  if (messageType !== 'file') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return undefined;
  }
  const r = fileContentSchema.safeParse(json);
  return r.success ? { fileKey: r.data.file_key, fileName: r.data.file_name } : undefined;
}

const fileField = (file: FileRef | undefined) => (file ? { file } : {});

function normalizeV2(eventIdValue: string, eventType: string, body: Record<string, unknown>): BotEvent {
  switch (eventType) {
    case 'im.message.receive_v1': {
      const e = parseOr(messageReceiveSchema, body, eventType);
      const m = e.message;
      return {
        type: 'message', eventId: eventIdValue, messageId: m.message_id, chatId: m.chat_id,
        chatType: m.chat_type === 'p2p' ? 'p2p' : 'group',
        senderOpenId: e.sender.sender_type === 'user' ? (e.sender.sender_id?.open_id ?? '') : '',
        messageType: m.message_type, text: textOf(m.message_type, m.content),
        mentions: (m.mentions ?? []).filter((x) => x.id.open_id).map((x) => ({ key: x.key, openId: x.id.open_id!, name: x.name })),
        ...(m.root_id ? { rootId: m.root_id } : {}),
        ...fileField(fileOf(m.message_type, m.content)),
      };
    }
    case 'application.bot.menu_v6': {
      const e = parseOr(menuSchema, body, eventType);
      return { type: 'menu', eventId: eventIdValue, operatorOpenId: e.operator.operator_id.open_id, eventKey: e.event_key };
    }
    case 'im.chat.member.bot.added_v1': {
      const e = parseOr(botAddedSchema, body, eventType);
      return { type: 'bot_added', eventId: eventIdValue, chatId: e.chat_id, operatorOpenId: e.operator_id?.open_id, chatName: e.name };
    }
    case 'im.chat.access_event.bot_p2p_chat_entered_v1': {
      const e = parseOr(p2pEnteredSchema, body, eventType);
      return { type: 'p2p_entered', eventId: eventIdValue, chatId: e.chat_id, operatorOpenId: e.operator_id.open_id };
    }
    case 'card.action.trigger': {
      const e = parseOr(cardActionSchema, body, eventType);
      return {
        type: 'card_action', eventId: eventIdValue, operatorOpenId: e.operator.open_id, value: e.action.value,
        formValue: e.action.form_value, actionName: e.action.name, option: e.action.option, options: e.action.options,
        inputValue: e.action.input_value, checked: e.action.checked,
        openMessageId: e.context?.open_message_id, openChatId: e.context?.open_chat_id, updateToken: e.token,
      };
    }
    default:
      return { type: 'ignored', eventId: eventIdValue, eventType };
  }
}

/** Parses a decrypted body. Throws EnvelopeError (→ HTTP 400) when it is not a Lark shape we accept. */
export function parseBody(body: unknown): ParsedBody {
  if (body && typeof body === 'object' && (body as { type?: unknown }).type === 'url_verification') {
    const c = parseOr(challengeSchema, body, 'url_verification');
    return { kind: 'challenge', challenge: c.challenge, token: c.token };
  }
  if (body && typeof body === 'object' && 'schema' in body) {
    const env = parseOr(envelopeV2Schema, body, 'envelope');
    return { kind: 'event', token: env.header.token, event: normalizeV2(env.header.event_id, env.header.event_type, env.event) };
  }
  const v1 = parseOr(envelopeV1Schema, body, 'envelope');
  if (v1.event.type === 'p2p_chat_create') {
    const e = parseOr(z.object({ chat_id: z.string().min(1), user: userId }).passthrough(), v1.event, 'p2p_chat_create');
    return {
      kind: 'event', token: v1.token, event: { type: 'p2p_entered', eventId: v1.uuid, chatId: e.chat_id, operatorOpenId: e.user.open_id },
    };
  }
  return { kind: 'event', token: v1.token, event: { type: 'ignored', eventId: v1.uuid, eventType: v1.event.type } };
}
