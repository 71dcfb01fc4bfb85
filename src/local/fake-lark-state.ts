import { randomBytes } from 'node:crypto';
import { SlidingWindow } from './fake-lark-limits.js';
import { FakeFiles } from './fake-lark-files.js';
import { LarkFault, type FakeChat, type FakeFile, type FakeMessage, type FakeUser, type StateOptions } from './fake-lark-types.js';
import { shortDigest } from '../domain/digest.js';

export { LarkFault };
export type { FakeChat, FakeFile, FakeMessage, FakePatch, FakeUser, StateOptions } from './fake-lark-types.js';

const UUID_WINDOW_MS = 3600_000;
const CARD_MAX_BYTES = 30 * 1024;
const TEXT_MAX_BYTES = 150 * 1024;
const MSG_TYPES = new Set(['text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user']);

function hex(s: string, n: number): string {
  return shortDigest(s, n, 'hex');
}

/** Every p2p chat id the fake has made (the id is a digest of the open_id: it cannot be read back). */
const p2pChats = new Set<string>();

/** The p2p chat of the fake's bot with a user (stable per open_id); `cardActionEvent` clicks from it by default. */
export function fakeP2pChatId(openId: string): string {
  const chatId = `oc_${hex(`p2p:${openId}`, 32)}`;
  p2pChats.add(chatId);
  return chatId;
}


/** The fake tenant: directory, chats, messages, files. Pure state; HTTP lives in fake-lark-server.ts. */
export class FakeLarkState {
  readonly users = new Map<string, FakeUser>();
  readonly chats = new Map<string, FakeChat>();
  readonly messages: FakeMessage[] = [];
  readonly files: FakeFiles;
  private readonly byId = new Map<string, FakeMessage>();
  private readonly byUuid = new Map<string, { messageId: string; at: number }>();
  private readonly perReceiver: SlidingWindow;
  private readonly perMessagePatch: SlidingWindow;
  private seq = 0;

  constructor(private readonly opts: StateOptions) {
    for (const u of opts.users ?? []) this.users.set(u.openId, { ...u });
    for (const c of opts.chats ?? []) this.chats.set(c.chatId, { ...c, members: [...c.members] });
    this.files = new FakeFiles(opts.files);
    this.perReceiver = new SlidingWindow(opts.perReceiverPerSecond ?? 5, 1000);
    this.perMessagePatch = new SlidingWindow(opts.patchesPerMessagePerSecond ?? 5, 1000);
  }

  clearTraffic(): void {
    this.messages.length = 0;
    this.byId.clear();
    this.byUuid.clear();
    this.files.clear();
    this.perReceiver.clear();
    this.perMessagePatch.clear();
  }

  message(id: string): FakeMessage | undefined {
    return this.byId.get(id);
  }

  /** The p2p chat of the bot with a user (stable per open_id). */
  p2pChatId(openId: string): string {
    return fakeP2pChatId(openId);
  }

  /**
   * im.v1.chat.get: a group the bot is in answers its mode; one it is not in, only name and count (as Lark does);
   * a p2p chat of the bot with a user (any id `fakeP2pChatId` made) answers `p2p`. Unknown chats are groups unless the
   * directory is strict.
   */
  chatInfo(chatId: string): Record<string, unknown> {
    const chat = this.chats.get(chatId);
    if (chat?.dissolved) throw new LarkFault(400, 232009, 'The chat has been dissolved.');
    if (chat) {
      const basic = { name: chat.name ?? '', avatar: '', user_count: String(chat.members.length), chat_status: 'normal' };
      return chat.botIsMember === false ? basic : { ...basic, chat_mode: 'group', chat_type: 'private', external: false };
    }
    if (p2pChats.has(chatId)) return { name: '', avatar: '', chat_mode: 'p2p', chat_type: 'p2p', external: false, chat_status: 'normal' };
    if (this.opts.strictDirectory) throw new LarkFault(400, 230002, 'Bot is not in the chat.');
    return { name: '', avatar: '', chat_mode: 'group', chat_type: 'private', external: false, chat_status: 'normal' };
  }

