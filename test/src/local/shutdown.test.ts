import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { redisAnswers } from '../../../src/local/redis-server.js';
import { TEST_START_ISO } from '../../helpers/clock.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const hasRedisServer = ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/opt/homebrew/bin'].some((d) => existsSync(`${d}/redis-server`));
/** Generous: the process either exits on its own or is stopped by main.ts's forced exit (code 1) after 20 s. */
const EXIT_WAIT_MS = 60_000;

interface LogLine { msg?: string; playground?: string; redisUrl?: string }

/** `npm run playground` as a person runs it: REDIS_URL unset, its own process group (a terminal's Ctrl-C reaches the group). */
function startPlayground(dataDir: string) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, NODE_ENV: 'development', PORT: '0',
    DATA_DIR: dataDir, LOG_LEVEL: 'info', CLOCK_START: TEST_START_ISO,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'playground'], {
    cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as LogLine);
    } catch {
      lines.push({ msg: l });
    }
    for (const w of waiters.splice(0)) w();
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    exited,
    stderr: () => stderr,
    async line(pattern: RegExp): Promise<LogLine> {
      for (;;) {
        const hit = lines.find((l) => pattern.test(l.msg ?? ''));
        if (hit) return hit;
        if (child.exitCode !== null) throw new Error(`local mode exited (${child.exitCode}): ${stderr}`);
        await Promise.race([new Promise<void>((w) => waiters.push(w)), exited]);
      }
    },
  };
}

/**
 * Opens the event stream as the page does, over a kept-alive connection (fetch, like a browser: Node's
 * http.get would close an ended response's socket itself and hide a server that waits on it).
 */
async function openStream(url: string): Promise<{ res: Response; ended: Promise<'ended by the server' | 'cut'> }> {
  const res = await fetch(url);
  const reader = res.body!.getReader();
  await reader.read(); // its first bytes: the stream is open
  const ended = (async () => {
    try {
      while (!(await reader.read()).done);
      return 'ended by the server' as const;
    } catch {
      return 'cut' as const;
    }
  })();
  return { res, ended };
}

describe.skipIf(!hasRedisServer)('Ctrl-C in local mode', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';

  afterAll(async () => {
    if (child?.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stops at once with a playground tab open: the event stream is ended, the process exits 0, its redis-server stops', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-sigint-'));
    const pg = startPlayground(dataDir);
    child = pg.child;
    const redisUrl = (await pg.line(/its own redis-server at/)).redisUrl!;
    const page = (await pg.line(/^LOCAL MODE/)).playground!;
    const token = /<meta name="playground-token" content="([^"]+)">/.exec(await (await fetch(page)).text())?.[1];
    expect(token).toBeTruthy();

    const stream = await openStream(`${page}/api/stream?token=${token}`);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);

    process.kill(-child.pid!, 'SIGINT'); // what a terminal's Ctrl-C does: the whole foreground group
    const code = await Promise.race([pg.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), EXIT_WAIT_MS))]);
    // 0, not main.ts's forced exit (1): nothing held the shutdown up.
    expect(code, pg.stderr()).toBe(0);
    await expect(stream.ended).resolves.toBe('ended by the server');
    const port = Number(new URL(redisUrl).port);
    expect(await redisAnswers('127.0.0.1', port)).toBe(false);
    expect(existsSync(join(dataDir, 'redis', 'local-mode.pid'))).toBe(false);
  }, 120_000);
});
