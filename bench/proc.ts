import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The bench's child processes: the service started as deployed (`npm start -- web` / `-- worker`), the bare Koa
 * baseline and the SDK-README reference bot, each in its own process group, each with its RSS sampled from
 * /proc/<pid>/status (the node process that runs the code, not npm or tsx's launcher above it).
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** The deepest descendant of `root` whose command line names `script` (npm → sh → tsx → node src/main.ts). */
function findScriptPid(root: number, script: string): number | undefined {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  let best: { pid: number; depth: number } | undefined;
  for (const pid of parent.keys()) {
    let depth = 0;
    let p: number | undefined = pid;
    while (p !== undefined && p !== root && p > 1) { p = parent.get(p); depth++; }
    if (p !== root && pid !== root) continue;
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (!cmd.includes(script)) continue;
    if (!best || depth > best.depth) best = { pid, depth };
  }
  return best?.pid;
}

export interface Child {
  name: string;
  url: string;
  /** The node process that runs the code (RSS is read from it). */
  pid: number;
  /** Peak VmRSS seen by the 100 ms sampler, and the kernel's high-water mark, in MB. */
  rssMb: () => { current: number; peak: number; hwm: number; samples: number };
  stop: () => Promise<void>;
}

interface StartOpts {
  name: string;
  /** `['npm', 'start', '--', 'web']`, or a node script under bench/ run through tsx. */
  command: string[];
  script: string;
  env: Record<string, string>;
  port: number;
  /** A GET answering 200 once it is up; or, without one (the worker role serves no HTTP), a stdout line. */
  health: string | { stdout: string };
  /** Working directory (default: this checkout; the bench's "before" tree is another). */
  cwd?: string;
  timeoutMs?: number;
}

export async function startChild(o: StartOpts): Promise<Child> {
  const child: ChildProcess = spawn(o.command[0]!, o.command.slice(1), {
    cwd: o.cwd ?? ROOT, detached: true,
    stdio: ['ignore', typeof o.health === 'string' ? 'ignore' : 'pipe', 'pipe'], env: { ...process.env, ...o.env },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-3000); });
  const url = `http://127.0.0.1:${o.port}`;
  let seen = false;
  if (typeof o.health !== 'string') {
    const want = o.health.stdout;
    let tail = '';
    child.stdout!.on('data', (d: Buffer) => { tail = (tail + d.toString()).slice(-4000); if (tail.includes(want)) seen = true; });
  }
  const health = o.health;
  const up = () => (typeof health === 'string' ? fetch(`${url}${health}`).then((r) => r.ok, () => false) : Promise.resolve(seen));
  const stopGroup = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    const force = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
    await exited;
    clearTimeout(force);
  };
  const end = Date.now() + (o.timeoutMs ?? 60_000);
  for (;;) {
    if (await up()) break;
    if (Date.now() > end || child.exitCode !== null) {
      await stopGroup();
      throw new Error(`${o.name} did not start: ${stderr}`);
    }
    await sleep(200);
  }
  const pid = findScriptPid(child.pid!, o.script) ?? child.pid!;
  let peak = 0;
  let samples = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, statusKb(pid, 'VmRSS')); samples++; }, 100);
  let hwmAtStop = 0;
  return {
    name: o.name, url, pid,
    rssMb: () => ({
      current: statusKb(pid, 'VmRSS') / 1024, peak: peak / 1024, hwm: Math.max(hwmAtStop, statusKb(pid, 'VmHWM')) / 1024, samples,
    }),
    stop: async () => {
      clearInterval(sampler);
      hwmAtStop = statusKb(pid, 'VmHWM');
      peak = Math.max(peak, statusKb(pid, 'VmRSS'));
      await stopGroup();
    },
  };
}

/** A bench script (bench/*.ts) in its own process, through the same tsx loader the service runs on. */
export function startBenchScript(name: string, script: string, port: number, env: Record<string, string>): Promise<Child> {
  return startChild({
    name, command: [process.execPath, '--import', 'tsx', script], script, port, health: '/healthz', env: { ...env, PORT: String(port) },
  });
}
