/**
 * Opinion report bench (DESIGN §4 "Reports"): building the report at 50,000 opinions should take no
 * more than 1.5× the time at 500, because it reads counters and the top groups only. Also times the
 * XLSX export at 50,000 once and samples the process RSS meanwhile.
 * Run: `npx tsx bench/opinion-report.ts` (REDIS_URL, default redis://127.0.0.1:6379).
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { loadCampaignFile, resolveCampaign, type ResolvedCampaign } from '../src/campaign.js';
import { CATEGORIES, isoWeek, newOpinionId, SOURCES, targetOptions } from '../src/domain/opinions/opinion.js';
import { opinionsXlsx } from '../src/reports/exports.js';
import { buildOpinionReport } from '../src/reports/opinion-report.js';
import { createAuditStore } from '../src/store/audit.js';
import { createKeys } from '../src/store/keys.js';
import { createOpinionStore, type OpinionStore } from '../src/store/opinions.js';
import { createRedis } from '../src/store/redis.js';
import { deletePrefix } from './cleanup.js';

export interface OpinionReportBench {
  t500Ms: number;
  t50kMs: number;
  /** t50kMs / t500Ms; target ≤ 1.5. */
  ratio: number;
  xlsx50kMs: number;
  xlsxBytes: number;
  /** Process RSS in MB: before the export, highest seen during it, after it. */
  rssMb: { before: number; peak: number; after: number };
  /** V8 heap in use, MB: before the export and highest seen during it (flat when streaming works). */
  heapMb: { before: number; peak: number };
}

const CAMPAIGN_PATH = new URL('../campaign.example.json', import.meta.url).pathname;
const PHRASES = ['食堂饭菜价格偏高', '会议太多太长，文件层层转发', '下基层调研走过场', '办事窗口服务态度需要改进',
  '职工培训内容与实际脱节', '困难职工帮扶要更精准', '公务用车管理不够规范', '评先评优程序不够公开'];
const BATCH = 1000;
const mb = (n: number) => Math.round(n / 1024 / 1024);

function text(i: number): string {
  const n = 1 + (i % 6);
  return Array.from({ length: n }, (_, k) => PHRASES[(i + k * 3) % PHRASES.length]).join('，') + `。（第 ${i} 条）`;
}

/** Adds opinions `from`..`to`-1 (batches of concurrent creates: ioredis pipelines them on one connection). */
async function fill(store: OpinionStore, campaign: ResolvedCampaign, from: number, to: number): Promise<string[]> {
  const targets = targetOptions(campaign.leaders).map((t) => t.key);
  const ids: string[] = [];
  for (let start = from; start < to; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(start + BATCH, to); i++) {
      const dayNumber = 19_800 + (i % 180); // about six months of days
      const day = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
      const id = newOpinionId();
      ids.push(id);
      batch.push(store.create({
        id, codeHmac: randomBytes(16).toString('hex'), category: CATEGORIES[i % 8].key, source: SOURCES[(i * 7) % 8].key,
        target: targets[i % targets.length], text: text(i), anonymous: true, day, dayNumber, week: isoWeek(day),
      }));
    }
    await Promise.all(batch);
  }
  return ids;
}

/** Merges every 25th opinion's next 1–4 neighbours into it: groups of 2–5. */
async function mergeSome(store: OpinionStore, ids: string[]): Promise<void> {
  const entry = { at: Date.now(), actor: 'bench', action: 'opinion.merge', detail: {} };
  const jobs: Promise<void>[] = [];
  for (let r = 0; r + 5 < ids.length; r += 25) {
    for (let k = 1; k <= 1 + ((r / 25) % 4); k++) jobs.push(store.merge(ids[r + k], ids[r], entry));
  }
  await Promise.all(jobs);
}

/** Medians of `a` and `b` timed in turns, after a warm-up, so both see the same warm process and Redis. */
async function pairedMedians(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number): Promise<[number, number]> {
  for (let i = 0; i < 10; i++) { await a(); await b(); }
  const ta: number[] = [];
  const tb: number[] = [];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const t0 = performance.now();
    await fn();
    into.push(performance.now() - t0);
  };
  for (let i = 0; i < runs; i++) { await time(a, ta); await time(b, tb); }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return [median(ta), median(tb)];
}

export async function benchOpinionReport(
  opts: { redisUrl?: string; small?: number; large?: number; runs?: number } = {},
): Promise<OpinionReportBench> {
  const { redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', small = 500, large = 50_000, runs = 21 } = opts;
  const redis = createRedis(redisUrl, 'store');
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const storeAt = (p: string) => { const keys = createKeys(p); return createOpinionStore(redis, keys, createAuditStore(redis, keys)); };
  const small500 = storeAt(`${prefix}:small`);
  const large50k = storeAt(`${prefix}:large`);
  const campaign = await resolveCampaign(await loadCampaignFile(CAMPAIGN_PATH), {
    resolveIds: async () => ({ byEmail: new Map(), byMobile: new Map() }),
  });
  try {
    await mergeSome(small500, await fill(small500, campaign, 0, small));
    await mergeSome(large50k, await fill(large50k, campaign, 0, large));
    const [t500Ms, t50kMs] = await pairedMedians(
      () => buildOpinionReport(small500, campaign),
      () => buildOpinionReport(large50k, campaign),
      runs,
    );

    global.gc?.();
    const before = process.memoryUsage();
    let peak = before.rss;
    let heapPeak = before.heapUsed;
    const sample = () => { const m = process.memoryUsage(); peak = Math.max(peak, m.rss); heapPeak = Math.max(heapPeak, m.heapUsed); };
    const sampler = setInterval(sample, 10);
    const t0 = performance.now();
    const xlsx = await opinionsXlsx(large50k, campaign);
    const xlsx50kMs = performance.now() - t0;
    clearInterval(sampler);
    sample();
    return {
      t500Ms, t50kMs, ratio: t50kMs / t500Ms, xlsx50kMs, xlsxBytes: xlsx.length,
      rssMb: { before: mb(before.rss), peak: mb(peak), after: mb(process.memoryUsage().rss) },
      heapMb: { before: mb(before.heapUsed), peak: mb(heapPeak) },
    };
  } finally {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchOpinionReport();
  const f = (n: number) => n.toFixed(2);
  console.log(`opinion report: 500 → ${f(r.t500Ms)} ms, 50k → ${f(r.t50kMs)} ms, ratio ${f(r.ratio)} (target ≤ 1.5)`);
  console.log(
    `xlsx export at 50k: ${Math.round(r.xlsx50kMs)} ms, ${mb(r.xlsxBytes)} MB; ` +
      `RSS before ${r.rssMb.before} MB, peak ${r.rssMb.peak} MB, after ${r.rssMb.after} MB; ` +
      `heap before ${r.heapMb.before} MB, peak ${r.heapMb.peak} MB`,
  );
}
