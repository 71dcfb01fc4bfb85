import { randomBytes } from 'node:crypto';
import { computeSignature, encrypt } from '../lark/verify.js';
import { fakeP2pChatId } from './fake-lark-state.js';

/**
 * Builds inbound pushes exactly as Lark sends them (schema 2.0 envelope, AES-256-CBC encrypted,
 * SHA-256 signed over the raw body: LARK.md §1). Used by the local playground and by tests.
 */

export interface PushSecrets {
  encryptKey: string;
  verificationToken: string;
  appId?: string;
}

interface SignedPush {
  headers: Record<string, string>;
  body: string;
}

export function newEventId(): string {
  return randomBytes(16).toString('hex');
}

export function envelope(eventType: string, event: unknown, s: PushSecrets, eventId = newEventId()): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: eventId, event_type: eventType, create_time: String(Date.now()), token: s.verificationToken,
      app_id: s.appId ?? 'cli_local', tenant_key: 'local_tenant',
    },
    event,
  };
}

/** The URL-verification push Lark sends when the request URL is saved (LARK.md §1.1). */
export function urlVerification(challenge: string, s: PushSecrets): Record<string, unknown> {
  return { type: 'url_verification', challenge, token: s.verificationToken };
}

/** Encrypts and signs a plaintext body; `timestampSec` lets tests push stale requests. */
export function signPush(
  plain: unknown,
  s: PushSecrets,
  opts: { timestampSec?: number; nonce?: string; encrypted?: boolean } = {},
): SignedPush {
  const timestamp = String(opts.timestampSec ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  const body = opts.encrypted === false ? JSON.stringify(plain) : JSON.stringify({ encrypt: encrypt(JSON.stringify(plain), s.encryptKey) });
  const signature = computeSignature(timestamp, nonce, s.encryptKey, Buffer.from(body));
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  };
}

export interface MentionInput { key: string; openId: string; name: string }

export function messageEvent(input: {
  senderOpenId: string; chatId: string; chatType: 'p2p' | 'group'; text: string;
  mentions?: MentionInput[]; messageId?: string;
}): Record<string, unknown> {
  return {
    sender: { sender_id: { open_id: input.senderOpenId, user_id: '', union_id: '' }, sender_type: 'user', tenant_key: 'local_tenant' },
    message: {
      message_id: input.messageId ?? `om_${randomBytes(12).toString('hex')}`,
      create_time: String(Date.now()), update_time: String(Date.now()),
      chat_id: input.chatId, chat_type: input.chatType, message_type: 'text',
      content: JSON.stringify({ text: input.text }),
      ...(input.mentions?.length ? {
        mentions: input.mentions.map((m) => ({
          key: m.key, id: { open_id: m.openId, user_id: '', union_id: '' }, name: m.name, tenant_key: 'local_tenant',
        })),
      } : {}),
    },
  };
}

/** A file message (message_type `file`, content `{file_key, file_name}`), as im.message.receive_v1 pushes it. */
export function fileMessageEvent(input: {
  senderOpenId: string; chatId: string; chatType: 'p2p' | 'group'; fileKey: string; fileName: string; messageId: string;
}): Record<string, unknown> {
  return {
    sender: { sender_id: { open_id: input.senderOpenId, user_id: '', union_id: '' }, sender_type: 'user', tenant_key: 'local_tenant' },
    message: {
      message_id: input.messageId, create_time: String(Date.now()), update_time: String(Date.now()),
      chat_id: input.chatId, chat_type: input.chatType, message_type: 'file',
      content: JSON.stringify({ file_key: input.fileKey, file_name: input.fileName }),
    },
  };
}

export function cardActionEvent(input: {
  operatorOpenId: string; value: unknown; formValue?: Record<string, unknown>; name?: string;
  openMessageId?: string; openChatId?: string; option?: string; checked?: boolean;
}): Record<string, unknown> {
  return {
    operator: { open_id: input.operatorOpenId, user_id: '', union_id: '', tenant_key: 'local_tenant' },
    token: `c-${randomBytes(16).toString('hex')}`,
    action: {
      tag: 'button', value: input.value,
      ...(input.name ? { name: input.name } : {}),
      ...(input.formValue ? { form_value: input.formValue } : {}),
      ...(input.option !== undefined ? { option: input.option } : {}),
      ...(input.checked !== undefined ? { checked: input.checked } : {}),
    },
    host: 'im_message',
    // By default the click comes from the operator's p2p chat with the fake's bot (personal cards answer only there).
    context: { open_message_id: input.openMessageId ?? '', open_chat_id: input.openChatId ?? fakeP2pChatId(input.operatorOpenId) },
  };
}

export function menuEvent(operatorOpenId: string, eventKey: string): Record<string, unknown> {
  return {
    operator: { operator_name: '', operator_id: { open_id: operatorOpenId, user_id: '', union_id: '' } },
    event_key: eventKey,
    timestamp: Math.floor(Date.now() / 1000),
  };
}

export function botAddedEvent(chatId: string, operatorOpenId: string, name = ''): Record<string, unknown> {
  return { chat_id: chatId, operator_id: { open_id: operatorOpenId, user_id: '', union_id: '' }, external: false, name };
}

export function p2pEnteredEvent(chatId: string, operatorOpenId: string): Record<string, unknown> {
  return { chat_id: chatId, operator_id: { open_id: operatorOpenId, user_id: '', union_id: '' } };
}
