import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childProcessEnv } from '../../src/config.js';
import { freePort, redisAnswers } from '../../src/local/redis-server.js';

const run = promisify(execFile);

export interface TestSentinel {
  /** `127.0.0.1:P` for REDIS_SENTINELS. */
  sentinelsEnv: string;
  name: string;
  masterPort: number;
  replicaPort: number;
  /** The port of the master the sentinel names now. */
  master(): Promise<number>;
  /** Asks the sentinel for a failover now (the replica is promoted) and waits until it names the new master. */
  failover(): Promise<void>;
  stop(): Promise<void>;
}

/** A master, its replica and one sentinel watching them (quorum 1), on free loopback ports, data in a temp dir. */
export async function startRedisSentinel(): Promise<TestSentinel> {
  const dir = mkdtempSync(join(tmpdir(), 'mlb-sentinel-'));
  const env = childProcessEnv(process.env);
  const [masterPort, replicaPort, sentinelPort] = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  process.once('exit', () => { for (const c of children) c.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });
  const start = async (port: number, args: string[]) => {
    const child = spawn('redis-server', args, { stdio: 'ignore', env });
    child.on('error', () => undefined);
    children.push(child);
    for (let i = 0; i < 100 && !(await redisAnswers('127.0.0.1', port, 200)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const node = (port: number) => {
    mkdirSync(join(dir, String(port)));
    return ['--port', String(port), '--bind', '127.0.0.1', '--dir', join(dir, String(port)), '--appendonly', 'yes', '--save', '',
      '--maxmemory-policy', 'noeviction'];
  };
  await start(masterPort, node(masterPort));
  await start(replicaPort, [...node(replicaPort), '--replicaof', '127.0.0.1', String(masterPort)]);
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(conf, [
    `port ${sentinelPort}`, 'bind 127.0.0.1', `dir ${dir}`,
    `sentinel monitor mymaster 127.0.0.1 ${masterPort} 1`,
    'sentinel down-after-milliseconds mymaster 1000', 'sentinel failover-timeout mymaster 5000', '',
  ].join('\n'));
  await start(sentinelPort, [conf, '--sentinel']);
  const cli = async (...args: string[]) =>
    (await run('redis-cli', ['-p', String(sentinelPort), ...args], { env, encoding: 'utf8' })).stdout;
  const master = async () => Number((await cli('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')).trim().split('\n')[1]);
  // The replica has synced once the master reports it online.
  for (let i = 0; i < 100; i++) {
    const info = (await run('redis-cli', ['-p', String(masterPort), 'INFO', 'replication'], { env, encoding: 'utf8' })).stdout;
    if (/slave0:.*state=online/.test(info)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    sentinelsEnv: `127.0.0.1:${sentinelPort}`,
    name: 'mymaster',
    masterPort,
    replicaPort,
    master,
    async failover() {
      const before = await master();
      for (let i = 0; i < 50; i++) {
        // Refused ("INPROG", "NOGOODSLAVE") until the sentinel knows the replica: try again.
        if ((await cli('SENTINEL', 'FAILOVER', 'mymaster').catch(() => '')).startsWith('OK')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      for (let i = 0; i < 150 && (await master()) === before; i++) await new Promise((r) => setTimeout(r, 100));
    },
    async stop() {
      await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null)
        .map((c) => new Promise<void>((done) => { c.once('exit', () => done()); c.kill('SIGKILL'); })));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
