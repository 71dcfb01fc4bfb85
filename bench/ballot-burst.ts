import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startService } from '../src/server.js';
import { cardActionEvent, envelope, signPush } from '../src/local/lark-push.js';
import { startFakeLarkServer } from '../src/local/fake-lark-server.js';
import { fakeP2pChatId } from '../src/local/fake-lark-state.js';
import { recordP2pChat } from '../handlers/personal-chat.js';
import { defaultRound } from '../src/domain/evaluations/round.js';
import { cellsOf } from '../src/domain/evaluations/ballot.js';
import { eligibilityHmac } from '../src/domain/evaluations/voter-hmacs.js';
import { createRedis } from '../src/store/redis.js';
import { deletePrefix } from './cleanup.js';
import { runLoad, type PushRequest } from './load.js';

/**
 * COMPONENT bench (the web role in this process; the deployed figures are bench/ballots.ts).
 * DESIGN §4 ballot burst: 1,000 distinct voters submit within one second through the signed card
 * callback route; every ballot must be counted exactly once, and the p99 answer is reported as a
 * ratio to a bare Koa endpoint under the same load (target ≤ 3).
 */

const load = (url: string, requests: PushRequest[], connections: number, rate = 0) => runLoad(url, requests, { connections, rate });

export async function benchBallotBurst(opts: { redisUrl: string; voters?: number }) {
  const n = opts.voters ?? 1000;
  const voters = Array.from({ length: n }, (_, i) => `ou_bench_voter_${i}`);
  const dir = mkdtempSync(join(tmpdir(), 'mlb-bench-'));
  const campaignPath = join(dir, 'campaign.json');
  writeFileSync(campaignPath, JSON.stringify({
    name: 'bench', admins: [{ openId: 'ou_bench_admin' }], topLeader: { openId: 'ou_bench_admin' },
    members: { users: voters.map((openId) => ({ openId })), chats: [] },
  }));
  const secrets = { encryptKey: 'bench-ballot-key', verificationToken: 'bench-ballot-token' };
  const fake = await startFakeLarkServer({ appId: 'cli_bench', appSecret: 'secret' });
  const prefix = `benchev${Date.now().toString(36)}`;
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REDIS_URL: opts.redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent',
    LARK_APP_ID: 'cli_bench', LARK_APP_SECRET: 'secret',
    LARK_ENCRYPT_KEY: secrets.encryptKey, LARK_VERIFICATION_TOKEN: secrets.verificationToken,
    LARK_DOMAIN: fake.url, CAMPAIGN_CONFIG: campaignPath, ANON_SECRET: 'b'.repeat(40),
  });
  const service = await startService({
    config, lark: config.lark!, role: 'web', log: createLogger('silent'), campaignPath, anonSecret: config.anonSecret!,
  });
  const store = service.deps.ctx.store.evaluations;
  const now = Date.now();
  const round = defaultRound(service.deps.campaign, {
    title: 'bench', kind: 'democratic', closesAt: now + 3_600_000, createdBy: 'ou_bench_admin', now,
    subjectKeys: ['team'], electorate: voters,
  });
  await store.create(round, { at: now, actor: 'ou_bench_admin', action: 'evaluation.create', detail: {} });
  await store.open(round.id, now, { at: now, actor: 'ou_bench_admin', action: 'evaluation.open', detail: {} },
    (u) => eligibilityHmac(config.anonSecret!, round.id, u));
  // Opening a round sends each voter their ballot, and that send tells us each voter's p2p chat with the bot
  // (handlers/personal-chat.ts). The bench skips the sends, so it records what they would have taught.
  for (const v of voters) await recordP2pChat(service.deps.ctx, v, fakeP2pChatId(v));
  const formValue = Object.fromEntries(cellsOf(round).map((c) => [`c${c.index}`, round.scale[c.index % round.scale.length].key]));
  const requests = voters.map((v) => signPush(envelope('card.action.trigger', cardActionEvent({
    operatorOpenId: v, value: { v: 1, a: 'ev.vote', round: round.id, page: 0, prior: '' }, formValue,
  }), secrets), secrets));

  const bare = new Koa();
  const r = new Router();
  r.post('/webhook/card', (ctx) => { ctx.body = { toast: { type: 'success', content: 'ok' } }; });
  bare.use(r.routes());
  const bareServer = createServer(bare.callback());
  await new Promise<void>((res) => bareServer.listen(0, '127.0.0.1', res));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}/webhook/card`;

  const base = await load(bareUrl, requests, 200, n);
  const ours = await load(`http://127.0.0.1:${service.port}/webhook/card`, requests, 200, n);
  const turnout = await store.turnout(round.id);
  const tallies = await store.tallies(round.id);
  const ballots = Object.values(tallies.ballots).reduce((a, b) => a + b, 0);

  bareServer.close();
  await service.close();
  await fake.close();
  const redis = createRedis(opts.redisUrl, 'store');
  await deletePrefix(redis, prefix);
  redis.disconnect();
  return { base, ours, turnout, ballots, p99Ratio: ours.p99 / base.p99 };
}
