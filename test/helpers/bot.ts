import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { loadCampaignFile } from '../../src/campaign.js';
import { createLogger } from '../../src/log.js';
import { startService, type Service } from '../../src/server.js';
import { cardActionEvent, envelope, fileMessageEvent, signPush, type PushSecrets } from '../../src/local/lark-push.js';
import { startFakeLarkServer, type FakeLark, type FakeLarkOptions } from '../../src/local/fake-lark-server.js';
import { localDirectory, LOCAL_BOT } from '../../src/local/local-mode.js';
import { deletePrefix, randomPrefix, testRedisUrl } from './redis.js';
import { testClock } from './clock.js';
import { post } from './http.js';

export const CAMPAIGN_PATH = new URL('../../campaign.example.json', import.meta.url).pathname;

/** The example campaign file, parsed afresh (a test changes its copy, then writes it with campaignFile). */
export const exampleCampaign = () => JSON.parse(readFileSync(CAMPAIGN_PATH, 'utf8'));

/** Writes a test's campaign file into a temporary folder; its path, for startTestBot({ campaignPath }). */
export function campaignFile(campaign: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mlb-campaign-')), 'campaign.json');
  writeFileSync(path, JSON.stringify(campaign));
  return path;
}

export interface TestBot {
  url: string;
  fake: FakeLark;
  service: Service;
  secrets: PushSecrets;
  prefix: string;
  /** Every log line the service wrote. */
  logs: string[];
  /** Sign, encrypt and POST an event the way Lark does. */
  push(eventType: string, event: unknown, opts?: { eventId?: string; route?: 'event' | 'card' }): Promise<{ status: number; json: any }>;
  /**
   * A signed card click by `openId` (action value `{ v: 1, ...value }`), answered with the callback's JSON. It comes
   * from the clicker's p2p chat with the bot (`fake.state.p2pChatId`) unless `opts.chatId` names another chat.
   */
  click(openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>, opts?: { chatId?: string }): Promise<any>;
  /**
   * `openId` sends a file into their p2p chat with the bot: the file is stored on the fake (served as the message's
   * resource) and the signed, encrypted im.message.receive_v1 file message pushed. Answers the push and the message.
   */
  sendFile(openId: string, file: { name: string; bytes: Buffer }): Promise<{ status: number; messageId: string; fileKey: string }>;
  /** Wait until `cond` holds (polling), or fail after `ms`. */
  until(cond: () => boolean | Promise<boolean>, ms?: number, what?: string): Promise<void>;
  /** Wait until both queues are idle. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The fake Lark server of a test bot: the campaign's people, the 公示群 and one branch group. */
async function startTestLark(campaignPath: string, fakeOpts?: FakeLarkOptions): Promise<FakeLark> {
  const campaign = await loadCampaignFile(campaignPath);
  return startFakeLarkServer({
    appId: 'cli_test', appSecret: 'test-secret', bot: LOCAL_BOT, users: localDirectory(campaign),
    chats: [{ chatId: 'oc_announce_board', name: '公示群', members: localDirectory(campaign).map((u) => u.openId) },
            { chatId: 'oc_group_1', name: '机关支部群', members: ['ou_member_01', 'ou_member_02', 'ou_admin_liu'] }],
    ...fakeOpts,
  });
}

/**
 * The whole service (web + workers) on real Redis, its Lark calls going to a fake Lark server. Its campaign
 * clock is `now`, or one that starts at TEST_START: never the machine's date.
 */
export async function startTestBot(opts: {
  fake?: FakeLarkOptions; env?: Record<string, string>; outboxLimits?: Record<string, number>; campaignPath?: string; now?: () => number;
  /** A fake Lark server to talk to instead of a new one (kept running when this bot stops). */
  lark?: FakeLark;
} = {}): Promise<TestBot> {
  const campaignPath = opts.campaignPath ?? CAMPAIGN_PATH;
  const secrets: PushSecrets = { encryptKey: 'it-encrypt-key-0123456789', verificationToken: 'it-verification-token', appId: 'cli_test' };
  const fake = opts.lark ?? await startTestLark(campaignPath, opts.fake);
  const prefix = randomPrefix();
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'debug',
    LARK_APP_ID: 'cli_test', LARK_APP_SECRET: 'test-secret', LARK_ENCRYPT_KEY: secrets.encryptKey,
    LARK_VERIFICATION_TOKEN: secrets.verificationToken, LARK_DOMAIN: fake.url, CAMPAIGN_CONFIG: campaignPath,
    ANON_SECRET: 'test-anon-secret-0123456789abcdef0123456789', ...opts.env,
  });
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(...chunk.toString().split('\n').filter(Boolean)); cb(); } });
  const log = createLogger('debug', sink);
  const service = await startService({
    config, lark: config.lark!, role: 'all', log, campaignPath, anonSecret: config.anonSecret!,
    outboxLimits: opts.outboxLimits, now: opts.now ?? testClock(),
  });
  const url = `http://127.0.0.1:${service.port}`;

  const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition') => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await cond()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const push: TestBot['push'] = async (eventType, event, o = {}) => {
    const p = signPush(envelope(eventType, event, secrets, o.eventId), secrets);
    const r = await post(`${url}/webhook/${o.route ?? (eventType === 'card.action.trigger' ? 'card' : 'event')}`, p.body, p.headers);
    return { status: r.status, json: r.json };
  };

  return {
    url, fake, service, secrets, prefix, logs, until,
    push,
    async click(openId, value, formValue, o = {}) {
      const openChatId = o.chatId ?? fake.state.p2pChatId(openId);
      const event = cardActionEvent({ operatorOpenId: openId, value: { v: 1, ...value }, formValue, openChatId });
      return (await push('card.action.trigger', event)).json;
    },
    async sendFile(openId, file) {
      const chatId = fake.state.p2pChatId(openId);
      const m = fake.recordUserFile({ chatId, senderOpenId: openId, fileName: file.name, data: file.bytes });
      const fileKey = (m.content as { file_key: string }).file_key;
      const event = fileMessageEvent({
        senderOpenId: openId, chatId, chatType: 'p2p', fileKey, fileName: file.name, messageId: m.messageId,
      });
      const r = await push('im.message.receive_v1', event);
      return { status: r.status, messageId: m.messageId, fileKey };
    },
    async idle() {
      const q = service.deps.queues;
      await until(async () => {
        const counts = await Promise.all(
          [q.inbound, q.outbox, q.export].map((x) => x.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
        );
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      }, 20_000, 'queues to drain');
    },
    async stop() {
      await service.close();
      if (!opts.lark) await fake.close();
      await deletePrefix(testRedisUrl(), prefix);
    },
  };
}

/**
 * Services started one after another on one Redis prefix, so a restart finds the data the previous one left
 * (a worker restart, as deployed), all on the test's clock `now`. `stopAll` stops them and deletes the prefix.
 */
export function restartingBots(opts: { now: () => number; campaignPath?: string; sameLark?: boolean }) {
  const prefix = randomPrefix();
  const bots: TestBot[] = [];
  // With `sameLark`, one fake Lark server outlives the restarts (as Lark does: messages and files sent before stay).
  let lark: FakeLark | undefined;
  return {
    bots,
    async start(): Promise<TestBot> {
      if (opts.sameLark) lark ??= await startTestLark(opts.campaignPath ?? CAMPAIGN_PATH);
      const b = await startTestBot({
        campaignPath: opts.campaignPath, now: opts.now, env: { REDIS_PREFIX: prefix }, ...(lark ? { lark } : {}),
      });
      bots.push(b);
      return b;
    },
    async stopAll(): Promise<void> {
      for (const b of bots) await b.stop().catch(() => undefined);
      await lark?.close().catch(() => undefined);
      await deletePrefix(testRedisUrl(), prefix);
    },
  };
}
