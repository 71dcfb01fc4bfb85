import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcessEnv } from '../../src/config.js';
import { freePort, redisAnswers } from '../../src/local/redis-server.js';

/**
 * A redis-server of the test's own, on a free loopback port with its data in a temp dir (AOF on, fsync on
 * every write), so a test can stop it, pause it or kill it, and start it again on the same port and data.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** SHUTDOWN-like stop (SIGTERM: the AOF is flushed); resolves when the process has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir; resolves when it answers PING. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs with its connections open (no refusal, no answer). */
  pause(): void;
  resume(): void;
  /** Stops and deletes the data dir. */
  destroy(): Promise<void>;
}

async function answers(port: number, want: boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await redisAnswers('127.0.0.1', port, 200)) === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server on port ${port} did not ${want ? 'start' : 'stop'}`);
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'mlb-chaos-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const exited = () => new Promise<void>((done) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
  const r: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always',
        '--maxmemory-policy', 'noeviction', '--save', '', '--protected-mode', 'yes',
      ], { stdio: 'ignore', env: childProcessEnv(process.env) });
      child.on('error', () => undefined);
      // A test that fails or times out must not leave a redis-server (perhaps a paused one) behind.
      const spawned = child;
      process.once('exit', () => { spawned.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });
      await answers(port, true);
    },
    async stop() {
      const gone = exited();
      child?.kill('SIGTERM');
      await gone;
      await answers(port, false);
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async destroy() {
      r.resume();
      await r.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}
