import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { LocalRedisError, startLocalRedis } from './redis-server.js';

/** The Redis local mode runs on, and how to let go of it. */
export interface LocalRedis {
  url: string;
  prefix: string;
  /** Stops the private redis-server (when local mode started one) and frees DATA_DIR. */
  stop: () => Promise<void>;
}

/** Local mode's keys on a Redis it shares (REDIS_URL set): `<REDIS_PREFIX>-local`, never the production prefix. */
export function localPrefix(prefix: string): string {
  return prefix.endsWith('-local') ? prefix : `${prefix}-local`;
}

const hidePassword = (url: string) => url.replace(/\/\/[^@]*@/, '//***@');

/**
 * Local mode's own data. REDIS_URL set: that Redis, under a `-local` prefix. Unset: a private
 * redis-server under DATA_DIR on a free loopback port (never whatever answers on 6379), stopped
 * with the process; if none can be started, a ConfigError saying what to install or set.
 */
export async function localRedis(config: Config, log: Logger): Promise<LocalRedis> {
  if (config.redisUrlSet) {
    const prefix = localPrefix(config.redisPrefix);
    log.warn({ redisUrl: hidePassword(config.redisUrl), prefix },
      `local mode: Redis at ${hidePassword(config.redisUrl)} (REDIS_URL), keys under ${prefix}: (not ${config.redisPrefix}:)`);
    return { url: config.redisUrl, prefix, stop: async () => undefined };
  }
  const dir = resolve(config.dataDir, 'redis');
  const unlock = await lockDataDir(dir);
  try {
    const server = await startLocalRedis(config.childEnv, config.dataDir);
    log.warn({ redisUrl: server.url, dataDir: dir, prefix: config.redisPrefix },
      `local mode: its own redis-server at ${server.url} (data in ${dir}), stopped when local mode stops; `
        + 'set REDIS_URL to use another Redis');
    return { url: server.url, prefix: config.redisPrefix, stop: async () => { await server.stop(); await unlock(); } };
  } catch (e) {
    await unlock();
    if (!(e instanceof LocalRedisError)) throw e;
    throw new ConfigError(`REDIS_URL: unset, so local mode starts its own redis-server under ${dir}, but ${e.message}; `
      + 'or set REDIS_URL to a Redis it may use');
  }
}

/** One local mode per DATA_DIR: two redis-servers on one append-only file would corrupt it. */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'local-mode.pid');
  const unlock = () => rm(file, { force: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return unlock;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new ConfigError(`DATA_DIR: another local mode (pid ${pid}) is using ${dir}; stop it, or give this one its own DATA_DIR`);
    }
    await unlock(); // left by a process that is gone
  }
  throw new ConfigError(`DATA_DIR: cannot take ${file} (another local mode starting at the same time?)`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
