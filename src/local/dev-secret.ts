import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Development only: an ANON_SECRET kept under DATA_DIR so HMACs stay stable across restarts.
 * Production refuses to start without ANON_SECRET (src/config.ts).
 */
export async function devAnonSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, 'dev-anon-secret');
  try {
    const s = (await readFile(path, 'utf8')).trim();
    if (s.length >= 32) return s;
  } catch {
    // first run
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(path, secret + '\n', { mode: 0o600 });
  return secret;
}
