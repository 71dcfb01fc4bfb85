import { createServer, type Server } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import { envelope, messageEvent, newEventId, signPush } from '../src/local/lark-push.js';
import { createLogger } from '../src/log.js';
import { createMetrics } from '../src/metrics.js';
import { buildApp } from '../src/app.js';
import { createQueues } from '../src/queues.js';
import { createKeys } from '../src/store/keys.js';
import { createRedis } from '../src/store/redis.js';
import { createInboundSink } from '../src/store/inbound.js';
import { runLoad, type PushRequest } from './load.js';

/**
 * DESIGN §4: webhook ingest of encrypted, signed events, as a ratio to a bare Koa endpoint in
 * the same run (throughput, and p99 at a fixed 500 events/s). COMPONENT bench: the app in-process with the inbound
 * sink only (no inline look-up, silent logger); the deployed figures are bench/ingest.ts. The load runs in its own process.
 */

const load = (url: string, requests: PushRequest[], connections: number, rate = 0) => runLoad(url, requests, { connections, rate });

async function listen(app: Koa): Promise<{ url: string; server: Server }> {
  const server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

export async function benchWebhookIngest(opts: { redisUrl: string; events?: number; concurrency?: number } ) {
  const n = opts.events ?? 20_000;
  const concurrency = opts.concurrency ?? 64;
  const secrets = { encryptKey: 'bench-encrypt-key', verificationToken: 'bench-token' };
  const make = (count: number) => Array.from({ length: count }, (_, i) =>
    signPush(envelope('im.message.receive_v1', messageEvent({
      senderOpenId: 'ou_bench', chatId: 'oc_bench', chatType: 'p2p', text: `帮助 ${i}`,
    }), secrets, newEventId()), secrets));

  // Baseline: a bare Koa POST endpoint answering {} (no parsing, no Redis).
  const bare = new Koa();
  const r = new Router();
  r.post('/webhook/event', (ctx) => { ctx.body = {}; });
  bare.use(r.routes());
  const b = await listen(bare);

  const prefix = `bench${Date.now().toString(36)}`;
  const redis = createRedis(opts.redisUrl, 'fast');
  await new Promise((res) => redis.once('ready', res));
  const keys = createKeys(prefix);
  const queues = createQueues(redis, keys.bullPrefix);
  const metrics = createMetrics();
  const log = createLogger('silent');
  const app = buildApp({
    log,
    webhook: { secrets, inbound: createInboundSink(queues.inbound, redis), onCard: async () => ({}), metrics, log, now: Date.now },
    ops: {
      metrics, metricsToken: undefined, health: async () => ({ redis: true, queues: true }), collectQueueDepths: async () => undefined,
    },
  });
  const ours = await listen(app);

  const warm = make(1000);
  await load(`${b.url}/webhook/event`, warm, concurrency);
  await load(`${ours.url}/webhook/event`, warm, concurrency);

  const bareMax = await load(`${b.url}/webhook/event`, make(n), concurrency);
  const oursMax = await load(`${ours.url}/webhook/event`, make(n), concurrency);
  const fixed = Math.min(n, 5000);
  const bare500 = await load(`${b.url}/webhook/event`, make(fixed), concurrency, 500);
  const ours500 = await load(`${ours.url}/webhook/event`, make(fixed), concurrency, 500);
  const enqueued = await queues.inbound.count();

  await queues.inbound.obliterate({ force: true });
  await queues.close();
  redis.disconnect();
  b.server.close();
  ours.server.close();
  return {
    bare: bareMax, ours: oursMax, bare500, ours500, enqueued, expected: n + fixed + warm.length,
    throughputRatio: oursMax.perSecond / bareMax.perSecond,
    p99Ratio500: ours500.p99 / bare500.p99,
  };
}
