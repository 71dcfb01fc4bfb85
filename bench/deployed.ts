import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCampaignFile } from '../src/campaign.js';
import { startFakeLarkServer, type FakeLark } from '../src/local/fake-lark-server.js';
import { localDirectory, LOCAL_BOT } from '../src/local/local-mode.js';
import { createRedis } from '../src/store/redis.js';
import { deletePrefix } from './cleanup.js';
import { freePort, ROOT, startChild, type Child } from './proc.js';

/**
 * A fake tenant for the deployed service: the fake Lark server on loopback (in the bench process), the env
 * `npm start` reads (LARK_* pointing at it, REDIS_URL, a bench REDIS_PREFIX, CAMPAIGN_CONFIG, a pinned CLOCK_START).
 */
export const BENCH_SECRETS = { encryptKey: 'bench-encrypt-key-0123456789abcdef', verificationToken: 'bench-verification-token' };
export const CLOCK_START = '2027-03-02T10:00:00+08:00';
const APP = { id: 'cli_bench', secret: 'bench-app-secret' };

export interface Tenant {
  fake: FakeLark;
  campaignPath: string;
  env: (prefix: string, port: number) => Record<string, string>;
  close: () => Promise<void>;
}

export async function startTenant(redisUrl: string, campaignPath = `${ROOT}campaign.example.json`, users?: string[]): Promise<Tenant> {
  const campaign = await loadCampaignFile(campaignPath);
  const directory = localDirectory(campaign);
  const fake = await startFakeLarkServer({
    appId: APP.id, appSecret: APP.secret, bot: LOCAL_BOT,
    users: users ? [...directory, ...users.map((openId) => ({ openId, name: openId }))] : directory,
  });
  const prefixes: string[] = [];
  return {
    fake, campaignPath,
    env: (prefix, port) => {
      prefixes.push(prefix);
      return {
        NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redisUrl, REDIS_PREFIX: prefix,
        LARK_APP_ID: APP.id, LARK_APP_SECRET: APP.secret, LARK_ENCRYPT_KEY: BENCH_SECRETS.encryptKey,
        LARK_VERIFICATION_TOKEN: BENCH_SECRETS.verificationToken, LARK_DOMAIN: fake.url, CAMPAIGN_CONFIG: campaignPath,
        ANON_SECRET: 'bench-anon-secret-0123456789abcdef0123456789', CLOCK_START, LOG_LEVEL: 'info',
      };
    },
    close: async () => {
      await fake.close();
      const redis = createRedis(redisUrl, 'store');
      for (const p of prefixes) await deletePrefix(redis, p).catch(() => undefined);
      redis.disconnect();
    },
  };
}

/**
 * `npm start -- <role>` (tsx src/main.ts <role>) in `cwd`, as deployed. `profileDir`: node itself with tsx's loader and
 * `--cpu-prof` (what tsx runs, minus its launcher: node refuses --cpu-prof in NODE_OPTIONS).
 */
export async function startRole(
  tenant: Tenant, role: 'web' | 'worker', prefix: string, o: { name?: string; cwd?: string; profileDir?: string } = {},
): Promise<Child> {
  const port = await freePort();
  const command = o.profileDir
    ? [process.execPath, '--cpu-prof', `--cpu-prof-dir=${o.profileDir}`, '--import', 'tsx', 'src/main.ts', role]
    : ['npm', 'start', '--silent', '--', role];
  return startChild({
    name: o.name ?? role, command, script: 'src/main.ts', port,
    // The worker role serves no HTTP: it is up when it logs "started".
    health: role === 'web' ? '/healthz' : { stdout: '"msg":"started"' }, cwd: o.cwd,
    env: tenant.env(prefix, port),
  });
}

/**
 * The code of an earlier commit (`git archive`, node_modules linked), for a before/after pair in one run.
 * Returns its directory and a remover.
 */
export function checkoutTree(ref: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlb-before-'));
  execSync(`git archive ${ref} | tar -x -C ${dir}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
