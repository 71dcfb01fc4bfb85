import { DelayedError, UnrecoverableError, type Job, type Queue, type WorkerOptions } from 'bullmq';
import type { LarkApi, Recipient } from '../../src/lark/api.js';
import { isLarkApiError, isUnreachableRecipient, type LarkApiError } from '../../src/lark/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import {
  enqueueUnreachableReport, larkUuid, OUTBOX_BACKOFF, outboxJobSchema, REPORT_KEY_PREFIX, type OutboxJob,
} from '../../src/outbox.js';
import type { OutboxStore } from '../../src/store/outbox.js';
import type { Bucket, RateLimiter } from '../../src/store/rate-limit.js';
import { apiBuckets, createPace, DEFAULT_OUTBOX_LIMITS, receiverBucket, type OutboxLimits } from './pace.js';
import { patchStep, type PatchTools, type Step } from './patch.js';
import { reportUnreachable } from './report.js';

export { DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from './pace.js';

export interface OutboxDeps {
  lark: LarkApi;
  store: { outbox: OutboxStore; rateLimit: RateLimiter };
  /** The outbox queue itself: the unreachable report is queued on it. */
  queue: Queue;
  log: Logger;
  metrics: Metrics;
  /** open_ids the unreachable report goes to. */
  admins: () => Promise<string[]>;
  now?: () => number;
  limits?: Partial<OutboxLimits>;
  /** Told the p2p chat a send to an open_id landed in (the personal cards' check, handlers/personal-chat.ts). */
  onP2pChat?: (openId: string, chatId: string) => Promise<void>;
}


const API = {
  create: 'im.message.create',
  reply: 'im.message.reply',
  patch: 'im.message.patch',
  urgent: 'im.message.urgentApp',
  batch: 'message.batchSend',
  upload: 'im.file.create',
  image: 'im.image.create',
  forward: 'im.message.forward',
} as const;

/** What a finished job's data is replaced with: its kind, and that it is done. */
const isScrubbed = (data: unknown): boolean => {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return d.done === true && typeof d.kind === 'string' && Object.keys(d).length === 2;
};

const recipientId = (to: Recipient) => ('openId' in to ? to.openId : to.chatId);

/**
 * The outbox worker's processor (DESIGN.md §2.1): each logical message reaches Lark once, within
 * Lark's limits. Idempotent: the recorded message_id is checked before any send, and the send
 * carries a uuid derived from the key, which Lark de-duplicates for 1 h.
 */
export function createOutboxProcessor(deps: OutboxDeps) {
  const limits: OutboxLimits = { ...DEFAULT_OUTBOX_LIMITS, ...deps.limits };
  const now = deps.now ?? Date.now;
  const store = deps.store.outbox;
  const { lark, metrics } = deps;

  /**
   * One Lark call; failures are sorted into wait (rate limit), retry, or stop. `onGiveUp` runs when
   * the job stops for good: a permanent code, or a transient one on the last attempt.
   */
  async function call<T>(
    s: Step, api: string, hold: Bucket[], fn: () => Promise<T>, onGiveUp?: (e: LarkApiError) => Promise<void>,
  ): Promise<T> {
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      if (!isLarkApiError(err)) throw err;
      const log = { api, code: err.code, httpStatus: err.httpStatus, logId: err.logId };
      const rl = (s.data.rl ?? 0) + 1;
      // Past the bound, a rate limit counts as a failed attempt like any transient error.
      if (err.kind === 'rate_limited' && rl <= limits.maxRateLimitDeferrals) {
        metrics.outboxRetried.inc({ api, reason: 'rate_limited' });
        const wait = Math.min(Math.max(err.retryAfterMs ?? limits.rateLimitDefaultWaitMs, 100), limits.rateLimitMaxWaitMs);
        // App-wide 429: everyone waits; 230020 concerns one chat or message only.
        await deps.store.rateLimit.holdUntil(err.code === 230020 ? hold : apiBuckets(limits, api), now() + wait, now());
        s.log.info({ ...log, waitMs: wait }, 'outbox: rate limited by Lark, waiting');
        await s.job.updateData({ ...s.data, slot: undefined, rl });
        await s.job.moveToDelayed(now() + wait, s.token);
        throw new DelayedError();
      }
      if (err.kind === 'permanent') {
        metrics.outboxFailed.inc({ api, code: String(err.code) });
        s.log.warn({ ...log, reason: err.message }, 'outbox: refused by Lark, not retried');
        await onGiveUp?.(err);
        throw new UnrecoverableError(err.message);
      }
      const final = s.job.attemptsMade + 1 >= (s.job.opts.attempts ?? 1);
      if (final) {
        metrics.outboxFailed.inc({ api, code: String(err.code) });
        s.log.error({ ...log, reason: err.message, attempts: s.job.attemptsMade + 1 }, 'outbox: giving up after retries');
        await onGiveUp?.(err);
      } else {
        metrics.outboxRetried.inc({ api, reason: err.kind });
        s.log.warn({ ...log, reason: err.message, attempt: s.job.attemptsMade + 1 }, 'outbox: call failed, will retry');
      }
      throw err;
    }
    metrics.outboxSent.inc({ api });
    return result;
  }

  /** Marks the key failed; people and chats that cannot be reached go to the admins' report. */
  function failed(key: string, to: Recipient | undefined) {
    return async (e: LarkApiError) => {
      await store.recordFailed(key, e.code);
      if (to && isUnreachableRecipient(e)) {
        await store.addUnreachable({ id: recipientId(to), kind: 'openId' in to ? 'user' : 'chat', code: e.code, at: now() });
        if (!key.startsWith(REPORT_KEY_PREFIX)) await enqueueUnreachableReport(deps.queue, limits.reportDebounceMs);
      }
    };
  }

  async function countAttempt(s: Step, key: string) {
    const { firstAttemptAt, previousAttempts } = await store.beginAttempt(key, now());
    if (previousAttempts > 0 && now() - firstAttemptAt > limits.possibleDuplicateAfterMs) {
      metrics.outboxPossibleDuplicates.inc();
      const what = 'outbox: retrying a send whose earlier outcome is unknown, past Lark\'s 1 h uuid window: it may arrive twice';
      s.log.warn({ firstAttemptAt, previousAttempts }, what);
    }
  }

  async function send(s: Step, d: Extract<OutboxJob, { kind: 'send' }>): Promise<string> {
    const rec = await store.get(d.key);
    if (rec?.status === 'failed') return 'failed earlier';
    let messageId = rec?.messageId;
    if (!messageId) {
      const api = d.replyTo ? API.reply : API.create;
      const recv = receiverBucket(limits, d.to);
      await s.pace('send', [...apiBuckets(limits, api), recv]);
      await countAttempt(s, d.key);
      const uuid = larkUuid(d.key);
      const post = () => (d.replyTo ? lark.reply(d.replyTo, d.body, uuid) : lark.send(d.to, d.body, uuid));
      const res = await call(s, api, [recv], post, failed(d.key, d.to));
      messageId = res.messageId;
      await store.recordSent(d.key, messageId, recipientId(d.to));
      const landed = d.replyTo ? undefined : (res as { chatId?: string }).chatId;
      if (landed && 'openId' in d.to) await deps.onP2pChat?.(d.to.openId, landed);
    }
    if (d.urgentTo && !rec?.urgentDone) {
      await s.pace('urgent', apiBuckets(limits, API.urgent));
      try {
        const r = await call(s, API.urgent, [], () => lark.urgentApp(messageId, d.urgentTo!));
        if (r.invalidOpenIds.length) s.log.warn({ count: r.invalidOpenIds.length }, 'outbox: urgent could not reach everyone');
      } catch (e) {
        // The message itself arrived: a refused buzz does not fail it.
        if (!(e instanceof UnrecoverableError)) throw e;
      }
      await store.markUrgentDone(d.key);
    }
    return messageId;
  }

  /** A person's message (a file) forwarded: the recorded message_id first, then one forward with the key's uuid. */
  async function forward(s: Step, d: Extract<OutboxJob, { kind: 'forward' }>): Promise<string> {
    const rec = await store.get(d.key);
    if (rec?.messageId) return rec.messageId;
    if (rec?.status === 'failed') return 'failed earlier';
    const recv = receiverBucket(limits, d.to);
    await s.pace('forward', [...apiBuckets(limits, API.forward), recv]);
    await countAttempt(s, d.key);
    const res = await call(s, API.forward, [recv], () => lark.forward(d.messageId, d.to, larkUuid(d.key)), failed(d.key, d.to));
    await store.recordSent(d.key, res.messageId, recipientId(d.to));
    if (res.chatId && 'openId' in d.to) await deps.onP2pChat?.(d.to.openId, res.chatId);
    return res.messageId;
  }

  const tools: PatchTools = { lark, store, limits, now, call, countAttempt, failed, onP2pChat: deps.onP2pChat };

  async function notice(s: Step, d: Extract<OutboxJob, { kind: 'notice' }>): Promise<string> {
    const rec = await store.get(d.key);
    if (rec?.messageId) return rec.messageId;
    if (rec?.status === 'failed') return 'failed earlier';
    await s.pace('notice', apiBuckets(limits, API.batch));
    await countAttempt(s, d.key);
    const res = await call(s, API.batch, [], () => lark.batchSendCard(d.openIds, d.card), failed(d.key, undefined));
    await store.recordSent(d.key, res.messageId);
    if (res.invalidOpenIds.length) {
      for (const id of res.invalidOpenIds) await store.addUnreachable({ id, kind: 'user', code: 230013, at: now() });
      await enqueueUnreachableReport(deps.queue, limits.reportDebounceMs);
    }
    return res.messageId;
  }

  /** A file or an image: uploaded once (its key recorded), then sent once with the key's uuid. */
  async function file(s: Step, d: Extract<OutboxJob, { kind: 'file' | 'image' }>): Promise<string> {
    const rec = await store.get(d.key);
    if (rec?.messageId) return rec.messageId;
    if (rec?.status === 'failed') return 'failed earlier';
    let fileKey = rec?.fileKey;
    if (!fileKey) {
      const bytes = await store.getFile(d.key);
      if (!bytes) {
        await store.recordFailed(d.key, 0);
        throw new UnrecoverableError('the file waited more than 24 h and is gone');
      }
      const api = d.kind === 'image' ? API.image : API.upload;
      await s.pace('upload', apiBuckets(limits, api));
      const upload = () => (d.kind === 'image' ? lark.uploadImage(bytes).then((r) => r.imageKey)
        : lark.uploadFile(d.fileName, d.fileType, bytes).then((r) => r.fileKey));
      fileKey = await call(s, api, [], upload, failed(d.key, undefined));
      await store.recordFileKey(d.key, fileKey);
    }
    const recv = receiverBucket(limits, d.to);
    await s.pace('send', [...apiBuckets(limits, API.create), recv]);
    await countAttempt(s, d.key);
    const fk = fileKey;
    const post = () => (d.kind === 'image' ? lark.send(d.to, { type: 'image', imageKey: fk }, larkUuid(d.key))
      : lark.sendFile(d.to, fk, larkUuid(d.key)));
    const res = await call(s, API.create, [recv], post, failed(d.key, d.to));
    await store.recordSent(d.key, res.messageId, recipientId(d.to));
    await store.dropFile(d.key);
    return res.messageId;
  }

  async function process(job: Job<OutboxJob>, token?: string): Promise<string> {
    // Finished and scrubbed (below), then the worker died before BullMQ marked it completed: the stalled
    // check hands it to another worker, with nothing left to do.
    if (isScrubbed(job.data)) {
      deps.log.info({ jobId: job.id }, 'outbox: job finished before a worker restart; nothing to do');
      return 'done';
    }
    const parsed = outboxJobSchema.safeParse(job.data);
    // Paths and messages only: the values may be card content.
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new UnrecoverableError(`invalid outbox job data: ${issues}`);
    }
    const data = parsed.data;
    const log = deps.log.child({ jobId: job.id, kind: data.kind });
    const s: Step = {
      job, token, data, log, pace: createPace({ job, token, data, rateLimit: deps.store.rateLimit, limits, now }),
    };
    const result = await run(s, data);
    // A finished job is kept a while for debugging; who it went to and what it said are not.
    if (data.kind !== 'report-unreachable') await job.updateData({ kind: data.kind, done: true } as unknown as OutboxJob);
    return result;
  }

  function run(s: Step, data: OutboxJob): Promise<string> {
    switch (data.kind) {
      case 'send': return send(s, data);
      case 'patch': return patchStep(tools, s, data);
      case 'notice': return notice(s, data);
      case 'file':
      case 'image': return file(s, data);
      case 'forward': return forward(s, data);
      case 'report-unreachable': return reportUnreachable({ store, queue: deps.queue, admins: deps.admins, log: s.log });
    }
  }

  const workerOptions = {
    // Jobs mostly wait on Lark or on their slot; many may be in flight at once.
    concurrency: 50,
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string) => {
        if (type !== OUTBOX_BACKOFF) return 0;
        const d = limits.backoffBaseMs * 2 ** Math.max(0, attemptsMade - 1);
        return Math.round(Math.min(limits.backoffMaxMs, d) * (0.8 + Math.random() * 0.2));
      },
    },
  } satisfies Partial<WorkerOptions>;

  return { process, workerOptions, limits };
}
