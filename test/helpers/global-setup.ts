import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

/** Answers PING on host:port within `ms`? (raw RESP, no client library needed) */
function ping(host: string, port: number, ms = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(ms, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('*1\r\n$4\r\nPING\r\n'));
    sock.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let child: ChildProcess | undefined;

/** Uses Redis at REDIS_URL (default 127.0.0.1:6379); where none answers, starts a private redis-server. */
export default async function setup(project: TestProject) {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (await ping(url.hostname, Number(url.port || 6379))) {
    project.provide('redisUrl', url.toString());
    return;
  }
  const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p)) ?? 'redis-server';
  const port = await freePort();
  child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  child.on('error', () => undefined);
  for (let i = 0; i < 50 && !(await ping('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await ping('127.0.0.1', port))) {
    throw new Error(`No Redis at ${url} and no redis-server could be started: apt-get update && apt-get install -y redis-server`);
  }
  const privateUrl = `redis://127.0.0.1:${port}`;
  process.env.REDIS_URL = privateUrl;
  project.provide('redisUrl', privateUrl);
  return () => { child?.kill('SIGTERM'); };
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
