import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childProcessEnv } from '../../src/config.js';
import { freePort, redisAnswers } from '../../src/local/redis-server.js';

const run = promisify(execFile);

/**
 * Why a real Redis Cluster cannot be started here, or undefined when it can: redis-server and redis-cli
 * (`--cluster create`, Redis ≥ 5) on the PATH. Tests skip with this message.
 */
export function clusterUnsupported(): string | undefined {
  // Without libfaketime (test:any-day): redis-server's allocator hangs under it, even for --version.
  const opts = { encoding: 'utf8' as const, env: childProcessEnv(process.env), timeout: 10_000 };
  const server = spawnSync('redis-server', ['--version'], opts);
  if (server.status !== 0) return 'redis-server is not installed (apt-get install -y redis-server)';
  const cli = spawnSync('redis-cli', ['--cluster', 'help'], opts);
  if (cli.status !== 0 && !/create/.test(`${cli.stdout}${cli.stderr}`)) return 'this redis-cli has no --cluster create (Redis ≥ 5)';
  return undefined;
}

export interface ClusterNode {
  port: number;
  /** Kills the node at once (SIGKILL): a crashed master. */
  kill(): Promise<void>;
}

export interface TestCluster {
  nodes: ClusterNode[];
  /** `127.0.0.1:P1,127.0.0.1:P2,…` for REDIS_CLUSTER_NODES. */
  nodesEnv: string;
  /** A CLUSTER/INFO command on one node, by redis-cli; its output. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The port of the master that serves `key`'s slot now. */
  masterOf(key: string): Promise<number>;
  /** Resolves when every live node says cluster_state:ok and agrees on the masters; fails after `ms`. */
  settled(ms?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster on free loopback ports, data in a temp dir (AOF on, no RDB), built with `redis-cli --cluster create`:
 * `masters` masters (3 or more; 1 gives a one-node cluster holding every slot) and `replicas` replicas of each.
 * A short node timeout, so a killed master's replica takes over in a few seconds.
 */
export async function startRedisCluster(opts: { masters: number; replicas?: number }): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'mlb-cluster-'));
  const count = opts.masters * (1 + (opts.replicas ?? 0));
  const ports: number[] = [];
  const children = new Map<number, ChildProcess>();
  const env = childProcessEnv(process.env);
  while (ports.length < count) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  const killAll = () => { for (const c of children.values()) c.kill('SIGKILL'); };
  process.once('exit', () => { killAll(); rmSync(dir, { recursive: true, force: true }); });
  for (const port of ports) {
    mkdirSync(join(dir, String(port)));
    const child = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', join(dir, String(port)), '--appendonly', 'yes', '--save', '',
      '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes', '--repl-diskless-sync-delay', '0',
      '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '1500',
    ], { stdio: 'ignore', env });
    child.on('error', () => undefined);
    children.set(port, child);
  }
  for (const port of ports) {
    for (let i = 0; i < 100 && !(await redisAnswers('127.0.0.1', port, 200)); i++) await new Promise((r) => setTimeout(r, 50));
  }
  const cli = async (port: number, ...args: string[]) =>
    (await run('redis-cli', ['-p', String(port), ...args], { env, encoding: 'utf8' })).stdout;

  if (opts.masters === 1 && !opts.replicas) {
    await cli(ports[0], 'CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  } else {
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas', String(opts.replicas ?? 0), '--cluster-yes'], { env, encoding: 'utf8' });
  }
  const alive = () => ports.filter((p) => { const c = children.get(p)!; return c.exitCode === null && c.signalCode === null; });

  const cluster: TestCluster = {
    nodes: ports.map((port) => ({
      port,
      async kill() {
        const c = children.get(port)!;
        const gone = new Promise<void>((done) => c.once('exit', () => done()));
        c.kill('SIGKILL');
        await gone;
      },
    })),
    nodesEnv: ports.map((p) => `127.0.0.1:${p}`).join(','),
    cli,
    async masterOf(key) {
      const slot = (await cli(alive()[0], 'CLUSTER', 'KEYSLOT', key)).trim();
      // CLUSTER NODES: "<id> <ip:port@bus> <flags> <master> … <slot ranges>"
      const lines = (await cli(alive()[0], 'CLUSTER', 'NODES')).trim().split('\n');
      for (const line of lines) {
        const f = line.split(' ');
        if (!f[2].includes('master') || f[2].includes('fail')) continue;
        for (const range of f.slice(8)) {
          const [a, b] = range.split('-').map(Number);
          if (Number(slot) >= a && Number(slot) <= (b ?? a)) return Number(f[1].split(':')[1].split('@')[0]);
        }
      }
      throw new Error(`no master serves slot ${slot}`);
    },
    async settled(ms = 30_000) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const infos = await Promise.all(alive().map((p) => cli(p, 'CLUSTER', 'INFO').catch(() => '')));
        if (infos.every((i) => i.includes('cluster_state:ok'))) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`the cluster did not settle within ${ms} ms`);
    },
    async stop() {
      const exits = [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null)
        .map((c) => new Promise<void>((done) => { c.once('exit', () => done()); c.kill('SIGKILL'); }));
      await Promise.all(exits);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.settled();
  // `--cluster create` makes the replicas after the masters: wait until every replica follows its master.
  const want = opts.masters * (opts.replicas ?? 0);
  for (let i = 0; i < 150; i++) {
    const nodes = await cli(ports[0], 'CLUSTER', 'NODES');
    if ((nodes.match(/ slave /g) ?? []).length >= want) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // A replica that has not finished its first sync cannot take over (its data is "too old"): wait for every link.
  for (let i = 0; i < 300 && want > 0; i++) {
    const infos = await Promise.all(ports.map((p) => cli(p, 'INFO', 'replication')));
    if (infos.filter((x) => x.includes('master_link_status:up')).length >= want) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cluster;
}
