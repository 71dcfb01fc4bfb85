import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clockFrom } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { loadCampaignFile, resolveCampaign } from '../src/campaign.js';
import { createDeps } from '../src/deps.js';
import { createLarkApi } from '../src/lark/client.js';
import { createLogger } from '../src/log.js';
import { cardActionEvent, envelope, newEventId, signPush } from '../src/local/lark-push.js';
import { fakeP2pChatId } from '../src/local/fake-lark-state.js';
import { createRedis } from '../src/store/redis.js';
import { recordP2pChat } from '../handlers/personal-chat.js';
import { defaultRound } from '../src/domain/evaluations/round.js';
import { cellsOf } from '../src/domain/evaluations/ballot.js';
import { eligibilityHmac } from '../src/domain/evaluations/voter-hmacs.js';
import { BENCH_SECRETS, CLOCK_START, startRole, startTenant } from './deployed.js';
import { median, runLoad, type LoadResult, type PushRequest } from './load.js';
import { freePort, startBenchScript, type Child } from './proc.js';

/**
 * DESIGN §4 ballot burst on the deployed service (`npm start -- web` and `-- worker`, child processes): 300 voters
 * submit their ballot through the signed card callback route within two seconds; every ballot must be counted once,
 * and the p99 answer is reported as a ratio to a bare Koa endpoint (own process) under the same burst (target ≤ 3).
 * Each round is a fresh evaluation round (a ballot counts once), bare and ours alternating.
 */
export async function benchDeployedBallots(o: { redisUrl: string; voters?: number; rate?: number; rounds?: number }) {
  const n = o.voters ?? 300;
  const rate = o.rate ?? 150;
  const rounds = o.rounds ?? 3;
  const voters = Array.from({ length: n }, (_, i) => `ou_bench_voter_${i}`);
  const dir = mkdtempSync(join(tmpdir(), 'mlb-bench-ballots-'));
  const campaignPath = join(dir, 'campaign.json');
  writeFileSync(campaignPath, JSON.stringify({
    name: 'bench', admins: [{ openId: 'ou_bench_admin' }], topLeader: { openId: 'ou_bench_admin' },
    members: { users: voters.map((openId) => ({ openId })), chats: [] },
  }));
  const tenant = await startTenant(o.redisUrl, campaignPath, voters);
  const prefix = `benchbal${Date.now().toString(36)}`;
  const children: Child[] = [];
  try {
    // The rounds are opened by the bench through the stores (as the admin's 开始 would), on the service's campaign clock.
    const env = tenant.env(prefix, 0);
    const config = loadConfig(env);
    const lark = createLarkApi({ appId: env.LARK_APP_ID!, appSecret: env.LARK_APP_SECRET!, domain: tenant.fake.url });
    const campaign = await resolveCampaign(await loadCampaignFile(campaignPath), lark);
    const redis = createRedis(o.redisUrl, 'fast');
    await new Promise((r) => redis.once('ready', r));
    const deps = createDeps({
      config, log: createLogger('silent'), lark, campaign, redis, anonSecret: config.anonSecret!, now: clockFrom(Date.parse(CLOCK_START)),
    });
    const store = deps.ctx.store.evaluations;
    for (const v of voters) await recordP2pChat(deps.ctx, v, fakeP2pChatId(v));
    const roundIds: string[] = [];
    const pushes: PushRequest[][] = [];
    for (let r = 0; r < rounds; r++) {
      const now = deps.ctx.now();
      const round = defaultRound(campaign, {
        title: `bench ${r}`, kind: 'democratic', closesAt: now + 3_600_000, createdBy: 'ou_bench_admin', now,
        subjectKeys: ['team'], electorate: voters,
      });
      const audit = (action: string) => ({ at: now, actor: 'ou_bench_admin', action, detail: {} });
      await store.create(round, audit('evaluation.create'));
      await store.open(round.id, now, audit('evaluation.open'), (u) => eligibilityHmac(config.anonSecret!, round.id, u));
      const formValue = Object.fromEntries(cellsOf(round).map((c) => [`c${c.index}`, round.scale[c.index % round.scale.length]!.key]));
      roundIds.push(round.id);
      pushes.push(voters.map((v) => signPush(envelope('card.action.trigger', cardActionEvent({
        operatorOpenId: v, value: { v: 1, a: 'ev.vote', round: round.id, page: 0, prior: '' }, formValue,
        openChatId: fakeP2pChatId(v),
      }), BENCH_SECRETS, newEventId()), BENCH_SECRETS)));
    }

    const bare = await startBenchScript('bare Koa', 'bench/bare-koa.ts', await freePort(), {});
    children.push(bare);
    const web = await startRole(tenant, 'web', prefix);
    children.push(web);
    const worker = await startRole(tenant, 'worker', prefix);
    children.push(worker);
    const base: LoadResult[] = [];
    const ours: LoadResult[] = [];
    for (let r = 0; r < rounds; r++) {
      const pair = [
        async () => base.push(await runLoad(`${bare.url}/webhook/card`, pushes[r]!, { connections: 64, rate })),
        async () => ours.push(await runLoad(`${web.url}/webhook/card`, pushes[r]!, { connections: 64, rate })),
      ];
      for (const run of r % 2 === 0 ? pair : pair.reverse()) await run();
    }
    const counted: number[] = [];
    const registered: number[] = [];
    for (const id of roundIds) {
      const tallies = await store.tallies(id);
      counted.push(Object.values(tallies.ballots).reduce((a, b) => a + b, 0));
      registered.push((await store.turnout(id)).voted);
    }
    const rss = { web: web.rssMb().peak, worker: worker.rssMb().peak };
    await deps.close();
    const bareP99 = median(base.map((x) => x.p99));
    const oursP99 = median(ours.map((x) => x.p99));
    return {
      voters: n, rate, rounds, base, ours, counted, registered,
      exactlyOnce: counted.every((c) => c === n) && registered.every((c) => c === n),
      bareP99, oursP99, p99Ratio: oursP99 / bareP99, rssPeakMb: rss,
    };
  } finally {
    for (const c of children) await c.stop().catch(() => undefined);
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
