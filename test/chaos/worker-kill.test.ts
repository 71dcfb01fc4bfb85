import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLark } from '../../src/local/fake-lark-server.js';
import type { OutboxMessage } from '../../src/outbox.js';
import { TEST_START, testClock } from '../helpers/clock.js';
import { chaosEnv, fakeLark, randomPrefix, spawnWorker, startChaosService, until, type ChaosService, type WorkerChild } from './harness.js';
import { startPrivateRedis, type PrivateRedis } from './redis-proc.js';

/**
 * The worker process SIGKILLed in the middle of a 1,000-card fan-out: the web role (this process) queues the
 * cards through the outbox as the handlers do; a worker process (worker-child.ts) sends them and is killed
 * with some in hand; after a restart every recipient has exactly one message.
 */

const N = 1000;
let redis: PrivateRedis;
let fake: FakeLark;
let web: ChaosService;
let env: Record<string, string>;
const workers: WorkerChild[] = [];

beforeAll(async () => {
  redis = await startPrivateRedis();
  fake = await fakeLark();
  env = chaosEnv({ redisUrl: redis.url, prefix: randomPrefix(), fake });
  web = await startChaosService({ env, role: 'web', now: testClock(TEST_START) });
});
afterAll(async () => {
  for (const w of workers) await w.kill().catch(() => undefined);
  await web?.stop();
  await fake?.close();
  await redis?.destroy();
});

const to = (i: number) => `ou_fanout_${String(i).padStart(4, '0')}`;
const card = (i: number) => ({
  schema: '2.0' as const,
  header: { title: { tag: 'plain_text' as const, content: '学习提醒' }, template: 'blue' as const },
  body: { elements: [{ tag: 'markdown' as const, content: `第 ${i} 张：明天上午 9:00 集中学习` }] },
});

describe('the worker process SIGKILLed in the middle of a 1,000-card fan-out', () => {
  it('after a restart each recipient has exactly one message', async () => {
    const msgs: OutboxMessage[] = Array.from({ length: N }, (_, i) => ({
      key: `chaos-fanout-${i}`, to: { openId: to(i) }, body: { type: 'card', card: card(i) },
    }));
    for (let i = 0; i < N; i += 250) await web.service.deps.ctx.outbox.sendMany(msgs.slice(i, i + 250));

    workers.push(await spawnWorker(env, TEST_START));
    await until(() => fake.messages.length >= N * 0.3, 60_000, 'the fan-out to be under way');
    await workers[0]!.kill();
    const atKill = fake.messages.length;
    expect(atKill, 'killed in the middle, not after the end').toBeLessThan(N);

    workers.push(await spawnWorker(env, TEST_START));
    // Jobs the killed worker held are locked until their lock expires; BullMQ's stalled check then hands them on.
    await until(() => new Set(fake.messages.map((m) => m.receiveId)).size === N, 150_000, 'every recipient reached');
    await until(async () => {
      const c = await web.service.deps.queues.outbox.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(c).every((n) => n === 0);
    }, 60_000, 'the outbox to drain');

    for (let i = 0; i < N; i++) expect(fake.messagesTo(to(i)), to(i)).toHaveLength(1);
    expect(fake.messages).toHaveLength(N);
    const failed = await web.service.deps.queues.outbox.getJobCounts('failed');
    expect(failed.failed).toBe(0);
  });
});
