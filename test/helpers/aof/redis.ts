import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcessEnv } from '../../../src/config.js';
import { findRedisServer, freePort, redisAnswers } from '../../../src/local/redis-server.js';
import { readAof, writeUnits, type Command, type Unit } from './resp.js';

/**
 * A private redis-server whose write history the audit reads: AOF on, fsynced before every reply (so
 * the file is complete when a command's answer arrives), no RDB preamble (the base file stays RESP),
 * no snapshots and no automatic rewrite (a rewrite would fold the history the audit is about).
 */
export interface AofRedis {
  url: string;
  dir: string;
  /** Every command in the AOF so far. */
  commands(): Command[];
  /** The number of commands so far: a window mark. */
  mark(): number;
  units(): Unit[];
  stop(): Promise<void>;
}

const env = childProcessEnv(process.env);

function redisServer(): string {
  const bin = findRedisServer(env);
  if (!bin) throw new Error('the AOF audit needs redis-server installed: apt-get install -y redis-server');
  return bin;
}

export async function startAofRedis(): Promise<AofRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'mlb-aof-'));
  const port = await freePort();
  const child = spawn(redisServer(), [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--appendonly', 'yes', '--appendfsync', 'always', '--aof-use-rdb-preamble', 'no', '--save', '',
    '--auto-aof-rewrite-percentage', '0', '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes',
  ], { stdio: 'ignore', env });
  child.on('error', () => undefined);
  for (let i = 0; i < 50 && !(await redisAnswers('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await redisAnswers('127.0.0.1', port))) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the audit's redis-server did not start on port ${port}`);
  }
  const commands = () => readAof(dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    dir,
    commands,
    mark: () => commands().length,
    units: () => writeUnits(commands()),
    stop: () => new Promise<void>((done) => {
      const finish = () => {
        rmSync(dir, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null) return finish();
      const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(kill);
        finish();
      });
      child.kill('SIGTERM');
    }),
  };
}
