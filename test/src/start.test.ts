import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { QUEUE } from '../../src/queues.js';
import { createKeys } from '../../src/store/keys.js';
import { StartError, startService, type StartOptions } from '../../src/server.js';
import { createWsInvoker } from '../../src/lark/ws.js';
import { dispatchInbound, type PipelineDeps } from '../../src/pipeline.js';
import { createInboundSink } from '../../src/store/inbound.js';
import { answerCard } from '../../handlers/index.js';
import { envelope, messageEvent, cardActionEvent } from '../../src/local/lark-push.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';
import { CAMPAIGN_PATH, startTestBot } from '../helpers/bot.js';
import { TEST_START_ISO, testClock } from '../helpers/clock.js';

const prefixes: string[] = [];
afterAll(async () => { for (const p of prefixes) await deletePrefix(testRedisUrl(), p); });

/** startService's options for `config` (the web role unless told). */
function startOptions(config: Config, extra: Partial<StartOptions> = {}): StartOptions {
  return {
    config, lark: config.lark!, role: 'web', log: createLogger('silent'), campaignPath: CAMPAIGN_PATH,
    anonSecret: config.anonSecret!, now: testClock(), ...extra,
  };
}

function prodConfig(extra: Record<string, string> = {}) {
  const prefix = randomPrefix();
  prefixes.push(prefix);
  return loadConfig({
    NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix,
    LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k', LARK_VERIFICATION_TOKEN: 't', LARK_DOMAIN: 'http://127.0.0.1:9',
    CAMPAIGN_CONFIG: CAMPAIGN_PATH, ANON_SECRET: 'a'.repeat(32), METRICS_TOKEN: 'm'.repeat(16), ...extra,
  });
}

describe('production start checks', () => {
  it('refuses a Redis without AOF and noeviction, with a clear line (the test Redis runs without AOF)', async () => {
    const config = prodConfig();
    await expect(startService(startOptions(config))).rejects.toThrow(StartError);
    await expect(startService(startOptions(config))).rejects.toThrow(/appendonly/);
  });

  it('starts with the explicit override, and /metrics then wants the bearer token', async () => {
    const config = prodConfig({ REDIS_SKIP_CONFIG_CHECK: '1' });
    const s = await startService(startOptions(config));
    try {
      const url = `http://127.0.0.1:${s.port}`;
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-000000' } })).status).toBe(401);
      const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${'m'.repeat(16)}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('mlb_events_in_total');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('refuses to start when Redis does not answer', async () => {
    const config = prodConfig({ REDIS_URL: 'redis://127.0.0.1:1' });
    await expect(startService(startOptions(config, { anonSecret: 'x'.repeat(32), now: undefined }))).rejects.toThrow(/REDIS_URL/);
  }, 15_000);
});

describe('startup tasks', () => {
  it('a scheduler that cannot be set up stops the start with one line naming it', async () => {
    const config = prodConfig({ REDIS_SKIP_CONFIG_CHECK: '1' });
    // The study queue's scheduler set holds a string: BullMQ's upsert of the weekly scheduler meets WRONGTYPE.
    const redis = new Redis(testRedisUrl());
    await redis.set(`${createKeys(config.redisPrefix).bullPrefix}:${QUEUE.study}:repeat`, 'not a sorted set');
    redis.disconnect();
    const failure = await startService(startOptions(config, { role: 'worker' }))
      .then(async (s) => { await s.close(); return undefined; }, (e: unknown) => e);
    expect(failure).toBeInstanceOf(StartError);
    expect((failure as Error).message).toMatch(/^study: could not set up the weekly schedule \(.*WRONGTYPE[^\n]*\)$/);
  });
});

describe('LARK_MODE=ws', () => {
  it('feeds the same pipeline as the webhook, the way WSClient invokes its dispatcher', async () => {
    const bot = await startTestBot();
    try {
      const deps = bot.service.deps;
      const pipeline: PipelineDeps = {
        inbound: createInboundSink(deps.queues.inbound, deps.redis), onCard: (e) => answerCard(e, deps.ctx),
        metrics: deps.metrics, log: deps.log,
      };
      const secrets = bot.secrets as { encryptKey: string; verificationToken: string };
      const invoker = createWsInvoker(secrets, (e) => dispatchInbound(e, pipeline), deps.log);
      // WSClient hands over the plaintext envelope, unsigned (the connection is authenticated).
      const help = messageEvent({ senderOpenId: 'ou_member_01', chatId: 'oc_ws_p2p', chatType: 'p2p', text: '帮助' });
      const msg = envelope('im.message.receive_v1', help, bot.secrets);
      expect(await invoker.invoke(msg)).toEqual({});
      expect(await invoker.invoke(msg)).toEqual({});
      const click = cardActionEvent({ operatorOpenId: 'ou_member_01', value: { v: 1, a: 'help' } });
      const card = await invoker.invoke(envelope('card.action.trigger', click, bot.secrets));
      expect(card).toMatchObject({ toast: { type: 'success' } });
      expect(await invoker.invoke(envelope('im.message.receive_v1', help, { ...bot.secrets, verificationToken: 'WRONG' }))).toEqual({});
      await bot.idle();
      expect(bot.fake.messagesTo('oc_ws_p2p')).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });
});

describe('npm start with no configuration at all', () => {
  it('starts local mode, answers /healthz, and shuts down cleanly on SIGTERM', async () => {
    const prefix = randomPrefix();
    prefixes.push(prefix);
    const inherited = Object.entries(process.env).filter(([k]) => !k.startsWith('LARK_') && k !== 'CAMPAIGN_CONFIG' && k !== 'NODE_ENV');
    const env = { ...Object.fromEntries(inherited),
      PORT: '0', HOST: '127.0.0.1', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, CLOCK_START: TEST_START_ISO };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!/LOCAL MODE/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/LOCAL MODE/);
    const port = Number(/"port":(\d+)/.exec(out)![1]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/shutting down/);
  }, 40_000);
});
