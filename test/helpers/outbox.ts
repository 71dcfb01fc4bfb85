/** The outbox worker as production wires it, against a fake Lark server, for the outbox tests. */
import { Queue, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Counter } from 'prom-client';
import { startFakeLarkServer, type FakeLark, type FakeLarkOptions, type RecordedRequest } from '../../src/local/fake-lark-server.js';
import { createLarkApi } from '../../src/lark/client.js';
import type { LarkApi } from '../../src/lark/api.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';
import { createOutbox, type Outbox } from '../../src/outbox.js';
import { QUEUE } from '../../src/queues.js';
import { createKeys } from '../../src/store/keys.js';
import { createOutboxStore } from '../../src/store/outbox.js';
import { createRateLimiter } from '../../src/store/rate-limit.js';
import { createRedis } from '../../src/store/redis.js';
import { createOutboxWorker } from '../../jobs/index.js';
import type { OutboxLimits } from '../../jobs/outbox/processor.js';
import type { Card } from '../../cards/types.js';
import { deletePrefix, randomPrefix, testRedisUrl } from './redis.js';

const url = testRedisUrl();
const prefixes: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** Closes every harness made since the last call (each test file calls this in afterEach). */
export async function closeHarnesses(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
}

/** Deletes the Redis keys of every harness (each test file calls this in afterAll). */
export async function deleteHarnessKeys(): Promise<void> {
  for (const p of prefixes.splice(0)) await deletePrefix(url, p);
}

export const card = (text: string) => ({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: text }] } }) as Card;

/** Test scale: fast retries, a short report debounce. */
export const FAST: Partial<OutboxLimits> = { backoffBaseMs: 50, backoffMaxMs: 200, reportDebounceMs: 300 };

export async function harness(opts: { fake?: FakeLarkOptions; limits?: Partial<OutboxLimits>; admins?: string[] } = {}) {
  const prefix = randomPrefix();
  prefixes.push(prefix);
  const keys = createKeys(prefix);
  const redis = createRedis(url, 'store');
  const fake = await startFakeLarkServer(opts.fake);
  const lark = createLarkApi({ appId: 'cli_test', appSecret: 'secret', domain: fake.url });
  const store = createOutboxStore(redis, keys);
  const rateLimit = createRateLimiter(redis, keys);
  const queue = new Queue(QUEUE.outbox, { connection: redis, prefix: keys.bullPrefix });
  const outbox: Outbox = createOutbox(queue, store);
  const logLines: Record<string, unknown>[] = [];
  const log = createLogger('info', { write: (s: string) => void logLines.push(JSON.parse(s) as Record<string, unknown>) });
  const metrics = createMetrics();
  const connections: Redis[] = [];
  const workers: { close(force?: boolean): Promise<void> }[] = [];
  // The production wiring (jobs/index.ts), each worker on a blocking connection of its own.
  const startWorker = (api: LarkApi = lark, tuning: Partial<WorkerOptions> = {}) => {
    const connection = createRedis(url, 'blocking');
    connections.push(connection);
    const w = createOutboxWorker({
      lark: api, store: { outbox: store, rateLimit }, queue, log, metrics,
      admins: async () => opts.admins ?? [], limits: { ...FAST, ...opts.limits },
    }, { connection, prefix: keys.bullPrefix }, tuning);
    workers.push(w);
    return w;
  };
  cleanups.push(async () => {
    for (const w of workers) await w.close(true).catch(() => undefined);
    await queue.close();
    await fake.close();
    for (const c of connections) c.disconnect();
    redis.disconnect();
  });
  return { fake, lark, store, queue, outbox, logLines, metrics, startWorker };
}

export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const creates = (fake: FakeLark, pred: (r: RecordedRequest) => boolean = () => true) =>
  fake.requestsTo('im.message.create').filter(pred);
export const bodyOf = (r: RecordedRequest) => r.body as { receive_id?: string; uuid?: string };

/** The most requests in any sliding window of `ms` (times as seen by the fake server). */
export function peak(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export async function counter(metric: Counter, labels: Record<string, string> = {}) {
  const { values } = await metric.get();
  return values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((n, v) => n + v.value, 0);
}
