import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

/** PING over a raw socket: does a Redis answer at host:port? */
export function redisAnswers(host: string, port: number, ms = 500): Promise<boolean> {
  return new Promise((done) => {
    const sock = connect({ host, port });
    const finish = (ok: boolean) => { sock.destroy(); done(ok); };
    sock.setTimeout(ms, () => finish(false));
    sock.on('error', () => finish(false));
    sock.on('connect', () => sock.write('*1\r\n$4\r\nPING\r\n'));
    sock.on('data', (d) => finish(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH')));
  });
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/** redis-server on `env`'s PATH, or where Debian, Homebrew and source installs put it. */
export function findRedisServer(env: Record<string, string | undefined>): string | undefined {
  const path = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const dirs = [...path, '/usr/bin', '/usr/local/bin', '/usr/sbin', '/opt/homebrew/bin'];
  return dirs.map((d) => join(d, 'redis-server')).find((p) => existsSync(p));
}

/** A private redis-server could not be started; the message says why (and what to install). */
export class LocalRedisError extends Error {
  override name = 'LocalRedisError';
}

/**
 * Starts a private redis-server on a free loopback port, stopped by `stop()`: local mode keeps its
 * data under `dir` with AOF on, like production; the test setup passes no dir (nothing on disk).
 * `env` is the child's environment (Config.childEnv, or config.ts childProcessEnv of the test run's).
 */
export async function startLocalRedis(
  env: Record<string, string | undefined>, dir?: string,
): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const bin = findRedisServer(env);
  if (!bin) throw new LocalRedisError('redis-server is not installed (apt-get install -y redis-server, or brew install redis)');
  const port = await freePort();
  const persistence = dir
    ? ['--dir', resolve(dir, 'redis'), '--appendonly', 'yes']
    : ['--appendonly', 'no'];
  if (dir) await mkdir(resolve(dir, 'redis'), { recursive: true });
  const child: ChildProcess = spawn(bin, [
    '--port', String(port), '--bind', '127.0.0.1', ...persistence,
    '--maxmemory-policy', 'noeviction', '--save', '', '--protected-mode', 'yes',
  ], { stdio: ['ignore', 'pipe', 'ignore'], detached: dir !== undefined, env });
  // Local mode's in its own process group: a Ctrl-C in the terminal reaches only us, and we stop it after the
  // service has closed (its workers finish what they hold on a live Redis). The tests' stays in theirs, to go with them.
  let said = '';
  child.stdout?.on('data', (d: Buffer) => { said = (said + d.toString()).slice(-2000); });
  child.on('error', () => undefined);
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (let i = 0; i < 50 && child.exitCode === null; i++) {
    if (await redisAnswers('127.0.0.1', port)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await redisAnswers('127.0.0.1', port))) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3000).unref())]); // all it said is read
    const last = said.trim().split('\n').at(-1)?.replace(/^\d+:[A-Z] [^*#]*[*#] /, '');
    throw new LocalRedisError(`redis-server (${bin}) did not start on port ${port}${last ? `: ${last}` : ''}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((done) => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => { child.kill('SIGKILL'); done(); }, 3000).unref();
    }),
  };
}
