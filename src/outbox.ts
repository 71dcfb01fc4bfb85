import type { Card } from '../cards/types.js';
import type { MessageBody, Recipient } from './lark/api.js';

/**
 * One logical outgoing message. `key` is deterministic per logical message (e.g. `help:<event_id>`,
 * `ballot:<round>:<hmac>`): it is the BullMQ jobId, the source of Lark's `uuid` (1 h de-duplication at
 * Lark) and the key under which the sent message_id is recorded and checked before any send.
 * Keys never contain anonymous content or `:`-free constraints beyond BullMQ's (the outbox hashes them).
 */
export interface OutboxMessage {
  key: string;
  to: Recipient;
  body: MessageBody;
  /** Reply in thread to this message_id instead of a new message. */
  replyTo?: string;
  /** After the send, Lark "urgent" (app push) to these open_ids. */
  urgentTo?: string[];
}

export interface OutboxFile {
  key: string;
  to: Recipient;
  fileName: string;
  fileType: 'xls' | 'doc' | 'stream' | 'pdf';
  data: Buffer;
}

/**
 * The only way the service talks to Lark besides reads and the inline answer to a typed `查询`.
 * Enqueue calls resolve once the job is stored in Redis; delivery happens in the outbox worker,
 * which keeps Lark's limits and delivers each logical message exactly once.
 */
export interface Outbox {
  send(msg: OutboxMessage): Promise<void>;
  /** Many messages in one Redis round trip (fan-out). */
  sendMany(msgs: OutboxMessage[]): Promise<void>;
  /** Replace the card of the message sent under `key`; coalesced (latest card wins), at most 1 patch/s per message. */
  patch(key: string, card: Card): Promise<void>;
  /** One-off notice through batch send (no uuid, cannot be patched): never for anything that must be exactly once. */
  notice(key: string, openIds: string[], card: Card): Promise<void>;
  /** Upload a file and send it as a file message. The bytes wait in Redis (24 h), never in job data. */
  sendFile(file: OutboxFile): Promise<void>;
  /** The Lark message_id recorded for a logical message, if it was sent. */
  messageId(key: string): Promise<string | undefined>;
}
