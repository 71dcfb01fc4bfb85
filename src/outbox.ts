import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { Card } from '../cards/types.js';
import type { MessageBody, Recipient } from './lark/api.js';
import type { OutboxStore } from './store/outbox.js';
import { shortDigest } from './domain/digest.js';

/**
 * One logical outgoing message. `key` is deterministic per logical message (built by a named function in
 * handlers/outbox-keys.ts or handlers/<feature>/outbox-keys.ts, e.g. `card-<event_id>`): it is the BullMQ
 * jobId, the source of Lark's `uuid` (1 h de-duplication at Lark) and the key under which the sent
 * message_id is recorded and checked before any send.
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
  /**
   * An answer to what a person just typed or tapped (set by handlers/respond.ts): sent ahead of bulk
   * sends, within Lark's limits. Bulk (reminders, ballots, boards, digests) is the default.
   */
  interactive?: boolean;
}

export interface OutboxFile {
  key: string;
  to: Recipient;
  fileName: string;
  fileType: 'xls' | 'doc' | 'stream' | 'pdf';
  data: Buffer;
}

/** An image the bot makes (a PNG: an outreach link's QR code), uploaded (im.v1.image.create) and sent as an image message. */
export interface OutboxImage {
  key: string;
  to: Recipient;
  data: Buffer;
}

/** A message a person sent the bot (a file), forwarded to `to` once (im.v1.message.forward, with the key's uuid). */
export interface OutboxForward {
  key: string;
  to: Recipient;
  messageId: string;
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
  /**
   * Replace the card of the message sent under `key`; coalesced (latest card wins), at most 1 patch/s per message.
   * With `repostTo`, a message recalled or deleted in Lark is posted afresh there with this card, once, and `key`'s
   * record then names the new message (so later patches and `messageId` follow it). Without it (a card that only
   * points elsewhere, an older generation's "moved" notice) the card of a vanished message is dropped, with a warning.
   */
  patch(key: string, card: Card, opts?: { repostTo?: Recipient }): Promise<void>;
  /** One-off notice through batch send (no uuid, cannot be patched): never for anything that must be exactly once. */
  notice(key: string, openIds: string[], card: Card): Promise<void>;
  /** Upload a file and send it as a file message. The bytes wait in Redis (24 h), never in job data. */
  sendFile(file: OutboxFile): Promise<void>;
  /** Upload an image and send it as an image message, exactly once per key. The bytes wait in Redis (24 h), as a file's. */
  sendImage(image: OutboxImage): Promise<void>;
  /** Forward a message the bot received (a person's file) to someone, exactly once per key. */
  forward(msg: OutboxForward): Promise<void>;
  /** The Lark message_id recorded for a logical message, if it was sent. */
  messageId(key: string): Promise<string | undefined>;
}

/** Calls per job before it fails for good; with the capped backoff all retries stay well inside Lark's 1 h uuid window. */
const OUTBOX_ATTEMPTS = 10;
/** Name of the backoff strategy the outbox Worker registers (jobs/outbox.ts). */
export const OUTBOX_BACKOFF = 'outbox';
/** Logical keys whose sends report nobody as unreachable (the report itself: no loops). */
export const REPORT_KEY_PREFIX = 'outbox-report:';
const BATCH_MAX = 200;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The card's own rules live in cards/validate.ts; job data only needs to be recognisably a 2.0 card. */
export const outboxCardSchema = z.custom<Card>(
  (v) => isRecord(v) && v.schema === '2.0' && isRecord(v.body) && Array.isArray(v.body.elements),
  'a Card JSON 2.0 object',
);
const keySchema = z.string().min(1).max(500);
const id = z.string().min(1).max(200);
const recipientSchema = z.union([z.strictObject({ openId: id }), z.strictObject({ chatId: id })]);
const bodySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('card'), card: outboxCardSchema }),
  z.strictObject({ type: z.literal('text'), text: z.string().min(1) }),
  z.strictObject({ type: z.literal('file'), fileKey: z.string().min(1).max(512) }),
  z.strictObject({ type: z.literal('image'), imageKey: z.string().min(1).max(512) }),
]);
/** A rate slot reserved before the job was moved to delayed: valid for the activation `ats` only. */
const slotSchema = z.strictObject({ at: z.number(), ats: z.int(), step: z.string() });
const pacing = { slot: slotSchema.optional(), rl: z.int().min(0).optional(), interactive: z.literal(true).optional() };

export const outboxJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('send'), key: keySchema, to: recipientSchema, body: bodySchema,
    replyTo: id.optional(), urgentTo: z.array(id).min(1).max(BATCH_MAX).optional(), ...pacing,
  }),
  z.strictObject({ kind: z.literal('patch'), key: keySchema, ...pacing }),
  z.strictObject({
    kind: z.literal('notice'), key: keySchema, openIds: z.array(id).min(1).max(BATCH_MAX), card: outboxCardSchema, ...pacing,
  }),
  z.strictObject({
    kind: z.literal('file'), key: keySchema, to: recipientSchema, fileName: z.string().min(1).max(250),
    fileType: z.enum(['xls', 'doc', 'stream', 'pdf']), ...pacing,
  }),
  z.strictObject({ kind: z.literal('forward'), key: keySchema, to: recipientSchema, messageId: id, ...pacing }),
  z.strictObject({ kind: z.literal('image'), key: keySchema, to: recipientSchema, ...pacing }),
  z.strictObject({ kind: z.literal('report-unreachable'), ...pacing }),
]);

