import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Card } from '../../cards/types.js';
import type { LarkApi, Recipient } from '../../src/lark/api.js';
import { isMessageGone, type LarkApiError } from '../../src/lark/errors.js';
import type { Logger } from '../../src/log.js';
import { larkUuid, outboxCardSchema, type OutboxJob } from '../../src/outbox.js';
import type { OutboxStore } from '../../src/store/outbox.js';
import type { Bucket } from '../../src/store/rate-limit.js';
import { repostKey } from '../../handlers/outbox-keys.js';
import { apiBuckets, messageBucket, receiverBucket, type OutboxLimits, type Pace } from './pace.js';

export type Step = { job: Job<OutboxJob>; token: string | undefined; data: OutboxJob; log: Logger; pace: Pace };
type GiveUp = (e: LarkApiError) => Promise<void>;

/** What the patch step borrows from the processor: its Lark call (wait, retry or stop) and its bookkeeping. */
export interface PatchTools {
  lark: LarkApi;
  store: OutboxStore;
  limits: OutboxLimits;
  now: () => number;
  call<T>(s: Step, api: string, hold: Bucket[], fn: () => Promise<T>, onGiveUp?: GiveUp): Promise<T>;
  countAttempt(s: Step, key: string): Promise<void>;
  /** Marks a send's key failed and reports an unreachable recipient. */
  failed(key: string, to: Recipient | undefined): GiveUp;
  onP2pChat?: (openId: string, chatId: string) => Promise<void>;
}

const PATCH = 'im.message.patch';
const CREATE = 'im.message.create';

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * The patch step: the latest stored card replaces the message's, coalesced and paced. A message recalled or
 * deleted in Lark (230011, 230001 invalid message_id) is posted afresh with the latest card, to whom it went, under
 * `repostKey(key, n)`, and the key's record then names the new message. Exactly once: the re-post key counts on
 * only when the record moves (one Lua compare-and-set), so a retry before that re-sends under the same key and
 * uuid (the record or Lark's 1 h de-duplication answers the first message).
 */
export async function patchStep(t: PatchTools, s: Step, d: Extract<OutboxJob, { kind: 'patch' }>): Promise<string> {
  const { store, limits } = t;
  const rec = await store.get(d.key);
  let messageId = rec?.messageId;
  if (!messageId) {
    if (rec?.status === 'failed' || t.now() - s.job.timestamp > limits.patchWaitForSendMs) {
      await store.dropPatch(d.key);
      throw new UnrecoverableError('no message was sent under this key; nothing to patch');
    }
    // The send is still on its way.
    await s.job.moveToDelayed(t.now() + 2000, s.token);
    throw new DelayedError();
  }
  // A job queued behind one that already patched the latest card has nothing to do.
  if (!(await store.readPatch(d.key))) return 'nothing pending';
  let reposted = 0;
  for (let n = 0; ; n++) {
    const buckets = [...apiBuckets(limits, PATCH), messageBucket(limits, messageId)];
    await s.pace('patch', buckets);
    // Read after the wait: whatever arrived meanwhile is coalesced into this call.
    const pending = await store.readPatch(d.key);
    if (!pending) return done(n, reposted);
    const parsed = outboxCardSchema.safeParse(parseJson(pending.cardJson));
    if (!parsed.success) {
      await store.dropPatch(d.key);
      throw new UnrecoverableError('stored patch is not a card');
    }
    const card: Card = parsed.data;
    const target = messageId;
    const seen = { gone: false };
    try {
      // A refused card is dropped; after transient failures it stays for the next patch job.
      await t.call(s, PATCH, [buckets[2]], () => t.lark.patchCard(target, card), async (e) => {
        if (isMessageGone(e)) seen.gone = true;
        if (e.kind === 'permanent' && !(seen.gone && pending.repostTo)) await store.dropPatch(d.key);
      });
    } catch (e) {
      if (!seen.gone) throw e;
      if (!pending.repostTo) {
        s.log.warn('outbox: the patched message was recalled or deleted in Lark and its patch names nowhere to post it afresh; dropped');
        throw e;
      }
      const fresh = await repost(t, s, d.key, target, card, pending.repostTo);
      if (!fresh) throw e;
      messageId = fresh;
      reposted++;
    }
    if ((await store.ackPatch(d.key, pending.version)) === 0) return done(n + 1, reposted);
  }
}

const done = (n: number, reposted: number) =>
  reposted ? `posted afresh ${reposted}, patched ${n - reposted}` : n ? `patched ${n}` : 'nothing pending';

/** Posts `card` afresh to `to` for `key`, whose message `gone` vanished; the new message_id, or undefined when it cannot be. */
async function repost(t: PatchTools, s: Step, key: string, gone: string, card: Card, to: Recipient): Promise<string | undefined> {
  const { store, limits } = t;
  const rec = await store.get(key);
  // Moved already (a job that ran alongside): patch the new message.
  if (rec?.messageId && rec.messageId !== gone) return rec.messageId;
  const rkey = repostKey(key, (rec?.reposts ?? 0) + 1);
  const earlier = await store.get(rkey);
  let fresh = earlier?.messageId;
  if (earlier?.status === 'failed') {
    await store.dropPatch(key);
    return undefined;
  }
  if (!fresh) {
    const recv = receiverBucket(limits, to);
    await s.pace('repost', [...apiBuckets(limits, CREATE), recv]);
    await t.countAttempt(s, rkey);
    const res = await t.call(s, CREATE, [recv], () => t.lark.send(to, { type: 'card', card }, larkUuid(rkey)), async (e) => {
      await t.failed(rkey, to)(e);
      await store.dropPatch(key);
    });
    fresh = res.messageId;
    await store.recordSent(rkey, fresh, 'openId' in to ? to.openId : to.chatId);
    if (res.chatId && 'openId' in to) await t.onP2pChat?.(to.openId, res.chatId);
  }
  await store.repoint(key, gone, fresh);
  s.log.info({ reposts: (rec?.reposts ?? 0) + 1 }, 'outbox: the message was recalled or deleted in Lark; posted afresh');
  return fresh;
}
