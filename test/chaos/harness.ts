import { fork, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { loadCampaignFile } from '../../src/campaign.js';
import { createLogger } from '../../src/log.js';
import { createLarkApi } from '../../src/lark/client.js';
import { startService, type ProcessRole, type Service } from '../../src/server.js';
import { envelope, signPush, type PushSecrets } from '../../src/local/lark-push.js';
import { startFakeLarkServer, type FakeLark, type FakeLarkOptions } from '../../src/local/fake-lark-server.js';
import { localDirectory, LOCAL_BOT } from '../../src/local/local-mode.js';
import { randomPrefix } from '../helpers/redis.js';
import { CAMPAIGN_PATH } from '../helpers/bot.js';
import { post } from '../helpers/http.js';
import type { Queues } from '../../src/queues.js';

/**
 * The chaos tests' service: the real startService (web, worker or both) on a private Redis, its Lark calls
 * going to the fake Lark server; the worker can also run as a child process (worker-child.ts) to be SIGKILLed.
 */

export const SECRETS: PushSecrets = { encryptKey: 'chaos-encrypt-key-0123456789', verificationToken: 'chaos-token', appId: 'cli_chaos' };

/** Fast enough for a test, within the fake Lark's limits (see fakeLark below). */
export const CHAOS_LIMITS = { apiPerSecond: 400, apiPerMinute: 60_000, backoffBaseMs: 50, backoffMaxMs: 400, reportDebounceMs: 300 };

export async function fakeLark(campaignPath = CAMPAIGN_PATH, opts: FakeLarkOptions = {}): Promise<FakeLark> {
  const users = localDirectory(await loadCampaignFile(campaignPath));
  return startFakeLarkServer({
    appId: 'cli_chaos', appSecret: 'chaos-secret', bot: LOCAL_BOT, users, apiPerSecond: 500, apiPerMinute: 100_000,
    chats: [{ chatId: 'oc_announce_board', name: '公示群', members: users.map((u) => u.openId) }],
    ...opts,
  });
}

/** The environment a service (in this process or a child) reads. */
export function chaosEnv(o: { redisUrl: string; prefix: string; fake: FakeLark; campaignPath?: string }): Record<string, string> {
  return {
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REDIS_URL: o.redisUrl, REDIS_PREFIX: o.prefix, LOG_LEVEL: 'info',
    LARK_APP_ID: 'cli_chaos', LARK_APP_SECRET: 'chaos-secret', LARK_ENCRYPT_KEY: SECRETS.encryptKey,
    LARK_VERIFICATION_TOKEN: SECRETS.verificationToken, LARK_DOMAIN: o.fake.url, CAMPAIGN_CONFIG: o.campaignPath ?? CAMPAIGN_PATH,
    ANON_SECRET: 'chaos-anon-secret-0123456789abcdef0123456789',
  };
}

export interface ChaosService {
  service: Service;
  url: string;
  logs: string[];
  /** Sign, encrypt and POST an event the way Lark does (same `eventId`: a re-push). */
  push(eventType: string, event: unknown, eventId?: string): Promise<{ status: number; json: any; ms: number }>;
  stop(): Promise<void>;
}

/** startService in this process; `larkTimeoutMs` shortens the Lark client's timeout (the fault test). */
export async function startChaosService(o: {
  env: Record<string, string>; role: ProcessRole; now: () => number; larkTimeoutMs?: number;
}): Promise<ChaosService> {
  const config = loadConfig(o.env);
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(...chunk.toString().split('\n').filter(Boolean)); cb(); } });
  const lark = config.lark!;
  const service = await startService({
    config, lark, role: o.role, log: createLogger('info', sink), campaignPath: config.campaignConfigPath!,
    anonSecret: config.anonSecret!, outboxLimits: CHAOS_LIMITS, now: o.now,
    larkApi: o.larkTimeoutMs
      ? createLarkApi({ appId: lark.appId, appSecret: lark.appSecret, domain: lark.domain }, { timeoutMs: o.larkTimeoutMs })
      : undefined,
  });
  const url = `http://127.0.0.1:${service.port ?? 0}`;
  return {
    service, url, logs,
    async push(eventType, event, eventId) {
      const p = signPush(envelope(eventType, event, SECRETS, eventId), SECRETS);
      const t0 = performance.now();
      const r = await post(`${url}/webhook/${eventType === 'card.action.trigger' ? 'card' : 'event'}`, p.body, p.headers);
      return { status: r.status, json: r.json, ms: performance.now() - t0 };
    },
    stop: () => service.close(),
  };
}

export interface WorkerChild {
  child: ChildProcess;
  /** Moves the child's campaign clock (it then runs on at real speed); resolves once the child has it. */
  setClock(ms: number): Promise<void>;
  /** SIGKILL: no graceful close, jobs in hand are left locked. */
  kill(): Promise<void>;
  /** SIGTERM: the service closes and the process exits. */
  stop(): Promise<void>;
}

/** Starts test/chaos/worker-child.ts (startService with role worker) and waits until its workers run. */
export async function spawnWorker(env: Record<string, string>, clock: number): Promise<WorkerChild> {
  const child = fork(new URL('./worker-child.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, CHAOS_CLOCK: String(clock), CHAOS_OUTBOX_LIMITS: JSON.stringify(CHAOS_LIMITS) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((ready, fail) => {
    child.on('message', (m: { ready?: boolean }) => { if (m.ready) ready(); });
    child.once('exit', (code) => fail(new Error(`worker child exited (${code}) before it was ready`)));
  });
  const exited = () => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
  return {
    child,
    setClock: (ms) => new Promise<void>((done) => {
      const ack = (m: { clockSet?: number }) => { if (m.clockSet === ms) { child.off('message', ack); done(); } };
      child.on('message', ack);
      child.send({ clock: ms });
    }),
    async kill() { const gone = exited(); child.kill('SIGKILL'); await gone; },
    async stop() { const gone = exited(); child.kill('SIGTERM'); await gone; },
  };
}

export { randomPrefix };

/** Polls `cond` until it holds, or fails after `ms` (a generous bound, never a timing assertion). */
export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Until inbound and outbox have nothing waiting, active or delayed (a retry), and `more` nothing waiting or active. */
export async function drained(svc: ChaosService, more: Exclude<keyof Queues, 'close'>[] = [], ms = 60_000): Promise<void> {
  const q = svc.service.deps.queues;
  await until(async () => {
    const counts = await Promise.all([
      ...[q.inbound, q.outbox].map((x) => x.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
      ...more.map((n) => q[n].getJobCounts('waiting', 'active', 'prioritized')),
    ]);
    return counts.every((c) => Object.values(c).every((n) => n === 0));
  }, ms, 'the queues to drain');
}
