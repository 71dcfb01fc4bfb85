import type { FakeLark, FakeMessage } from '../fake-lark-server.js';

/** A message as the page shows it: the current content (patches applied) and who sent it. */
interface MessageView {
  id: string;
  chatId: string;
  from: 'bot' | 'user';
  senderOpenId?: string;
  msgType: string;
  content: unknown;
  /** Open_ids an urgent (加急) notice went to; empty when none. */
  urgentTo: string[];
  /** How often the card was updated (patch, delayed update or callback answer). */
  updates: number;
  createdAt: number;
  updatedAt: number;
  file?: { key: string; name: string; size: number };
}

export function messageView(m: FakeMessage, fake: FakeLark): MessageView {
  // A file message names its file_key, an image message its image_key: both are held in the fake's files.
  const c = m.content as { file_key?: unknown; image_key?: unknown };
  const fileKey = m.msgType === 'file' ? c.file_key : m.msgType === 'image' ? c.image_key : undefined;
  const file = typeof fileKey === 'string' ? fake.state.files.get(fileKey) : undefined;
  return {
    id: m.messageId,
    chatId: m.chatId,
    from: m.senderOpenId ? 'user' : 'bot',
    ...(m.senderOpenId ? { senderOpenId: m.senderOpenId } : {}),
    msgType: m.msgType,
    content: m.content,
    urgentTo: [...new Set(m.urgent.flatMap((u) => u.openIds))],
    updates: m.patches.length,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    ...(file ? { file: { key: file.fileKey, name: file.fileName, size: file.size } } : {}),
  };
}

/** Every message of a chat, oldest first. */
export function chatMessages(chatId: string, fake: FakeLark): MessageView[] {
  return fake.messages.filter((m) => m.chatId === chatId).map((m) => messageView(m, fake));
}
