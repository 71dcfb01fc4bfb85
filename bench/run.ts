import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchIngest } from './ingest.js';
import { benchDeployedBallots } from './ballots.js';
import { benchScale } from './scale.js';
import { benchWebhookIngest } from './webhook-ingest.js';
import { benchBallotBurst } from './ballot-burst.js';
import { benchFanout, benchFanoutMatrix } from './fanout.js';
import { benchInteractiveFirst } from './interactive-first.js';
import { benchServiceMemory } from './service-memory.js';
import { ROOT } from './proc.js';

/**
 * `npm run bench [-- name… ] [--before=<git ref>] [--profile=<dir>]`: DESIGN §4 figures on the deployed process
 * (the service started as `npm start -- web` / `-- worker` in child processes, autocannon in another), as ratios to
 * a bare Koa endpoint and a bot written the SDK README's way measured in the same run. Each bench writes
 * bench/results/<name>.json. Targets are reported, never asserted: this machine is shared and noisy.
 * Default (about four minutes): ingest, ballots, scale (one web role against two), fanout (300 cards at Lark's limits).
 * Longer, by name: interactive (typed commands during a 5,000-card fan-out, ~5 min), fanout-matrix (300, 1,000 and
 * 5,000 cards at the limits ×1, ×3, ×10, ~10 min).
 * Component benches (in-process, labelled so): component-ingest, component-ballots, memory (web+workers in one process), report.
 */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const fmt = (x: number, d = 2) => x.toFixed(d);
const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = args.filter((a) => !a.startsWith('--'));
const want = (name: string, byDefault = true) => (only.length === 0 ? byDefault : only.includes(name));

