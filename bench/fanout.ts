import { Queue } from 'bullmq';
import { createLarkApi } from '../src/lark/client.js';
import { QUEUE } from '../src/queues.js';
import { createLogger } from '../src/log.js';
import { createMetrics } from '../src/metrics.js';
import { createOutbox } from '../src/outbox.js';
import { startFakeLarkServer } from '../src/local/fake-lark-server.js';
import { createKeys } from '../src/store/keys.js';
import { createOutboxStore } from '../src/store/outbox.js';
import { createRateLimiter } from '../src/store/rate-limit.js';
import { createRedis } from '../src/store/redis.js';
import { createOutboxWorker } from '../jobs/index.js';
import { deletePrefix } from './cleanup.js';

/**
 * The shortest time Lark's limits allow for n sends (50 in any second and 1,000 in any minute, both
 * scaled): the minute's budget at the per-second rate, then a wait for the next minute, and so on.
 * 300 cards → 6 s, 1,000 → 20 s, 5,000 → 260 s.
 */
export function allowedSeconds(n: number, perSecond: number, perMinute: number): number {
  const minutes = Math.floor((n - 1) / perMinute);
  return minutes * 60 + (n - minutes * perMinute) / perSecond;
}

export const reminderCard = (text: string) => ({
  schema: '2.0' as const,
  header: { title: { tag: 'plain_text' as const, content: '学习提醒' }, template: 'blue' as const },
  body: { elements: [{ tag: 'div' as const, text: { tag: 'plain_text' as const, content: text } }] },
});

/**
 * DESIGN §4 fan-out (a component bench: the outbox worker in this process, the fake Lark server enforcing
 * Lark's limits as Lark counts them): n reminder cards from the start press to the last one delivered,
 * as a ratio to the time the limits allow (target ≥ 0.9), zero duplicates, zero lost; 429s counted.
 */
export async function benchFanout(opts: { redisUrl: string; messages?: number; scale?: number }) {
  const n = opts.messages ?? 5000;
  const scale = opts.scale ?? 1;
  const perSecond = 50 * scale;
  const perMinute = 1000 * scale;
  const fake = await startFakeLarkServer({ appId: 'cli_fanout', appSecret: 's', apiPerSecond: perSecond, apiPerMinute: perMinute });
  const prefix = `benchfo${Date.now().toString(36)}`;
  const keys = createKeys(prefix);
  // Our own commands and the queue on one connection, the worker's blocking reads on another.
  const redis = createRedis(opts.redisUrl, 'store');
  const blocking = createRedis(opts.redisUrl, 'blocking');
  const store = createOutboxStore(redis, keys);
  const log = createLogger('silent');
  const metrics = createMetrics();
  const queue = new Queue(QUEUE.outbox, { connection: redis, prefix: keys.bullPrefix });
  const lark = createLarkApi({ appId: 'cli_fanout', appSecret: 's', domain: fake.url });
  const w = createOutboxWorker({
    queue, lark,
    store: { outbox: store, rateLimit: createRateLimiter(redis, keys) }, log, metrics,
    admins: async () => [], limits: { apiPerSecond: perSecond, apiPerMinute: perMinute },
  }, { connection: blocking, prefix: keys.bullPrefix }, { concurrency: 300 });
  const outbox = createOutbox(queue, store);
  const card = reminderCard('明天上午 9:00 集中学习');
  // The app's token is fetched before the start press, as it is in a service that has been running.
  await lark.botInfo().catch(() => undefined);
  fake.requests.length = 0;

  const t0 = Date.now();
  for (let i = 0; i < n; i += 500) {
    await outbox.sendMany(Array.from({ length: Math.min(500, n - i) }, (_, j) => ({
      key: `fanout-${i + j}`, to: { openId: `ou_fanout_${i + j}` }, body: { type: 'card' as const, card },
    })));
  }
  const allowed = allowedSeconds(n, perSecond, perMinute);
  const deadline = t0 + allowed * 1000 * 2 + 30_000;
  while (fake.messages.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const seconds = (Date.now() - t0) / 1000;
  const delivered = fake.messages.length;
  const distinct = new Set(fake.messages.map((m) => m.receiveId)).size;
  const rejected = fake.requests.filter((r) => r.status === 429).length;

  await w.close();
  await queue.close();
  await fake.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  blocking.disconnect();
  return {
    n, scale, delivered, duplicates: delivered - distinct, lost: n - distinct, rejected, seconds,
    allowedSeconds: allowed, ratio: allowed / seconds,
  };
}

/** The fan-out at 300, 1,000 and 5,000 cards, at Lark's limits and with both scaled ×3 and ×10. */
export async function benchFanoutMatrix(opts: { redisUrl: string; sizes?: number[]; scales?: number[] }) {
  const out = [];
  for (const scale of opts.scales ?? [1, 3, 10]) {
    for (const messages of opts.sizes ?? [300, 1000, 5000]) out.push(await benchFanout({ redisUrl: opts.redisUrl, messages, scale }));
  }
  return out;
}
