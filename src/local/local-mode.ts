import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import { ConfigError, type Config, type LarkCredentials } from '../config.js';
import { loadCampaignFile, type Campaign, type Person } from '../campaign.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../log.js';
import type { Service } from '../server.js';
import { devAnonSecret } from './dev-secret.js';
import { startFakeLarkServer, type FakeLark, type FakeUser } from './fake-lark-server.js';
import { createPlayground } from './playground/playground.js';
import { localRedis } from './local-redis.js';

/** Local mode: everything a newcomer needs to see the bot work, with no Lark tenant. */
interface LocalMode {
  config: Config;
  lark: LarkCredentials;
  campaignPath: string;
  anonSecret: string;
  fake: FakeLark;
  /** The playground's per-run token (its page carries it; tests call the API with it). */
  playgroundToken: string;
  extendRoutes?: (router: Router, deps: Deps) => void;
  announce: (service: Service) => void;
  /** Ends the playground's live-update streams (before the service closes: an open tab never holds up a stop). */
  closeStreams: () => void;
  /** After the service has closed: the fake Lark, then the private redis-server if local mode started one. */
  close: () => Promise<void>;
}

export const LOCAL_BOT = { openId: 'ou_bot_local_playground', name: '群众路线助手' };

function exampleCampaignPath(): string {
  const cwd = resolve('campaign.example.json');
  return existsSync(cwd) ? cwd : fileURLToPath(new URL('../../campaign.example.json', import.meta.url));
}

/** Everyone the campaign file names by open_id, with a display name, for the fake directory. */
export function localDirectory(c: Campaign): FakeUser[] {
  const users = new Map<string, FakeUser>();
  const add = (p: Person, name?: string) => {
    if (!('openId' in p)) return;
    const prev = users.get(p.openId);
    const n = name ?? p.name ?? prev?.name ?? p.openId;
    users.set(p.openId, { openId: p.openId, name: prev && prev.name !== p.openId && !name ? prev.name : n });
  };
  for (const p of c.admins) add(p);
  add(c.topLeader);
  for (const l of c.leaders) add(l.person, l.name);
  for (const p of c.supervisors) add(p);
  for (const p of c.members.users) add(p);
  for (const g of c.raterGroups) for (const p of g.members.users) add(p);
  return [...users.values()];
}

/**
 * The playground has no login and plays every person: it never runs beside production settings or a
 * real tenant's credentials (a page left open could act for anyone in the campaign).
 */
export function refuseUnsafeLocalMode(config: Pick<Config, 'production' | 'lark'>): void {
  if (config.production) throw new ConfigError('NODE_ENV: local mode and the playground do not run with NODE_ENV=production');
  if (config.lark) {
    throw new ConfigError('LARK_APP_ID: local mode and the playground do not run with Lark credentials set (unset the LARK_* variables)');
  }
}

/** Local mode listens on loopback only, whatever HOST says: the playground answers to anyone who reaches it. */
const LOOPBACK = '127.0.0.1';

export async function prepareLocalMode(config: Config, log: Logger): Promise<LocalMode> {
  refuseUnsafeLocalMode(config);
  const campaignPath = config.campaignConfigPath ?? exampleCampaignPath();
  const campaign = await loadCampaignFile(campaignPath);

  const anonSecret = config.anonSecret ?? (await devAnonSecret(config.dataDir));
  const redis = await localRedis(config, log);
  const users = localDirectory(campaign);
  const creds: LarkCredentials = {
    appId: 'cli_local_playground',
    appSecret: randomBytes(16).toString('hex'),
    encryptKey: randomBytes(16).toString('hex'),
    verificationToken: randomBytes(16).toString('hex'),
    domain: '',
    mode: 'webhook',
  };
  const fake = await startFakeLarkServer({
    appId: creds.appId, appSecret: creds.appSecret, bot: LOCAL_BOT, users,
    chats: campaign.announceChatId
      ? [{ chatId: campaign.announceChatId, name: `${campaign.name} · 公示群`, members: users.map((x) => x.openId) }]
      : [],
  }).catch(async (e: unknown) => {
    await redis.stop();
    throw e;
  });
  creds.domain = fake.url;
  const playground = createPlayground({
    fake, secrets: { encryptKey: creds.encryptKey, verificationToken: creds.verificationToken, appId: creds.appId },
  });

  return {
    // Local mode runs on one node (its own, or REDIS_URL's) whatever REDIS_CLUSTER_NODES or REDIS_SENTINELS say.
    config: {
      ...config, host: LOOPBACK, redisUrl: redis.url, redis: { mode: 'single', url: redis.url }, redisPrefix: redis.prefix, lark: creds,
    },
    lark: creds,
    campaignPath,
    anonSecret,
    fake,
    playgroundToken: playground.token,
    extendRoutes: (router, deps) => playground.mount(router, deps),
    announce(service) {
      playground.attach(service.server);
      const page = `http://${LOOPBACK}:${service.port}/playground`;
      log.warn({ port: service.port, fakeLark: fake.url, campaign: campaignPath, playground: page },
        `LOCAL MODE (no Lark tenant configured): open ${page} to chat with the bot as anyone in the campaign; fake Lark at ${fake.url}`);
    },
    closeStreams: () => playground.closeStreams(),
    async close() {
      playground.closeStreams();
      await fake.close();
      await redis.stop();
    },
  };
}
