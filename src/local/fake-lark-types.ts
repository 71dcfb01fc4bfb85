/** The fake tenant's data model: directory, chats, messages, files, and the Lark-style fault. */

/** A person in the fake tenant's directory. */
export interface FakeUser {
  openId: string;
  name: string;
  email?: string;
  mobile?: string;
  /** false: outside the app's availability scope (or left): sends answer 230013. */
  inScope?: boolean;
}

export interface FakeChat {
  chatId: string;
  name?: string;
  /** open_ids of the (human) members; the bot is never listed, as at Lark. */
  members: string[];
  /** false: sends answer 230002. */
  botIsMember?: boolean;
  /** true: sends answer 232009. */
  dissolved?: boolean;
}

export interface FakePatch {
  at: number;
  content: unknown;
}

export interface FakeMessage {
  messageId: string;
  chatId: string;
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  /** `content` parsed from its JSON string (batch send: the card or content object as given). */
  content: unknown;
  uuid?: string;
  parentId?: string;
  /** Set for messages created by batch send (`bm-…`). */
  batchId?: string;
  /** Set for a forwarded message (im.message.forward): the message it copies. */
  forwardedFrom?: string;
  /** Set for messages a person typed (recorded by the local playground); bot messages have none. */
  senderOpenId?: string;
  patches: FakePatch[];
  /** Recalled (im.message.delete): gone from the chat, patches answer 230011. */
  recalled?: boolean;
  urgent: { at: number; openIds: string[] }[];
  createdAt: number;
  updatedAt: number;
}

export interface FakeFile {
  fileKey: string;
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  data: Buffer;
  at: number;
}

/** A refusal answered the way Lark does: HTTP status + `{code, msg}`. */
export class LarkFault extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

export interface StateOptions {
  users?: FakeUser[];
  chats?: FakeChat[];
  /** Unknown open_ids / chat_ids are refused (230013 / 230002) instead of accepted. */
  strictDirectory?: boolean;
  /** Sends per receiving user or chat per second (Lark: 5). */
  perReceiverPerSecond?: number;
  /** Patches per message per second (Lark: 5). */
  patchesPerMessagePerSecond?: number;
  /** Bounds of the files kept in memory (uploads and files people sent). */
  files?: { maxFiles?: number; maxBytes?: number };
}
