import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { BotEvent } from '../../../src/lark/schema.js';
import { createQueues, type Queues } from '../../../src/queues.js';
import { createInboundSink, type InboundSink } from '../../../src/store/inbound.js';
import { createKeys } from '../../../src/store/keys.js';
import { createRedis } from '../../../src/store/redis.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

/**
 * The inbound sink says which add was refused as a re-push: two sinks on their own connections stand for two web
 * processes; however their adds interleave, each event is stored once and every other push is a duplicate.
 */
const url = testRedisUrl();
const prefix = randomPrefix();
const keys = createKeys(prefix);
const web: { redis: Redis; queues: Queues; sink: InboundSink }[] = [];

const menu = (eventId: string): BotEvent => ({ type: 'menu', eventId, operatorOpenId: 'ou_member_01', eventKey: 'help' });

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const redis = createRedis(url, 'fast');
    await new Promise((r) => redis.once('ready', r));
    const queues = createQueues(redis, keys.bullPrefix);
    web.push({ redis, queues, sink: createInboundSink(queues.inbound, redis, { timeoutMs: 5000 }) });
  }
});

afterAll(async () => {
  for (const w of web) {
    await w.queues.close();
    w.redis.disconnect();
  }
  await deletePrefix(url, prefix);
});

describe('createInboundSink: the outcome of each add', () => {
  it('stores a new event once and calls a later push of it a duplicate', async () => {
    const [a] = web;
    expect(await a.sink.enqueue(menu('ev-in-1'))).toBe('added');
    expect(await a.sink.enqueue(menu('ev-in-1'))).toBe('duplicate');
    const job = await a.queues.inbound.getJob('ev-in-1');
    expect(job?.name).toBe('menu');
    expect(job?.data).toEqual(menu('ev-in-1'));
    // Kept 8 h 15 min after it finishes: the de-duplication record.
    expect(job?.opts).toMatchObject({ attempts: 5, removeOnComplete: { age: 8 * 3600 + 15 * 60 } });
  });

  it('two pushes of one event in the same tick: one added, one duplicate', async () => {
    const [a] = web;
    const outcomes = await Promise.all([a.sink.enqueue(menu('ev-in-2')), a.sink.enqueue(menu('ev-in-2'))]);
    expect(outcomes.sort()).toEqual(['added', 'duplicate']);
  });

  it('two processes racing 40 events, each pushed 3 times by each: 40 added, 200 duplicates', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `ev-race-${i}`);
    const pushes = ids.flatMap((id) => [0, 1, 2].flatMap(() => web.map((w) => w.sink.enqueue(menu(id)))));
    const outcomes = await Promise.all(pushes);
    expect(outcomes.filter((o) => o === 'added')).toHaveLength(40);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(200);
    const counts = await web[0].queues.inbound.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    // No worker here: the 40 raced events and the two of the tests above wait.
    expect(counts.waiting).toBe(42);
  });

  it('a push of an event whose job already finished is a duplicate too', async () => {
    const [a, b] = web;
    await a.queues.inbound.add('menu', { type: 'menu', eventId: 'ev-done', done: true }, { jobId: 'ev-done' });
    expect(await b.sink.enqueue(menu('ev-done'))).toBe('duplicate');
  });
});
