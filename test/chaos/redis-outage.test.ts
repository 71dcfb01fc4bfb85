import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, newEventId } from '../../src/local/lark-push.js';
import type { FakeLark } from '../../src/local/fake-lark-server.js';
import { TEST_START, testClock } from '../helpers/clock.js';
import { chaosEnv, fakeLark, randomPrefix, startChaosService, until, type ChaosService } from './harness.js';
import { startPrivateRedis, type PrivateRedis } from './redis-proc.js';

/**
 * Redis stopped for 5 s in the middle of a burst of inbound messages: while it is down the webhook refuses
 * each event with 503 at once (no hang, no crash); once it is back, Lark-style re-pushes of the refused
 * events (same event_id) and of some accepted ones are taken, and every message gets exactly one reply.
 */

let redis: PrivateRedis;
let fake: FakeLark;
let svc: ChaosService;

beforeAll(async () => {
  redis = await startPrivateRedis();
  fake = await fakeLark();
  const env = chaosEnv({ redisUrl: redis.url, prefix: randomPrefix(), fake });
  svc = await startChaosService({ env, role: 'all', now: testClock(TEST_START) });
});
// How fast the 503s came (the target is under a second: the enqueue deadline is 0.8 s). Reported, never asserted:
// the machine is shared and noisy (the guide's rule on timing thresholds).
const refusalMs: number[] = [];

afterAll(async () => {
  if (refusalMs.length) {
    const sorted = [...refusalMs].sort((a, b) => a - b);
    console.log(`chaos: ${sorted.length} refusals while Redis was away, median ${Math.round(sorted[sorted.length >> 1]!)} ms, `
      + `slowest ${Math.round(sorted.at(-1)!)} ms (target < 1000 ms)`);
  }
  redis?.resume();
  await svc?.stop();
  await fake?.close();
  await redis?.destroy();
});

interface Sent { eventId: string; chatId: string; event: Record<string, unknown> }
const burst: Sent[] = [];
function next(): Sent {
  const i = burst.length;
  const sender = `ou_burst_${String(i).padStart(3, '0')}`;
  const chatId = `oc_p2p_burst_${i}`;
  const s = { eventId: newEventId(), chatId, event: messageEvent({ senderOpenId: sender, chatId, chatType: 'p2p', text: '帮助' }) };
  burst.push(s);
  return s;
}
const push = (s: Sent) => svc.push('im.message.receive_v1', s.event, s.eventId);
const replies = (s: Sent) => fake.messagesTo(s.chatId).filter((m) => m.msgType === 'interactive');

/** Nothing left waiting, running or delayed in the inbound and outbox queues. */
async function queuesDrained(): Promise<boolean> {
  const { inbound, outbox } = svc.service.deps.queues;
  const counts = await Promise.all([inbound, outbox].map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
  return counts.every((c) => Object.values(c).every((n) => n === 0));
}

describe('Redis stopped for 5 s in the middle of a burst', () => {
  const refused: Sent[] = [];

  it('before the outage every event is taken (200)', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => push(next())));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });

  it('while Redis is down each event is refused with 503 at once (not a hang), and the process stays up', async () => {
    const down = performance.now();
    await redis.stop();
    for (let round = 0; round < 4; round++) {
      const batch = Array.from({ length: 5 }, () => next());
      const answers = await Promise.all(batch.map(push));
      for (const a of answers) {
        expect(a.status).toBe(503);
        refusalMs.push(a.ms);
      }
      refused.push(...batch);
    }
    // The rest of the 5 s outage; the service keeps answering meanwhile.
    while (performance.now() - down < 5000) {
      const r = await svc.push('im.message.receive_v1', next().event);
      refused.push(burst.at(-1)!);
      expect(r.status).toBe(503);
      await new Promise((res) => setTimeout(res, 250));
    }
    await redis.start();
  });

  it('after Redis is back, re-pushes of the refused events are taken and every message is answered exactly once', async () => {
    // Lark re-pushes what was refused; a connection that is still reconnecting refuses again, and Lark tries again.
    await until(async () => (await push(refused[0]!)).status === 200, 30_000, 'the webhook to take events again');
    for (const s of refused) await until(async () => (await push(s)).status === 200, 30_000, `re-push of ${s.eventId}`);
    // More of the burst, and re-pushes of events taken before the outage (Lark did not see our 200).
    const after = Array.from({ length: 10 }, () => next());
    const answers = await Promise.all([...after, ...burst.slice(0, 10)].map(push));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));

    // Jobs in hand when Redis went away stay locked until BullMQ's stalled check (about 30-60 s) hands them on.
    await until(() => burst.every((s) => replies(s).length >= 1), 150_000, 'a reply to every message');
    await until(queuesDrained, 30_000, 'the queues to drain');
    for (const s of burst) expect(replies(s), s.chatId).toHaveLength(1);
    expect(burst.length).toBeGreaterThanOrEqual(50);
  });
});

describe('Redis hanging (SIGSTOP) for 5 s in the middle of a burst', () => {
  const refused: Sent[] = [];
  const first = () => burst.length;

  it('each event is refused with 503 at once while Redis hangs; after it resumes every message is answered once', async () => {
    const start = first();
    redis.pause();
    const down = performance.now();
    while (performance.now() - down < 5000) {
      const batch = Array.from({ length: 5 }, () => next());
      const answers = await Promise.all(batch.map(push));
      for (const a of answers) {
        expect(a.status).toBe(503);
        refusalMs.push(a.ms);
      }
      refused.push(...batch);
    }
    redis.resume();
    for (const s of refused) await until(async () => (await push(s)).status === 200, 30_000, `re-push of ${s.eventId}`);
    const mine = burst.slice(start);
    await until(() => mine.every((s) => replies(s).length >= 1), 150_000, 'a reply to every message');
    await until(queuesDrained, 30_000, 'the queues to drain');
    for (const s of burst) expect(replies(s), s.chatId).toHaveLength(1);
  });
});
