import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './proc.js';

export interface LoadResult {
  ok: number; failed: number; seconds: number; perSecond: number; p50: number; p90: number; p99: number; max: number;
}

export interface PushRequest { body: string; headers: Record<string, string> }

/**
 * Runs bench/load.mjs in a process of its own against `url`: autocannon as fast as `connections` allow, or evenly
 * spaced sends at a fixed overall `rate` per second (autocannon's own rate limit bursts at each second's start).
 * Each request of the list is sent once.
 */
export async function runLoad(url: string, requests: PushRequest[], opts: { connections: number; rate?: number }): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mlb-load-'));
  const file = join(dir, 'job.json');
  writeFileSync(file, JSON.stringify({ url, requests, connections: opts.connections, rate: opts.rate ?? 0 }));
  try {
    const child = spawn(process.execPath, [join(ROOT, 'bench/load.mjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-2000); });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    const line = out.trim().split('\n').pop() ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`load generator failed (${code}): ${line} ${err}`);
    return JSON.parse(line) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
