import { readFile } from 'node:fs/promises';
import type { Context } from 'koa';

const DIR = new URL('./static/', import.meta.url);
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
/** The page renders cards from data only: no inline script or style, nothing from elsewhere. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
  + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Serves src/local/playground/static/<file> (flat names only; no build step). The page gets this run's
 * token in its `playground-token` meta tag.
 */
export async function serveStatic(koaCtx: Context, file: string, token?: string): Promise<void> {
  const m = /^[a-z][a-z0-9-]*\.(html|js|css)$/.exec(file);
  if (!m) {
    koaCtx.status = 404;
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(new URL(file, DIR));
  } catch {
    koaCtx.status = 404;
    return;
  }
  koaCtx.set({ 'cache-control': token ? 'no-store' : 'no-cache', 'x-content-type-options': 'nosniff', 'content-security-policy': CSP });
  koaCtx.type = TYPES[m[1]];
  koaCtx.body = token ? body.toString('utf8').replace('<meta name="playground-token" content="">',
    `<meta name="playground-token" content="${token}">`) : body;
}
