import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { prepareLocalMode } from '../../../src/local/local-mode.js';
import { localPrefix } from '../../../src/local/local-redis.js';
import { redisAnswers } from '../../../src/local/redis-server.js';
import { startService } from '../../../src/server.js';
import { testClock } from '../../helpers/clock.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';

const hasRedisServer = ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/opt/homebrew/bin'].some((d) => existsSync(`${d}/redis-server`));

function capture() {
  const logs: string[] = [];
  const log = createLogger('warn', new Writable({
    write(chunk, _e, cb) { logs.push(...chunk.toString().split('\n').filter(Boolean)); cb(); },
  }));
  return { logs, log };
}

/** Every TCP port this process connects to (or tries to) while `ports` is listened to. */
function watchConnections() {
  const ports: number[] = [];
  const onSocket = (m: unknown) => {
    const socket = (m as { socket: Socket }).socket;
    socket.once('connect', () => ports.push(socket.remotePort ?? -1));
    socket.once('error', (e: NodeJS.ErrnoException & { port?: number }) => ports.push(e.port ?? -1));
  };
  subscribe('net.client.socket', onSocket);
  return { ports, stop: () => unsubscribe('net.client.socket', onSocket) };
}

describe.skipIf(!hasRedisServer)('local mode without REDIS_URL: its own redis-server under DATA_DIR', () => {
  let dataDir: string;
  const marker = `mlb:local-mode-marker:${randomPrefix()}`;
  const machine = new URL(testRedisUrl());

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-redis-'));
    const r = new Redis(testRedisUrl());
    await r.set(marker, 'the machine Redis, default prefix', 'EX', 600);
    r.disconnect();
  });
  afterAll(async () => {
    const r = new Redis(testRedisUrl());
    await r.del(marker);
    r.disconnect();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('never connects to 127.0.0.1:6379 (nor the machine Redis), says which Redis it uses, and stops it with itself', async () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(config.redisUrlSet).toBe(false);
    const { logs, log } = capture();
    const seen = watchConnections();
    let privatePort = 0;
    try {
      const local = await prepareLocalMode(config, log);
      const url = new URL(local.config.redisUrl);
      privatePort = Number(url.port);
      expect(url.hostname).toBe('127.0.0.1');
      expect(privatePort).not.toBe(6379);
      expect(privatePort).not.toBe(Number(machine.port || 6379));
      expect(local.config.redisPrefix).toBe('mlb');
      expect(logs.join('\n')).toContain(`its own redis-server at ${local.config.redisUrl} (data in ${join(dataDir, 'redis')})`);
      expect(existsSync(join(dataDir, 'redis', 'local-mode.pid'))).toBe(true);

      const service = await startService({
        config: local.config, lark: local.lark, role: 'all', log, campaignPath: local.campaignPath,
        anonSecret: local.anonSecret, extendRoutes: local.extendRoutes, now: testClock(),
      });
      local.announce(service);
      // Its data is its own: the service wrote under `mlb:` there, and the machine's marker is not to be seen.
      const own = new Redis(local.config.redisUrl);
      expect((await own.keys('mlb:*')).length).toBeGreaterThan(0);
      expect(await own.exists(marker)).toBe(0);
      own.disconnect();
      await service.close();
      await local.close();
    } finally {
      seen.stop();
    }
    expect(seen.ports).toContain(privatePort);
    expect(seen.ports).not.toContain(6379);
    expect(seen.ports).not.toContain(Number(machine.port || 6379));
    expect(await redisAnswers('127.0.0.1', privatePort)).toBe(false);
    expect(existsSync(join(dataDir, 'redis', 'local-mode.pid'))).toBe(false);
    const r = new Redis(testRedisUrl());
    await expect(r.get(marker)).resolves.toBe('the machine Redis, default prefix');
    r.disconnect();
  }, 60_000);

  it('refuses a second local mode on the same DATA_DIR (one append-only file, one redis-server)', async () => {
    await writeFile(join(dataDir, 'redis', 'local-mode.pid'), String(process.pid));
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    await expect(prepareLocalMode(config, capture().log)).rejects.toThrow(/^DATA_DIR: another local mode \(pid \d+\) is using/);
    await rm(join(dataDir, 'redis', 'local-mode.pid'));
  });

  it('takes over the lock a stopped local mode left behind', async () => {
    await writeFile(join(dataDir, 'redis', 'local-mode.pid'), '999999999');
    const local = await prepareLocalMode(loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir }), capture().log);
    await local.close();
    expect(existsSync(join(dataDir, 'redis', 'local-mode.pid'))).toBe(false);
  }, 30_000);

  it('says in one line why its redis-server did not start, and what to do (never falling back to another Redis)', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'local-redis-broken-'));
    await mkdir(join(broken, 'redis', 'appendonlydir'), { recursive: true });
    await writeFile(join(broken, 'redis', 'appendonlydir', 'appendonly.aof.manifest'), 'not a manifest\n');
    const seen = watchConnections();
    try {
      const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: broken });
      const err = await prepareLocalMode(config, capture().log).then(() => undefined, (e: unknown) => e as Error);
      expect(err).toBeInstanceOf(ConfigError);
      expect(err?.message).toMatch(/^REDIS_URL: unset, so local mode starts its own redis-server under .*did not start on port \d+: /);
      expect(err?.message).toContain('Invalid AOF manifest file format');
      expect(err?.message).toContain('or set REDIS_URL');
      expect(err?.message).not.toContain('\n');
    } finally {
      seen.stop();
      await rm(broken, { recursive: true, force: true });
    }
    expect(seen.ports).not.toContain(6379);
  }, 30_000);
});

describe('local mode with REDIS_URL set', () => {
  it('uses that Redis under a `-local` prefix, apart from the production keys, and says so', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-redis-'));
    const prefix = randomPrefix();
    const { logs, log } = capture();
    const local = await prepareLocalMode(loadConfig({
      NODE_ENV: 'test', PORT: '0', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, DATA_DIR: dataDir,
    }), log);
    try {
      expect(local.config.redisUrl).toBe(testRedisUrl());
      expect(local.config.redisPrefix).toBe(`${prefix}-local`);
      expect(logs.join('\n')).toContain(`keys under ${prefix}-local: (not ${prefix}:)`);
      expect(localPrefix('mlb')).toBe('mlb-local');
      expect(localPrefix('mlb-local')).toBe('mlb-local');
    } finally {
      await local.close();
      await deletePrefix(testRedisUrl(), `${prefix}-local`);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
