import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, newEventId } from '../../src/local/lark-push.js';
import type { FakeLark, FaultRequest } from '../../src/local/fake-lark-server.js';
import type { OutboxMessage } from '../../src/outbox.js';
import { TEST_START, testClock } from '../helpers/clock.js';
import { chaosEnv, fakeLark, randomPrefix, startChaosService, until, type ChaosService } from './harness.js';
import { startPrivateRedis, type PrivateRedis } from './redis-proc.js';

/**
 * The fake Lark failing 30 % of the message calls: a tenth with 429 and x-ogw-ratelimit-reset, a tenth with
 * 500, a tenth answered after the client's timeout (Lark did send the message; the answer came too late).
 * A fan-out of cards and a burst of messages answered by the bot: all delivered, none twice.
 */

const CARDS = 300;
const ASKS = 40;
let redis: PrivateRedis;
let fake: FakeLark;
let svc: ChaosService;

/** mulberry32: the same sequence of faults on every run (the order requests arrive in still varies). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'rate' | 'error' | 'timeout' | 'ok';
const random = seeded(13);
const decided = new WeakMap<FaultRequest, Kind>();
/** One draw per request; each fault below asks for its own kind. */
function kindOf(req: FaultRequest): Kind {
  if (!req.api.startsWith('im.message.')) return 'ok';
  let k = decided.get(req);
  if (!k) {
    const r = random();
    k = r < 0.1 ? 'rate' : r < 0.2 ? 'error' : r < 0.3 ? 'timeout' : 'ok';
    decided.set(req, k);
  }
  return k;
}

beforeAll(async () => {
  redis = await startPrivateRedis();
  fake = await fakeLark();
  const env = chaosEnv({ redisUrl: redis.url, prefix: randomPrefix(), fake });
  svc = await startChaosService({ env, role: 'all', now: testClock(TEST_START), larkTimeoutMs: 1000 });
});
afterAll(async () => {
  await svc?.stop();
  await fake?.close();
  await redis?.destroy();
});

const to = (i: number) => `ou_faults_${String(i).padStart(3, '0')}`;
const asker = (i: number) => `oc_p2p_faults_${i}`;

describe('the fake Lark failing 30 % of calls with 429-with-reset, 500 and timeouts', () => {
  it('delivers every card and every answer, none twice', async () => {
    const rate = fake.fail((r) => kindOf(r) === 'rate', {
      status: 429, code: 99991400, msg: 'request trigger frequency limit', headers: { 'x-ogw-ratelimit-reset': '1' }, times: Infinity,
    });
    const error = fake.fail((r) => kindOf(r) === 'error', { status: 500, code: 500, times: Infinity });
    const timeout = fake.fail((r) => kindOf(r) === 'timeout', { delayMs: 1500, times: Infinity });

    const msgs: OutboxMessage[] = Array.from({ length: CARDS }, (_, i) => ({
      key: `chaos-faults-${i}`, to: { openId: to(i) },
      body: { type: 'card', card: { schema: '2.0', body: { elements: [{ tag: 'markdown', content: `第 ${i} 张` }] } } },
    }));
    await svc.service.deps.ctx.outbox.sendMany(msgs);
    for (let i = 0; i < ASKS; i++) {
      const event = messageEvent({ senderOpenId: `ou_faults_asker_${i}`, chatId: asker(i), chatType: 'p2p', text: '帮助' });
      expect((await svc.push('im.message.receive_v1', event, newEventId())).status).toBe(200);
    }

    const reached = () => Array.from({ length: CARDS }, (_, i) => to(i)).every((id) => fake.messagesTo(id).length > 0)
      && Array.from({ length: ASKS }, (_, i) => asker(i)).every((id) => fake.messagesTo(id).length > 0);
    await until(reached, 150_000, 'every card and every answer delivered');
    await until(async () => {
      const q = svc.service.deps.queues;
      const counts = await Promise.all([q.inbound, q.outbox].map((x) => x.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    }, 60_000, 'the queues to drain');

    for (let i = 0; i < CARDS; i++) expect(fake.messagesTo(to(i)), to(i)).toHaveLength(1);
    for (let i = 0; i < ASKS; i++) expect(fake.messagesTo(asker(i)), asker(i)).toHaveLength(1);
    expect(fake.messages).toHaveLength(CARDS + ASKS);
    // Every kind of fault was met, about 30 % of the message calls in all.
    for (const f of [rate, error, timeout]) expect(f.hits).toBeGreaterThan(0);
    const calls = fake.requests.filter((r) => r.api.startsWith('im.message.')).length;
    expect((rate.hits + error.hits + timeout.hits) / calls).toBeGreaterThan(0.2);
    expect((await svc.service.deps.queues.outbox.getJobCounts('failed')).failed).toBe(0);
  });
});