  /** Where a message to (type, id) lands, or the refusal Lark would answer. */
  resolve(type: string, id: string): { chatId: string; receiveId: string } {
    if (type === 'chat_id') {
      const chat = this.chats.get(id);
      if (!chat && this.opts.strictDirectory) throw new LarkFault(400, 230002, 'Bot is not in the chat.');
      if (chat?.dissolved) throw new LarkFault(400, 232009, 'The chat has been dissolved.');
      if (chat && chat.botIsMember === false) throw new LarkFault(400, 230002, 'Bot is not in the chat.');
      return { chatId: id, receiveId: id };
    }
    let user: FakeUser | undefined;
    if (type === 'open_id') user = this.users.get(id);
    else if (type === 'email') user = [...this.users.values()].find((u) => u.email?.toLowerCase() === id.toLowerCase());
    else if (type !== 'user_id' && type !== 'union_id') throw new LarkFault(400, 230001, `invalid receive_id_type: ${type}`);
    if (!user && (this.opts.strictDirectory || type === 'email')) throw new LarkFault(400, 230013, 'Bot has NO availability to this user.');
    if (user?.inScope === false) throw new LarkFault(400, 230013, 'Bot has NO availability to this user.');
    const openId = user?.openId ?? id;
    return { chatId: this.p2pChatId(openId), receiveId: openId };
  }

  /** message create / reply. Same `uuid` within 1 h answers the first message and creates nothing. */
  createMessage(
    req: { receiveIdType: string; receiveId: string; msgType: string; content: unknown; uuid?: string; parentId?: string },
    now: number,
  ): { message: FakeMessage; created: boolean } {
    if (req.uuid !== undefined) {
      if (typeof req.uuid !== 'string' || req.uuid.length > 50) throw new LarkFault(400, 230001, 'invalid uuid: at most 50 characters');
      const seen = this.byUuid.get(req.uuid);
      const earlier = seen && now - seen.at < UUID_WINDOW_MS ? this.byId.get(seen.messageId) : undefined;
      if (earlier) return { message: earlier, created: false };
    }
    const parsed = this.parseContent(req.msgType, req.content);
    let target: { chatId: string; receiveId: string };
    if (req.parentId) {
      const parent = this.byId.get(req.parentId);
      if (!parent) throw new LarkFault(400, 230001, 'invalid message_id');
      target = { chatId: parent.chatId, receiveId: parent.receiveId };
    } else {
      target = this.resolve(req.receiveIdType, req.receiveId);
    }
    const wait = this.perReceiver.waitMs(target.chatId, now);
    if (wait > 0) throw new LarkFault(400, 230020, 'This operation triggers the frequency limit of the user or chat.');
    this.perReceiver.add(target.chatId, now);
    const message: FakeMessage = {
      messageId: this.nextId('om_'),
      chatId: target.chatId,
      receiveIdType: req.parentId ? 'message_id' : req.receiveIdType,
      receiveId: target.receiveId,
      msgType: req.msgType,
      content: parsed,
      uuid: req.uuid,
      parentId: req.parentId,
      patches: [],
      urgent: [],
      createdAt: now,
      updatedAt: now,
    };
    this.store(message);
    if (req.uuid) this.byUuid.set(req.uuid, { messageId: message.messageId, at: now });
    return { message, created: true };
  }

  patchMessage(id: string, content: unknown, now: number): FakeMessage {
    const m = this.byId.get(id);
    if (!m) throw new LarkFault(400, 230001, 'invalid message_id');
    if (m.recalled) throw new LarkFault(400, 230011, 'The message is recalled.');
    if (m.msgType !== 'interactive' || m.batchId) {
      throw new LarkFault(400, 230001, 'only cards sent by the bot (not by batch send) can be updated');
    }
    const parsed = this.parseContent('interactive', content);
    if (this.perMessagePatch.waitMs(id, now) > 0) throw new LarkFault(400, 230020, 'Update the single messages too frequently.');
    this.perMessagePatch.add(id, now);
    m.content = parsed;
    m.patches.push({ at: now, content: parsed });
    m.updatedAt = now;
    return m;
  }

  /** im.message.delete (撤回): the message leaves the chat; a later patch answers 230011. Bot messages only. */
  recallMessage(id: string): FakeMessage {
    const m = this.byId.get(id);
    if (!m || m.senderOpenId) throw new LarkFault(400, 230001, 'invalid message_id');
    if (m.recalled) throw new LarkFault(400, 230011, 'The message is recalled.');
    m.recalled = true;
    this.messages.splice(this.messages.indexOf(m), 1);
    return m;
  }

  /** The message deleted (by a person, or lost with a restart of the fake): a later patch answers 230001 invalid message_id. */
  deleteMessage(id: string): boolean {
    const m = this.byId.get(id);
    if (!m) return false;
    this.byId.delete(id);
    const i = this.messages.indexOf(m);
    if (i >= 0) this.messages.splice(i, 1);
    return true;
  }