export type OutboxJob = z.infer<typeof outboxJobSchema>;

/** BullMQ job ids may not contain `:`; logical keys may. A digest also keeps ids short. */
export function outboxJobId(kind: OutboxJob['kind'], key: string): string {
  return `${kind}-${shortDigest(key, 32)}`;
}

/** Lark's idempotency key for a logical message: deterministic, ≤ 50 characters. */
export function larkUuid(key: string): string {
  return `mlb-${shortDigest(key, 40)}`;
}

/** BullMQ priorities (lower goes first): answers to a person ahead of bulk sends. */
export const OUTBOX_PRIORITY = { interactive: 1, bulk: 10 } as const;

const JOB_OPTS: JobsOptions = {
  priority: OUTBOX_PRIORITY.bulk,
  attempts: OUTBOX_ATTEMPTS,
  backoff: { type: OUTBOX_BACKOFF },
  // The message record (30 days) is what prevents a second send; finished jobs only help debugging.
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

function sendJob(msg: OutboxMessage) {
  const interactive = msg.interactive === true ? true : undefined;
  const data = outboxJobSchema.parse({
    kind: 'send', key: msg.key, to: msg.to, body: msg.body, replyTo: msg.replyTo, urgentTo: msg.urgentTo, interactive,
  });
  const priority = interactive ? OUTBOX_PRIORITY.interactive : OUTBOX_PRIORITY.bulk;
  return { name: 'send', data, opts: { ...JOB_OPTS, priority, jobId: outboxJobId('send', msg.key) } };
}

/** Debounced: entries arriving while a report is waiting join it. */
export async function enqueueUnreachableReport(queue: Queue, delayMs: number): Promise<void> {
  await queue.add('report-unreachable', outboxJobSchema.parse({ kind: 'report-unreachable' }), {
    ...JOB_OPTS,
    delay: delayMs,
    deduplication: { id: 'report-unreachable', keepLastIfActive: true },
  });
}

/** The producer side of the outbox: validates, stores what must not ride in job data, enqueues. */
export function createOutbox(queue: Queue, store: OutboxStore): Outbox {
  return {
    async send(msg) {
      const j = sendJob(msg);
      await queue.add(j.name, j.data, j.opts);
    },

    async sendMany(msgs) {
      if (msgs.length === 0) return;
      await queue.addBulk(msgs.map(sendJob));
    },

    async patch(key, card, opts) {
      const data = outboxJobSchema.parse({ kind: 'patch', key });
      const to = opts?.repostTo === undefined ? undefined : recipientSchema.parse(opts.repostTo);
      await store.putPatch(key, JSON.stringify(outboxCardSchema.parse(card)), to);
      // One waiting job per message reads the latest card when it runs; one more is kept
      // while a job is active, so a card stored after that job read its content is not lost.
      await queue.add('patch', data, { ...JOB_OPTS, deduplication: { id: outboxJobId('patch', key), keepLastIfActive: true } });
    },

    async notice(key, openIds, card) {
      const unique = [...new Set(openIds)];
      const jobs = [];
      for (let i = 0; i < unique.length; i += BATCH_MAX) {
        const partKey = unique.length > BATCH_MAX ? `${key}#${i / BATCH_MAX}` : key;
        const data = outboxJobSchema.parse({ kind: 'notice', key: partKey, openIds: unique.slice(i, i + BATCH_MAX), card });
        jobs.push({ name: 'notice', data, opts: { ...JOB_OPTS, jobId: outboxJobId('notice', partKey) } });
      }
      if (jobs.length) await queue.addBulk(jobs);
    },

    async sendFile(file) {
      const data = outboxJobSchema.parse({ kind: 'file', key: file.key, to: file.to, fileName: file.fileName, fileType: file.fileType });
      await store.putFile(file.key, file.data);
      await queue.add('file', data, { ...JOB_OPTS, jobId: outboxJobId('file', file.key) });
    },

    async sendImage(image) {
      const data = outboxJobSchema.parse({ kind: 'image', key: image.key, to: image.to });
      await store.putFile(image.key, image.data);
      await queue.add('image', data, { ...JOB_OPTS, jobId: outboxJobId('image', image.key) });
    },

    async forward(msg) {
      const data = outboxJobSchema.parse({ kind: 'forward', key: msg.key, to: msg.to, messageId: msg.messageId });
      await queue.add('forward', data, { ...JOB_OPTS, jobId: outboxJobId('forward', msg.key) });
    },

    messageId: (key) => store.messageId(key),
  };
}
