import { envelope, messageEvent, newEventId, signPush } from '../src/local/lark-push.js';
import { BENCH_SECRETS, startRole, startTenant } from './deployed.js';
import { median, runLoad, type PushRequest } from './load.js';
import type { Child } from './proc.js';

/**
 * "Scaling out" measured: ingest of one deployed web role against two (`npm start -- web` twice, one Redis, one
 * REDIS_PREFIX, as behind a load balancer), the load split over two autocannon processes (16 connections each) so
 * that neither generator is the limit. Rounds alternate (one, two, two, one, …); figures are medians.
 */
const events = (n: number): PushRequest[] => Array.from({ length: n }, (_, i) => signPush(envelope('im.message.receive_v1', messageEvent({
  senderOpenId: `ou_scale_${i % 500}`, chatId: `oc_scale_${i % 500}`, chatType: 'p2p', text: `帮助 ${i}`,
}), BENCH_SECRETS, newEventId()), BENCH_SECRETS));

export async function benchScale(o: { redisUrl: string; rounds?: number; events?: number }) {
  const rounds = o.rounds ?? 3;
  const n = o.events ?? 6000;
  const tenant = await startTenant(o.redisUrl);
  const prefix = `benchsc${Date.now().toString(36)}`;
  const webs: Child[] = [];
  try {
    webs.push(await startRole(tenant, 'web', prefix, { name: 'web 1' }));
    webs.push(await startRole(tenant, 'web', prefix, { name: 'web 2' }));
    const one: number[] = [];
    const two: number[] = [];
    const runOne = async () => {
      const [a, b] = await Promise.all([
        runLoad(`${webs[0]!.url}/webhook/event`, events(n / 2), { connections: 16 }),
        runLoad(`${webs[0]!.url}/webhook/event`, events(n / 2), { connections: 16 }),
      ]);
      one.push((a.ok + b.ok) / Math.max(a.seconds, b.seconds));
    };
    const runTwo = async () => {
      const [a, b] = await Promise.all([
        runLoad(`${webs[0]!.url}/webhook/event`, events(n / 2), { connections: 16 }),
        runLoad(`${webs[1]!.url}/webhook/event`, events(n / 2), { connections: 16 }),
      ]);
      two.push((a.ok + b.ok) / Math.max(a.seconds, b.seconds));
    };
    await runOne();
    await runTwo();
    one.length = 0;
    two.length = 0;
    for (let r = 0; r < rounds; r++) {
      for (const run of r % 2 === 0 ? [runOne, runTwo] : [runTwo, runOne]) await run();
    }
    return {
      rounds, events: n, one, two, onePerSecond: median(one), twoPerSecond: median(two), twoToOne: median(two) / median(one),
      rssPeakMb: webs.map((w) => w.rssMb().peak),
    };
  } finally {
    for (const w of webs) await w.stop().catch(() => undefined);
    await tenant.close();
  }
}