  /**
   * What a person sent into a chat, kept so the chat shows both sides (the local playground): a text, or a file
   * message (content `{file_key, file_name}` as Lark pushes it) whose file the fake then serves as a message resource.
   */
  recordUserMessage(input: { chatId: string; senderOpenId: string; text: string } | {
    chatId: string; senderOpenId: string; file: FakeFile;
  }, now: number): FakeMessage {
    const isFile = 'file' in input;
    const message: FakeMessage = {
      messageId: this.nextId('om_'), chatId: input.chatId, receiveIdType: 'chat_id', receiveId: input.chatId,
      msgType: isFile ? 'file' : 'text',
      content: isFile ? { file_key: input.file.fileKey, file_name: input.file.fileName } : { text: input.text },
      senderOpenId: input.senderOpenId, patches: [], urgent: [], createdAt: now, updatedAt: now,
    };
    this.store(message);
    return message;
  }

  urgent(id: string, openIds: unknown, now: number): { message: FakeMessage; invalid: string[] } {
    const m = this.byId.get(id);
    if (!m) throw new LarkFault(400, 230001, 'invalid message_id');
    if (!Array.isArray(openIds) || openIds.length === 0) throw new LarkFault(400, 230001, 'user_id_list is required');
    const ids = openIds.map(String);
    const invalid = ids.filter((o) => {
      const u = this.users.get(o);
      return u ? u.inScope === false : this.opts.strictDirectory === true;
    });
    m.urgent.push({ at: now, openIds: ids.filter((o) => !invalid.includes(o)) });
    return { message: m, invalid };
  }

  /** message/v4/batch_send: one message per reachable open_id, no uuid. */
  batchSend(body: Record<string, unknown>, now: number): { batchId: string; messages: FakeMessage[]; invalid: string[] } {
    const msgType = String(body.msg_type ?? '');
    const payload = msgType === 'interactive' ? body.card : body.content;
    if (!MSG_TYPES.has(msgType) || payload === null || typeof payload !== 'object') {
      throw new LarkFault(400, 230001, 'msg_type with content (or card for interactive) is required');
    }
    if (msgType === 'interactive' && Buffer.byteLength(JSON.stringify(payload)) > CARD_MAX_BYTES) {
      throw new LarkFault(400, 230025, 'The message content exceeds the length limit.');
    }
    const ids = Array.isArray(body.open_ids) ? body.open_ids.map(String) : [];
    if (ids.length === 0 || ids.length > 200) throw new LarkFault(400, 230001, 'open_ids: 1 to 200 ids');
    const batchId = this.nextId('bm-');
    const invalid: string[] = [];
    const messages: FakeMessage[] = [];
    for (const openId of ids) {
      let target: { chatId: string; receiveId: string };
      try {
        target = this.resolve('open_id', openId);
      } catch {
        invalid.push(openId);
        continue;
      }
      const m: FakeMessage = {
        messageId: this.nextId('om_'), chatId: target.chatId, receiveIdType: 'open_id', receiveId: openId, msgType,
        content: payload, batchId, patches: [], urgent: [], createdAt: now, updatedAt: now,
      };
      this.store(m);
      messages.push(m);
    }
    return { batchId, messages, invalid };
  }

  upload(fields: { fileType?: string; fileName?: string; data?: Buffer }, now: number): FakeFile {
    return this.files.add(fields, now);
  }

  private parseContent(msgType: string, content: unknown): unknown {
    if (!MSG_TYPES.has(msgType)) throw new LarkFault(400, 230001, `invalid msg_type: ${msgType}`);
    if (typeof content !== 'string') throw new LarkFault(400, 230001, 'content must be a JSON string');
    const bytes = Buffer.byteLength(content);
    if (bytes > (msgType === 'text' ? TEXT_MAX_BYTES : CARD_MAX_BYTES)) {
      throw new LarkFault(400, 230025, 'The message content exceeds the length limit.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw new LarkFault(400, 230001, 'invalid content: not JSON');
    }
    if (parsed === null || typeof parsed !== 'object') throw new LarkFault(400, 230001, 'invalid content');
    if (msgType === 'text' && typeof (parsed as { text?: unknown }).text !== 'string') {
      throw new LarkFault(400, 230001, 'invalid content: text');
    }
    if (msgType === 'file' || msgType === 'image') {
      const key = (parsed as { file_key?: unknown; image_key?: unknown })[msgType === 'file' ? 'file_key' : 'image_key'];
      if (typeof key !== 'string' || !this.files.has(key)) throw new LarkFault(400, 230001, `invalid ${msgType}_key`);
    }
    if (msgType === 'interactive' && 'schema' in parsed && (parsed as { schema?: unknown }).schema !== '2.0') {
      throw new LarkFault(400, 230099, 'Failed to create card content: unsupported schema');
    }
    return parsed;
  }

  private store(m: FakeMessage): void {
    this.messages.push(m);
    this.byId.set(m.messageId, m);
  }

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${hex(`${this.seq}:${randomBytes(4).toString('hex')}`, 32)}`;
  }
}
