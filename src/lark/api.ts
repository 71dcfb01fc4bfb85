import type { Card } from '../../cards/types.js';

/** Who a message goes to. */
export type Recipient = { openId: string } | { chatId: string };

/**
 * What a message carries. `JSON.stringify(card)` happens in the LarkApi implementation only. A `file` body sends a
 * file the bot uploaded already (`uploadFile`), by its file_key; an `image` body an image it uploaded (`uploadImage`).
 */
export type MessageBody =
  | { type: 'card'; card: Card } | { type: 'text'; text: string } | { type: 'file'; fileKey: string } | { type: 'image'; imageKey: string };

export interface LarkUser {
  openId: string;
  name?: string;
}

/**
 * Everything the service asks of Lark. Only `src/lark/` implements it (over the SDK);
 * handler tests use an in-memory fake of this interface.
 * Failures throw `LarkApiError` (src/lark/errors.ts) carrying the Lark code, HTTP status and method.
 */
export interface LarkApi {
  /**
   * im.v1.message.create; `uuid` (≤ 50 chars) makes the send idempotent for 1 h at Lark. `chatId` is the chat the
   * message landed in (for a send to an open_id: that person's p2p chat with the bot), when Lark says.
   */
  send(to: Recipient, body: MessageBody, uuid?: string): Promise<{ messageId: string; chatId?: string }>;
  /** im.v1.message.reply. */
  reply(messageId: string, body: MessageBody, uuid?: string): Promise<{ messageId: string }>;
  /** im.v1.message.patch: replaces a card the bot sent (≤ 14 days old). */
  patchCard(messageId: string, card: Card): Promise<void>;
  /** Lark "urgent" (app push) on a bot message; returns the open_ids it could not reach. */
  urgentApp(messageId: string, openIds: string[]): Promise<{ invalidOpenIds: string[] }>;
  /** message/v4/batch_send: one-off notices only (no uuid, cannot be patched). ≤ 200 open_ids a call. */
  batchSendCard(openIds: string[], card: Card): Promise<{ messageId: string; invalidOpenIds: string[] }>;
  /** im.v1.file.create: uploads a file and returns its file_key for a `file` message. */
  uploadFile(fileName: string, fileType: 'xls' | 'doc' | 'stream' | 'pdf', data: Buffer): Promise<{ fileKey: string }>;
  /**
   * im.v1.image.create (`POST /open-apis/im/v1/images`, multipart, image_type=message): uploads an image (≤ 10 MB) and
   * returns its image_key for an `image` message.
   */
  uploadImage(data: Buffer): Promise<{ imageKey: string }>;
  /**
   * The size in bytes of the file in a message (im.v1.messageResource.get, type=file): the Content-Length, else the
   * download counted and dropped as it streams, never kept. Past `limit` (default 20 MB) the count stops and the
   * answer is some number above `limit`.
   */
  fileSize(messageId: string, fileKey: string, limit?: number): Promise<number>;
  /**
   * im.v1.message.forward (`POST /open-apis/im/v1/messages/:message_id/forward`): a message the bot can read (a file
   * a person sent it) forwarded to `to` as a new message; `uuid` de-duplicates as for `send`. A file's key belongs
   * to its message, so this is how another person gets the file without the bytes passing through the bot.
   */
  forward(messageId: string, to: Recipient, uuid?: string): Promise<{ messageId: string; chatId?: string }>;
  /** Sends an uploaded file as a file message. */
  sendFile(to: Recipient, fileKey: string, uuid?: string): Promise<{ messageId: string }>;
  /** bot/v3/info: the bot's own open_id (to recognise @bot in groups). */
  botInfo(): Promise<{ openId: string; name: string }>;
  /** Members of a chat (bots are filtered out by Lark), all pages. */
  chatMembers(chatId: string): Promise<LarkUser[]>;
  /** contact.v3.user.batchGetId: open_ids for emails and mobiles; unresolved ones are absent from the maps. */
  resolveIds(query: { emails: string[]; mobiles: string[] }): Promise<{ byEmail: Map<string, string>; byMobile: Map<string, string> }>;
  /** contact.v3.user.get: a user's display name. */
  getUser(openId: string): Promise<LarkUser>;
  /**
   * im.v1.chat.get (`GET /open-apis/im/v1/chats/:chat_id`): the chat's mode. Undefined when Lark leaves it out,
   * as it does for a chat the bot is not in (it then answers only name, avatar, member count and status).
   */
  chatMode(chatId: string): Promise<ChatMode | undefined>;
}

export type ChatMode = 'p2p' | 'group' | 'topic';
