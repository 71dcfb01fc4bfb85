import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading Redis's append-only file: the RESP commands it holds, in order, grouped into write units (a
 * command on its own, or a whole MULTI … EXEC block: what a Lua script or a transaction wrote at once).
 */

export type Command = string[];

/** One write unit: `first` is the index of its first command in the whole file (MULTI's, for a block). */
export interface Unit {
  first: number;
  commands: Command[];
}

/** Parses RESP arrays of bulk strings (the AOF format); a torn last command (still being written) is left out. */
export function parseResp(buf: Buffer): Command[] {
  const out: Command[] = [];
  let at = 0;
  const line = (): string | undefined => {
    const end = buf.indexOf('\r\n', at);
    if (end < 0) return undefined;
    const s = buf.toString('latin1', at, end);
    at = end + 2;
    return s;
  };
  while (at < buf.length) {
    const start = at;
    const head = line();
    if (head === undefined || head[0] !== '*') {
      if (head === undefined) break;
      throw new Error(`AOF: expected an array at byte ${start}, found ${JSON.stringify(head.slice(0, 20))}`);
    }
    const n = Number(head.slice(1));
    const cmd: Command = [];
    for (let i = 0; i < n; i++) {
      const len = line();
      if (len === undefined || at + Number(len.slice(1)) + 2 > buf.length) return out;
      const size = Number(len.slice(1));
      cmd.push(buf.toString('utf8', at, at + size));
      at += size + 2;
    }
    out.push(cmd);
  }
  return out;
}

/**
 * Every command of the AOF under `dir`: Redis 7's `appenddirname` folder (its manifest lists the base file
 * first, then the incr files by sequence), or a single pre-7 `appendonly.aof`.
 */
export function readAof(dir: string, folder = 'appendonlydir', file = 'appendonly.aof'): Command[] {
  const single = join(dir, file);
  const aofDir = join(dir, folder);
  if (!existsSync(aofDir)) return existsSync(single) ? parseResp(readFileSync(single)) : [];
  const manifest = readFileSync(join(aofDir, `${file}.manifest`), 'utf8');
  const files = manifest.split('\n').filter(Boolean).map((l) => {
    const f = Object.fromEntries(l.trim().split(/\s+/).reduce<[string, string][]>((acc, w, i, all) => {
      if (i % 2 === 0) acc.push([w, all[i + 1]]);
      return acc;
    }, []));
    return { name: f.file, seq: Number(f.seq), type: f.type };
  }).filter((f) => f.type === 'b' || f.type === 'i');
  files.sort((a, b) => (a.type === b.type ? a.seq - b.seq : a.type === 'b' ? -1 : 1));
  return files.flatMap((f) => parseResp(readFileSync(join(aofDir, f.name))));
}

/** Groups commands into write units; SELECT (bookkeeping, not data) is left out. */
export function writeUnits(commands: Command[]): Unit[] {
  const units: Unit[] = [];
  let open: Unit | undefined;
  commands.forEach((cmd, i) => {
    const name = cmd[0]?.toUpperCase();
    if (name === 'MULTI') {
      open = { first: i, commands: [] };
    } else if (name === 'EXEC') {
      if (open) units.push(open);
      open = undefined;
    } else if (open) {
      open.commands.push(cmd);
    } else if (name !== 'SELECT') {
      units.push({ first: i, commands: [cmd] });
    }
  });
  return units;
}