function machine() {
  const c = cpus();
  return {
    cpus: c.length, cpuModel: c[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

function save(name: string, figures: unknown, startedAt: Date) {
  mkdirSync(`${ROOT}bench/results`, { recursive: true });
  const out = { bench: name, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine: machine(), figures };
  writeFileSync(`${ROOT}bench/results/${name}.json`, `${JSON.stringify(out, null, 2)}\n`);
}

async function step<T>(name: string, run: () => Promise<T>, report: (r: T) => string[]): Promise<void> {
  const t0 = new Date();
  const r = await run();
  save(name, r, t0);
  console.log(report(r).join('\n'));
}

type FanoutRun = Awaited<ReturnType<typeof benchFanout>>;
const fanoutLines = (runs: FanoutRun[]) => runs.map((f) =>
  `fan-out (component) ${f.n} cards at Lark's limits ×${f.scale}: ${f.delivered} in ${fmt(f.seconds, 1)} s where the limits ` +
  `allow ${fmt(f.allowedSeconds, 1)} s → ratio ${fmt(f.ratio)} (target ≥ 0.9); duplicates ${f.duplicates}, lost ${f.lost}, ` +
  `429s ${f.rejected}`);

async function main() {
  console.log(`machine: ${JSON.stringify(machine())}`);
  if (want('ingest')) {
    await step('ingest', () => benchIngest({ redisUrl, before: flag('before'), profileDir: flag('profile'),
      rounds: Number(process.env.BENCH_ROUNDS ?? 3) }), (w) => [
      'webhook ingest (deployed web role, 32 connections, medians of interleaved rounds):',
      ...w.targets.map((t) => `  ${t.name}: ${fmt(t.perSecond, 0)}/s, ${fmt(t.cpuUsPerEvent, 0)} µs CPU/event, ` +
        `p99 at 500/s ${fmt(t.p99At500)} ms, ` +
        `RSS peak ${fmt(t.rssPeakMb, 0)} MB${t.enqueued === undefined ? '' : `, enqueued ${t.enqueued} of ${t.sent}`}`),
      `  ours / bare Koa ${fmt(w.ratios.oursToBare)} (target ≥ 0.5); ours / SDK-README bot ${fmt(w.ratios.oursToReference)} ` +
        `(target ≥ 2); SDK-README bot / bare ${fmt(w.ratios.referenceToBare)}`,
      `  p99 at 500/s: ours / bare ${fmt(w.ratios.p99At500OursToBare)} (target ≤ 2); SDK-README bot / bare ` +
        `${fmt(w.ratios.p99At500ReferenceToBare)}`,
      ...(w.ratios.afterToBefore === undefined ? [] : [
        `  before/after: before / bare ${fmt(w.ratios.beforeToBare!)}, after / before ${fmt(w.ratios.afterToBefore)}, ` +
          `p99 at 500/s before / bare ${fmt(w.ratios.p99At500BeforeToBare!)}, CPU/event after / before ` +
          `${fmt(w.ratios.cpuPerEventAfterToBefore!)}`,
      ]),
    ]);
  }
  if (want('ballots')) {
    await step('ballots', () => benchDeployedBallots({ redisUrl, rounds: Number(process.env.BENCH_ROUNDS ?? 3) }), (b) => [
      `ballot burst (deployed web + worker, ${b.voters} voters at ${b.rate}/s, medians of ${b.rounds} interleaved rounds):`,
      `  counted ${b.counted.join(', ')} ballots, register ${b.registered.join(', ')} (every ballot exactly once: ${b.exactlyOnce})`,
      `  p99 answer: bare Koa ${fmt(b.bareP99)} ms, ours ${fmt(b.oursP99)} ms → ratio ${fmt(b.p99Ratio)} (target ≤ 3); ` +
        `RSS peak web ${fmt(b.rssPeakMb.web, 0)} MB, worker ${fmt(b.rssPeakMb.worker, 0)} MB`,
    ]);
  }
  if (want('scale')) {
    await step('scale', () => benchScale({ redisUrl, rounds: Number(process.env.BENCH_ROUNDS ?? 3) }), (s) => [
      `scaling out (deployed web roles, one Redis): one web ${fmt(s.onePerSecond, 0)}/s, two webs ${fmt(s.twoPerSecond, 0)}/s ` +
        `→ ×${fmt(s.twoToOne)} on ${machine().cpus} cores (load generators and Redis on the same cores)`,
    ]);
  }
  if (want('fanout')) {
    // The outbox worker in-process (a component bench). FANOUT_N / FANOUT_SCALE run one case; `fanout-matrix` runs
    // 300, 1,000 and 5,000 cards at Lark's limits ×1, ×3 and ×10 (about ten minutes).
    const n = Number(process.env.FANOUT_N ?? 300);
    const scale = Number(process.env.FANOUT_SCALE ?? 1);
    await step('fanout', async () => [await benchFanout({ redisUrl, messages: n, scale })], fanoutLines);
  }
  if (want('fanout-matrix', false)) await step('fanout-matrix', () => benchFanoutMatrix({ redisUrl }), fanoutLines);
  if (want('interactive', false)) {
    await step('interactive', () => benchInteractiveFirst({ redisUrl }), (r) => [
      `interactive first: ${r.answered} of ${r.commands} typed commands answered during a ${r.fanout}-card fan-out at ` +
        `Lark's limits: p50 ${fmt(r.p50Ms / 1000)} s, p95 ${fmt(r.p95Ms / 1000)} s, max ${fmt(r.maxMs / 1000)} s ` +
        `(target p95 ≤ 2 s); fan-out cards sent meanwhile ${r.bulkSent}`,
    ]);
  }
  if (want('component-ingest', false)) {
    await step('component-ingest', () => benchWebhookIngest({ redisUrl }), (w) => [
      `component webhook ingest (in-process app, inbound sink only): ratio ${fmt(w.throughputRatio)}, ` +
        `p99 ratio at 500/s ${fmt(w.p99Ratio500)}, enqueued ${w.enqueued} of ${w.expected}`,
    ]);
  }
  if (want('component-ballots', false)) {
    await step('component-ballots', () => benchBallotBurst({ redisUrl }), (b) => [
      `component ballot burst (in-process web role): counted ${b.ballots}, p99 ratio ${fmt(b.p99Ratio)}`,
    ]);
  }
  if (want('memory', false)) {
    await step('memory', () => benchServiceMemory({ redisUrl }), (m) => [
      `service memory (one process, web + workers): idle ${fmt(m.idleMb, 0)} MB, peak ${fmt(m.peakMb, 0)} MB ` +
        `through ${m.pushed.ok} events and ${m.answered.ok} card callbacks (target < 200 MB)`,
    ]);
  }
  if (want('report', false)) {
    type Report = { t500Ms: number; t50kMs: number; ratio: number };
    const mod = await import('./opinion-report.js') as { benchOpinionReport?: () => Promise<Report> };
    if (mod.benchOpinionReport) {
      await step('report', mod.benchOpinionReport, (r) => [
        `opinion report (component): 500 → ${fmt(r.t500Ms)} ms, 50,000 → ${fmt(r.t50kMs)} ms → ratio ${fmt(r.ratio)} (target ≤ 1.5)`,
      ]);
    }
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
