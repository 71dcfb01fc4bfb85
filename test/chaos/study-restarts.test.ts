import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../src/domain/calendar.js';
import type { FakeLark } from '../../src/local/fake-lark-server.js';
import { stepJobId } from '../../jobs/study/queue.js';
import { CAMPAIGN_PATH } from '../helpers/bot.js';
import {
  chaosEnv, drained, fakeLark, randomPrefix, spawnWorker, startChaosService, until, type ChaosService, type WorkerChild,
} from './harness.js';
import { startPrivateRedis, type PrivateRedis } from './redis-proc.js';

/**
 * The weekly study reminders across two worker restarts: the workers in a child process that plans the
 * session at start, is stopped (SIGTERM) after the 24-hour reminder and killed (SIGKILL) after the 1-hour
 * one; each restart plans again, reminder jobs run again, and each attendee still has each reminder once.
 */

const SH = 'Asia/Shanghai';
const example = JSON.parse(readFileSync(CAMPAIGN_PATH, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'mlb-chaos-study-'));
const campaignPath = join(dir, 'campaign.json');
const study = { ...example.study, cron: '0 9 * * 1', remindBeforeMinutes: [1440, 60] };
writeFileSync(campaignPath, JSON.stringify({ ...example, study }));
const MEMBERS = example.members.users.map((u: { openId: string }) => u.openId) as string[];
const START = instantOf('2027-03-08', '09:00', SH);
const SID = 's-20270308-0900';

// The 24-hour reminder is due 1.5 s after the first worker starts (BullMQ's delay runs on real time).
let clock = START - 1440 * 60_000 - 1500;
let redis: PrivateRedis;
let fake: FakeLark;
let web: ChaosService;
let env: Record<string, string>;
let worker: WorkerChild;

beforeAll(async () => {
  redis = await startPrivateRedis();
  fake = await fakeLark(campaignPath);
  env = chaosEnv({ redisUrl: redis.url, prefix: randomPrefix(), fake, campaignPath });
  web = await startChaosService({ env, role: 'web', now: () => clock });
});
afterAll(async () => {
  await worker?.kill().catch(() => undefined);
  await web?.stop();
  await fake?.close();
  await redis?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const reminders = (openId: string) => fake.messagesTo(openId).filter((m) => JSON.stringify(m.content).includes(`"s":"${SID}"`));
const queue = () => web.service.deps.queues.study;
const finished = async (jobId: string) => (await queue().getJob(jobId))?.finishedOn !== undefined;

/** The job run again under another id (an escaped duplicate), to completion. */
async function runAgain(jobId: string) {
  const j = (await queue().getJob(jobId))!;
  await queue().add(j.name, j.data, { jobId: `again-${jobId}-${clock}` });
  await until(() => finished(`again-${jobId}-${clock}`), 30_000, `the re-run of ${jobId}`);
  await drained(web, ['study']);
}

describe('the study reminders across two worker restarts', () => {
  it('the first worker plans the session; the 24-hour reminder reaches every attendee once', async () => {
    worker = await spawnWorker(env, clock);
    await until(() => finished(stepJobId(SID, 'r1440')), 30_000, 'the 24-hour reminder');
    await drained(web, ['study']);
    for (const m of MEMBERS) expect(reminders(m), m).toHaveLength(1);
  });

  it('restart #1 (SIGTERM): the re-plan adds nothing; the 1-hour reminder reaches every attendee once', async () => {
    await worker.stop();
    clock = START - 60 * 60_000 - 500;
    worker = await spawnWorker(env, clock);
    expect((await queue().getJobSchedulers()).length).toBe(1);
    await (await queue().getJob(stepJobId(SID, 'r60')))!.promote();
    await until(() => finished(stepJobId(SID, 'r60')), 30_000, 'the 1-hour reminder');
    await drained(web, ['study']);
    for (const m of MEMBERS) expect(reminders(m), m).toHaveLength(2);
  });

  it('restart #2 (SIGKILL): both reminders run again and nobody gets a third card', async () => {
    await worker.kill();
    clock = START - 59 * 60_000;
    worker = await spawnWorker(env, clock);
    await runAgain(stepJobId(SID, 'r1440'));
    await runAgain(stepJobId(SID, 'r60'));
    expect((await queue().getJobSchedulers()).length).toBe(1);
    for (const m of MEMBERS) expect(reminders(m), m).toHaveLength(2);
  });
});
