import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../src/local/lark-push.js';
import { createCalendar, instantOf } from '../../src/domain/calendar.js';
import { ITEM_FORM } from '../../src/domain/ledger/form.js';
import { stepAt, type LadderStep } from '../../src/domain/ledger/ladder.js';
import { loadCampaignFile } from '../../src/campaign.js';
import type { FakeLark } from '../../src/local/fake-lark-server.js';
import { CAMPAIGN_PATH } from '../helpers/bot.js';
import {
  chaosEnv, drained, fakeLark, randomPrefix, spawnWorker, startChaosService, until, type ChaosService, type WorkerChild,
} from './harness.js';
import { startPrivateRedis, type PrivateRedis } from './redis-proc.js';

/**
 * The deadline ladder across two worker restarts: the web role here, the workers in a child process that is
 * stopped (SIGTERM, a deploy) after T−3 and killed (SIGKILL, a crash) after T; each step reaches each of its
 * people exactly once, and a step job that runs again sends nothing.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const CO = 'ou_member_02';
const LEADER = 'ou_leader_zhao';
const TOP = 'ou_leader_wang';
const TZ = 'Asia/Shanghai';
const D = '2027-07-20';
let clock = instantOf('2027-07-01', '10:00', TZ);
let redis: PrivateRedis;
let fake: FakeLark;
let web: ChaosService;
let env: Record<string, string>;
let worker: WorkerChild;
let cal: ReturnType<typeof createCalendar>;

beforeAll(async () => {
  cal = createCalendar((await loadCampaignFile(CAMPAIGN_PATH)).calendar, TZ);
  redis = await startPrivateRedis();
  fake = await fakeLark();
  env = chaosEnv({ redisUrl: redis.url, prefix: randomPrefix(), fake });
  web = await startChaosService({ env, role: 'web', now: () => clock });
  worker = await spawnWorker(env, clock);
});
afterAll(async () => {
  await worker?.kill().catch(() => undefined);
  await web?.stop();
  await fake?.close();
  await redis?.destroy();
});

const str = (x: unknown) => JSON.stringify(x);
const click = async (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  (await web.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }))).json;
const cardsTo = (openId: string, text: string) => fake.messagesTo(openId).filter((m) => str(m.content).includes(text));
const queue = () => web.service.deps.queues.ledger;
const banner: Record<string, string> = {
  d7: '还有 7 天', d3: '还有 3 天', d1: '完成时限为明天', due: '这项整改事项已超过完成时限。', late3: '烦请您督办', weekly: '至今仍超过完成时限',
};

async function runJob(jobId: string) {
  await until(async () => (await queue().getJob(jobId))?.finishedOn !== undefined, 30_000, `job ${jobId}`);
  await drained(web, ['ledger']);
}

/** The clock (here and in the worker) at the step's send time, and its delayed job run now. */
async function fire(id: string, step: LadderStep) {
  clock = stepAt(step, D, cal);
  await worker.setClock(clock);
  const job = await queue().getJob(`lad-${id}-1-${step}`);
  expect(job, step).toBeDefined();
  await job!.promote();
  await runJob(`lad-${id}-1-${step}`);
}

describe('the deadline ladder across two worker restarts', () => {
  let id = '';

  it('an item started with its ladder: T−7 and T−3 to the owners', async () => {
    const F = ITEM_FORM;
    const saved = await click(ADMIN, { v: 1, a: 'lg.save' }, {
      [F.problem]: '会议多、文件多', [F.source]: 'self', [F.wind]: 'formalism', [F.goal]: '目标', [F.measures]: '措施', [F.owner]: OWNER,
      [F.leader]: LEADER, [F.coOwners]: [CO], [F.deadline]: `${D} +0800`, [F.commitment]: '公开承诺',
    });
    expect(saved.toast?.type, str(saved)).toBe('success');
    id = (await web.service.deps.ctx.store.ledger.list()).find((i) => i.problem === '会议多、文件多')!.id;
    expect((await click(ADMIN, { v: 1, a: 'lg.activate', id })).toast?.type).toBe('success');
    await fire(id, 'd7');
    await fire(id, 'd3');
  });

  it('restart #1 (SIGTERM), then T−1 and T', async () => {
    await worker.stop();
    worker = await spawnWorker(env, clock);
    await fire(id, 'd1');
    await fire(id, 'due');
  });

  it('restart #2 (SIGKILL), a duplicate of T run again, then T+3 and the first weekly step', async () => {
    await worker.kill();
    worker = await spawnWorker(env, clock);
    const due = (await queue().getJob(`lad-${id}-1-due`))!;
    await queue().add(due.name, due.data, { jobId: `dup-${id}` });
    await runJob(`dup-${id}`);
    await fire(id, 'late3');
    await fire(id, 'w1');
  });

  it('each step reached each of its people exactly once', async () => {
    const want: [string, string[]][] = [
      ['d7', [OWNER, CO]], ['d3', [OWNER, CO]], ['d1', [OWNER, CO]], ['due', [OWNER, CO, LEADER]], ['late3', [TOP]],
      ['weekly', [OWNER, CO, LEADER]],
    ];
    for (const [step, people] of want) {
      for (const p of [OWNER, CO, LEADER, TOP]) {
        expect(cardsTo(p, banner[step]!), `${step} → ${p}`).toHaveLength(people.includes(p) ? 1 : 0);
      }
    }
    const steps = (await web.service.deps.ctx.store.ledger.get(id))!.history.filter((h) => h.what === 'step').map((h) => h.step);
    expect(steps).toEqual(['d7', 'd3', 'd1', 'due', 'late3', 'w1']);
  });
});
