import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { resolve } from 'node:path';

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

/** Where Debian, Homebrew and source installs put redis-server. */
function findRedisServer(): string | undefined {
  return ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/opt/homebrew/bin'].map((d) => `${d}/redis-server`).find((p) => existsSync(p));
}

/**
 * Starts a private redis-server on a free loopback port, stopped by `stop()`: local mode keeps its
 * data under `dir` with AOF on, like production; the test setup passes no dir (nothing on disk).
 */
export async function startLocalRedis(dir?: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = findRedisServer();
  if (!bin) throw new Error('no Redis answers at REDIS_URL and no redis-server is installed: apt-get install -y redis-server');
  const port = await freePort();
  const persistence = dir
    ? ['--dir', resolve(dir, 'redis'), '--appendonly', 'yes']
    : ['--appendonly', 'no'];
  if (dir) await mkdir(resolve(dir, 'redis'), { recursive: true });
  const child: ChildProcess = spawn(bin, [
    '--port', String(port), '--bind', '127.0.0.1', ...persistence,
    '--maxmemory-policy', 'noeviction', '--save', '', '--protected-mode', 'yes',
  ], { stdio: 'ignore' });
  child.on('error', () => undefined);
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers('127.0.0.1', port)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await redisAnswers('127.0.0.1', port))) {
    child.kill('SIGKILL');
    throw new Error(`redis-server (${bin}) did not start on port ${port}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => { child.kill('SIGKILL'); done(); }, 3000).unref();
    }),
  };
}
