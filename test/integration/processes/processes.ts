import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { envelope, signPush, type PushSecrets } from '../../../src/local/lark-push.js';
import { post } from '../../helpers/http.js';

/**
 * The service as deployed, one role per child process: `node --import tsx src/main.ts web|worker` on the
 * environment given (the same Redis and fake Lark for all), its port read from its `started` log line.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServiceProcess {
  role: 'web' | 'worker';
  child: ChildProcess;
  /** The web role's origin (http://127.0.0.1:<port>); '' for a worker. */
  url: string;
  /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
  stop(): Promise<void>;
}

export async function startProcess(role: 'web' | 'worker', env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', role], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const port = await new Promise<number | undefined>((ready, fail) => {
    let buffered = '';
    const onData = (d: Buffer) => {
      buffered += d.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        const entry = parse(line);
        if (entry?.msg === 'started') {
          child.stdout!.off('data', onData);
          child.stdout!.resume();
          ready(typeof entry.port === 'number' ? entry.port : undefined);
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${role} process exited (${code}) before it started: ${stderr}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    role, child, url: port ? `http://127.0.0.1:${port}` : '',
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(force);
    },
  };
}

function parse(line: string): { msg?: string; port?: unknown } | undefined {
  try { return JSON.parse(line) as { msg?: string; port?: unknown }; } catch { return undefined; }
}

/** Signs, encrypts and POSTs one Lark push to a web process (the same `eventId` again: a re-push). */
export async function pushTo(
  url: string, secrets: PushSecrets, eventType: string, event: unknown, eventId: string,
): Promise<{ status: number; json: any }> {
  const p = signPush(envelope(eventType, event, secrets, eventId), secrets);
  const r = await post(`${url}/webhook/${eventType === 'card.action.trigger' ? 'card' : 'event'}`, p.body, p.headers);
  return { status: r.status, json: r.json };
}

/** Sum of one Prometheus counter (with a label filter) over what each web process's /metrics says. */
export async function scrapeSum(urls: string[], token: string, name: string, labels: string): Promise<number> {
  let sum = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    for (const line of text.split('\n')) {
      if (line.startsWith(`${name}{`) && line.includes(labels)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}
