import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_PATH } from '../helpers/bot.js';

/** `npm start` (src/main.ts) as a child process with only the variables given (and PATH, HOME). */
function startMain(args: string[], env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => k === 'PATH' || k === 'HOME'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => { out.stdout += d; });
  child.stderr.on('data', (d) => { out.stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

const tenant = {
  LARK_APP_ID: 'cli_real', LARK_APP_SECRET: 'real-secret', LARK_ENCRYPT_KEY: 'real-encrypt', LARK_VERIFICATION_TOKEN: 'real-token',
  CAMPAIGN_CONFIG: CAMPAIGN_PATH, ANON_SECRET: 'a'.repeat(32), PORT: '0', HOST: '127.0.0.1',
  // Nothing answers here: a start that got past the checks could not reach anything.
  REDIS_URL: 'redis://127.0.0.1:1', LARK_DOMAIN: 'https://open.feishu.invalid',
};

/** The process refused: exit 1, one line on stderr naming the fix, no stack trace. */
async function expectRefusal(run: ReturnType<typeof startMain>, line: RegExp): Promise<void> {
  expect(await run.exited).toBe(1);
  const lines = run.out.stderr.trim().split('\n');
  expect(lines, run.out.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Cannot start: /);
  expect(lines[0]).toMatch(line);
  expect(run.out.stderr).not.toMatch(/\n\s+at /);
}

describe('real Lark credentials without NODE_ENV=production', () => {
  it('refuse to start with one clear line when NODE_ENV is unset', async () => {
    await expectRefusal(startMain([], tenant), /NODE_ENV: real Lark credentials .*ALLOW_DEVELOPMENT_WITH_LARK=1/);
  }, 30_000);

  it('start with ALLOW_DEVELOPMENT_WITH_LARK=1, which is logged as a warning', async () => {
    const run = startMain([], { ...tenant, ALLOW_DEVELOPMENT_WITH_LARK: '1' });
    try {
      const end = Date.now() + 20_000;
      while (!/ALLOW_DEVELOPMENT_WITH_LARK=1/.test(run.out.stdout) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      const warning = run.out.stdout.split('\n').find((l) => l.includes('ALLOW_DEVELOPMENT_WITH_LARK=1'));
      expect(JSON.parse(warning!)).toMatchObject({ level: 40, domain: 'https://open.feishu.invalid' });
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
    }
  }, 30_000);
});

describe('npm run playground', () => {
  it('refuses to start with NODE_ENV=production', async () => {
    const env = { ...tenant, NODE_ENV: 'production', METRICS_TOKEN: 'm'.repeat(16) };
    await expectRefusal(startMain(['playground'], env), /NODE_ENV: local mode and the playground do not run with NODE_ENV=production/);
  }, 30_000);

  it('refuses to start with Lark credentials set, even a fake tenant on loopback', async () => {
    const env = { ...tenant, NODE_ENV: 'development', LARK_DOMAIN: 'http://127.0.0.1:9' };
    await expectRefusal(startMain(['playground'], env), /LARK_APP_ID: local mode and the playground do not run with Lark credentials/);
    await expectRefusal(startMain(['playground'], { ...tenant, ALLOW_DEVELOPMENT_WITH_LARK: '1' }), /playground do not run with Lark/);
  }, 30_000);
});
