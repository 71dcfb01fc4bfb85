import { benchWebhookIngest } from './webhook-ingest.js';
import { benchBallotBurst } from './ballot-burst.js';
import { benchFanout, benchFanoutMatrix } from './fanout.js';
import { benchInteractiveFirst } from './interactive-first.js';
import { benchServiceMemory } from './service-memory.js';

/**
 * `npm run bench`: DESIGN §4 figures as ratios against baselines measured in the same run.
 * Targets are reported, never asserted: this machine is shared and noisy.
 */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const fmt = (x: number, d = 2) => x.toFixed(d);
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

async function main() {
  const rssStart = process.memoryUsage().rss;
  let peakRss = rssStart;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
  const lines: string[] = [];

  if (want('ingest')) {
    const w = await benchWebhookIngest({ redisUrl });
    lines.push(
      `webhook ingest: bare Koa ${fmt(w.bare.perSecond, 0)}/s, ours ${fmt(w.ours.perSecond, 0)}/s ` +
        `→ ratio ${fmt(w.throughputRatio)} (target ≥ 0.5)`,
      `  at 500/s: p99 bare ${fmt(w.bare500.p99)} ms, ours ${fmt(w.ours500.p99)} ms → ratio ${fmt(w.p99Ratio500)} (target ≤ 2)`,
      `  enqueued ${w.enqueued} of ${w.expected} (every event exactly once), failed requests ${w.ours.failed + w.ours500.failed}`,
    );
  }
  if (want('ballots')) {
    const b = await benchBallotBurst({ redisUrl });
    lines.push(
      `ballot burst: ${b.ours.ok} callbacks in ${fmt(b.ours.seconds)} s; counted ${b.ballots} ballots, ` +
        `register ${b.turnout.voted} of ${b.turnout.electorate} (every ballot exactly once)`,
      `  p99 answer: bare Koa ${fmt(b.base.p99)} ms, ours ${fmt(b.ours.p99)} ms → ratio ${fmt(b.p99Ratio)} (target ≤ 3)`,
    );
  }
  if (want('fanout')) {
    // FANOUT_N / FANOUT_SCALE run one case; otherwise 300, 1,000 and 5,000 cards at Lark's limits ×1, ×3, ×10.
    const one = process.env.FANOUT_N !== undefined || process.env.FANOUT_SCALE !== undefined;
    const runs = one
      ? [await benchFanout({ redisUrl, messages: Number(process.env.FANOUT_N ?? 5000), scale: Number(process.env.FANOUT_SCALE ?? 1) })]
      : await benchFanoutMatrix({ redisUrl });
    for (const f of runs) {
      lines.push(
        `fan-out ${f.n} cards at Lark's limits ×${f.scale}: ${f.delivered} in ${fmt(f.seconds, 1)} s where the limits allow ` +
          `${fmt(f.allowedSeconds, 1)} s → ratio ${fmt(f.ratio)} (target ≥ 0.9); ` +
          `duplicates ${f.duplicates}, lost ${f.lost}, 429s ${f.rejected}`,
      );
    }
  }
  if (want('interactive')) {
    const r = await benchInteractiveFirst({ redisUrl });
    lines.push(
      `interactive first: ${r.answered} of ${r.commands} typed commands answered during a ${r.fanout}-card fan-out at Lark's limits: ` +
        `p50 ${fmt(r.p50Ms / 1000)} s, p95 ${fmt(r.p95Ms / 1000)} s, max ${fmt(r.maxMs / 1000)} s (target p95 ≤ 2 s); ` +
        `fan-out cards sent meanwhile ${r.bulkSent}`,
    );
  }
  if (want('report')) {
    try {
      const mod = await import('./opinion-report.js') as {
        benchOpinionReport?: () => Promise<{ t500Ms: number; t50kMs: number; ratio: number }>;
      };
      if (mod.benchOpinionReport) {
        const r = await mod.benchOpinionReport();
        lines.push(`opinion report: 500 → ${fmt(r.t500Ms)} ms, 50,000 → ${fmt(r.t50kMs)} ms → ratio ${fmt(r.ratio)} (target ≤ 1.5)`);
      }
    } catch (e) {
      lines.push(`opinion report: not run (${(e as Error).message})`);
    }
  }
  if (want('memory')) {
    const m = await benchServiceMemory({ redisUrl });
    lines.push(
      `service memory (own process, web + workers): idle ${fmt(m.idleMb, 0)} MB, peak ${fmt(m.peakMb, 0)} MB ` +
        `through ${m.pushed.ok} events and ${m.answered.ok} card callbacks (target < 200 MB)`,
      `  failed requests ${m.pushed.failed + m.answered.failed}, replies sent ${m.replies}`,
    );
  }
  clearInterval(sampler);
  lines.push(`memory: peak RSS of the bench process ${fmt(peakRss / 2 ** 20, 0)} MB (target < 200 MB for the service)`);
  console.log(lines.join('\n'));
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
