import { afterEach, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import { createQueues, type Queues } from '../../../src/queues.js';
import { createKeys } from '../../../src/store/keys.js';
import { createRedis, type RedisClient } from '../../../src/store/redis.js';
import { addCounting, createInboundSink } from '../../../src/store/inbound.js';
import type { BotEvent } from '../../../src/lark/schema.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

const menu = (eventId: string): BotEvent => ({ type: 'menu', eventId, operatorOpenId: 'ou_x', eventKey: 'help' });

/** The real add, with the size of each batch written down (and, on demand, each add held back). */
function recording(queue: Queue) {
  const sizes: number[] = [];
  let hold: Promise<void> | undefined;
  const add = async (q: Queue, events: BotEvent[]) => {
    sizes.push(events.length);
    if (hold) await hold;
    return addCounting(q, events);
  };
  return { q: queue, add, sizes, holdWith: (p: Promise<void> | undefined) => { hold = p; } };
}

describe('the inbound sink: group commit', () => {
  let redis: RedisClient | undefined;
  let queues: Queues | undefined;
  let prefix = '';
  afterEach(async () => {
    await queues?.close();
    redis?.disconnect();
    await deletePrefix(testRedisUrl(), prefix);
  });

  async function setup() {
    prefix = randomPrefix();
    redis = createRedis(testRedisUrl(), 'fast');
    await new Promise((r) => redis!.once('ready', r));
    queues = createQueues(redis, createKeys(prefix).bullPrefix);
    return queues.inbound;
  }

  it('gathers what arrives while an add is in flight into one add when it is back, each event once', async () => {
    const rec = recording(await setup());
    let release!: () => void;
    rec.holdWith(new Promise<void>((r) => { release = r; }));
    const sink = createInboundSink(rec.q, redis!, { gatherMs: 5000, add: rec.add });
    const first = sink.enqueue(menu('e-first'));
    await new Promise((r) => setImmediate(r));
    rec.holdWith(undefined);
    const later = ['e-1', 'e-2', 'e-3', 'e-2'].map((id) => sink.enqueue(menu(id)));
    await new Promise((r) => setTimeout(r, 20));
    expect(rec.sizes).toEqual([1]);
    release();
    await Promise.all([first, ...later]);
    expect(rec.sizes).toEqual([1, 3]);
    expect((await queues!.inbound.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual(['e-1', 'e-2', 'e-3', 'e-first']);
  });

  it('does not wait longer than gatherMs behind an add that hangs', async () => {
    const rec = recording(await setup());
    rec.holdWith(new Promise<void>(() => undefined));
    const sink = createInboundSink(rec.q, redis!, { gatherMs: 50, timeoutMs: 200, add: rec.add });
    const first = sink.enqueue(menu('h-first'));
    await new Promise((r) => setImmediate(r));
    const second = sink.enqueue(menu('h-second'));
    await expect(first).rejects.toThrow(/did not answer in time/);
    await expect(second).rejects.toThrow(/did not answer in time/);
    // The second went out on its own after gatherMs, not after the first gave up.
    expect(rec.sizes).toEqual([1, 1]);
  });
});
