import { Queue } from 'bullmq';
import { envelope, messageEvent, newEventId, signPush } from '../src/local/lark-push.js';
import { createRedis } from '../src/store/redis.js';
import { BENCH_SECRETS, checkoutTree, startRole, startTenant } from './deployed.js';
import { median, runLoad, type LoadResult, type PushRequest } from './load.js';
import { cpuSeconds, freePort, startBenchScript, type Child } from './proc.js';

/**
 * DESIGN §4 webhook ingest, on the deployed web role (`npm start -- web`, a child process) with autocannon in
 * another process: unique signed and encrypted `im.message.receive_v1` pushes, 32 connections, and a fixed
 * 500 events/s; beside a bare Koa endpoint and the SDK-README reference bot, each in its own process.
 * Targets are loaded one at a time, round after round in alternating order (A B C, C B A, …); figures are medians.
 * `before`: a git ref whose web role is measured too (the hot path before/after in one run).
 */
export interface IngestOptions {
  redisUrl: string;
  rounds?: number;
  events?: number;
  fixedSeconds?: number;
  before?: string;
  /** A directory: our web role runs with `--cpu-prof` and writes its profile there. */
  profileDir?: string;
}

interface TargetFigures {
  name: string;
  max: LoadResult[];
  fixed: LoadResult[];
  perSecond: number;
  p99At500: number;
  /** CPU time of the target's process per event at full load (median over rounds): robust to the machine's noise. */
  cpuUsPerEvent: number;
  cpuUs: number[];
  enqueued?: number;
  sent: number;
  rssPeakMb: number;
}

const events = (n: number): PushRequest[] => Array.from({ length: n }, (_, i) => signPush(envelope('im.message.receive_v1', messageEvent({
  senderOpenId: `ou_bench_${i % 500}`, chatId: `oc_bench_${i % 500}`, chatType: i % 4 === 0 ? 'group' : 'p2p', text: `帮助 ${i}`,
}), BENCH_SECRETS, newEventId()), BENCH_SECRETS));

export async function benchIngest(o: IngestOptions) {
  const rounds = o.rounds ?? 3;
  const n = o.events ?? Number(process.env.BENCH_EVENTS ?? 6000);
  const fixedN = 500 * (o.fixedSeconds ?? 6);
  const tenant = await startTenant(o.redisUrl);
  const stamp = Date.now().toString(36);
  const before = o.before ? checkoutTree(o.before) : undefined;
  const children: Child[] = [];
  const prefixes = new Map<string, string>();
  try {
    const bare = await startBenchScript('bare Koa', 'bench/bare-koa.ts', await freePort(), {});
    children.push(bare);
    const refPrefix = `benchref${stamp}`;
    const refPort = await freePort();
    const ref = await startBenchScript('SDK-README bot', 'bench/reference-bot.ts', refPort, tenant.env(refPrefix, refPort));
    children.push(ref);
    prefixes.set(ref.name, refPrefix);
    const ours = await startRole(tenant, 'web', `benchin${stamp}`, { name: 'ours', profileDir: o.profileDir });
    children.push(ours);
    prefixes.set(ours.name, `benchin${stamp}`);
    if (before) {
      const old = await startRole(tenant, 'web', `benchold${stamp}`, { name: `ours before (${o.before})`, cwd: before.dir });
      children.push(old);
      prefixes.set(old.name, `benchold${stamp}`);
    }

    const figures = new Map<string, TargetFigures>(children.map((c) => [c.name, {
      name: c.name, max: [], fixed: [], perSecond: 0, p99At500: 0, cpuUsPerEvent: 0, cpuUs: [], sent: 0, rssPeakMb: 0,
    }]));
    const order = (r: number) => (r % 2 === 0 ? children : [...children].reverse());
    for (const c of children) {
      const warm = await runLoad(`${c.url}/webhook/event`, events(1000), { connections: 32 });
      figures.get(c.name)!.sent += warm.ok + warm.failed;
    }
    for (let r = 0; r < rounds; r++) {
      for (const c of order(r)) {
        const batch = events(n);
        const cpu0 = cpuSeconds(c.pid);
        const r1 = await runLoad(`${c.url}/webhook/event`, batch, { connections: 32 });
        figures.get(c.name)!.cpuUs.push(((cpuSeconds(c.pid) - cpu0) * 1e6) / (r1.ok + r1.failed));
        figures.get(c.name)!.max.push(r1);
        figures.get(c.name)!.sent += r1.ok + r1.failed;
      }
    }
    for (let r = 0; r < rounds; r++) {
      for (const c of order(r)) {
        const r2 = await runLoad(`${c.url}/webhook/event`, events(fixedN), { connections: 32, rate: 500 });
        figures.get(c.name)!.fixed.push(r2);
        figures.get(c.name)!.sent += r2.ok + r2.failed;
      }
    }
    const redis = createRedis(o.redisUrl, 'store');
    for (const c of children) {
      const f = figures.get(c.name)!;
      f.perSecond = median(f.max.map((x) => x.perSecond));
      f.p99At500 = median(f.fixed.map((x) => x.p99));
      f.cpuUsPerEvent = median(f.cpuUs);
      f.rssPeakMb = c.rssMb().peak;
      const prefix = prefixes.get(c.name);
      if (prefix) {
        const q = new Queue('inbound', { connection: redis, prefix: `${prefix}:{bull}` });
        f.enqueued = await q.count();
        await q.close();
      }
    }
    redis.disconnect();
    const list = [...figures.values()];
    const by = (name: string) => list.find((f) => f.name === name)!;
    const base = by('bare Koa');
    const our = by('ours');
    const refF = by('SDK-README bot');
    const old = before ? by(`ours before (${o.before})`) : undefined;
    return {
      rounds, events: n, fixedEvents: fixedN, connections: 32, targets: list,
      ratios: {
        oursToBare: our.perSecond / base.perSecond,
        oursToReference: our.perSecond / refF.perSecond,
        referenceToBare: refF.perSecond / base.perSecond,
        p99At500OursToBare: our.p99At500 / base.p99At500,
        cpuPerEventOursToReference: our.cpuUsPerEvent / refF.cpuUsPerEvent,
        p99At500ReferenceToBare: refF.p99At500 / base.p99At500,
        ...(old ? {
          beforeToBare: old.perSecond / base.perSecond, afterToBefore: our.perSecond / old.perSecond,
          cpuPerEventAfterToBefore: our.cpuUsPerEvent / old.cpuUsPerEvent,
          p99At500BeforeToBare: old.p99At500 / base.p99At500,
        } : {}),
      },
    };
  } finally {
    for (const c of children) await c.stop().catch(() => undefined);
    await tenant.close();
    before?.remove();
  }
}
