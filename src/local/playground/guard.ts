import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { AppError } from '../../errors.js';

/** The header the page sends its per-run token in (GET streams and file links send `?token=`). */
export const TOKEN_HEADER = 'x-playground-token';

/** A fresh token for one run of the playground: the page it serves carries it, nothing else does. */
export function newPlaygroundToken(): string {
  return randomBytes(24).toString('base64url');
}

const refuse = (status: 403 | 415, message: string) =>
  new AppError(status === 403 ? 'forbidden' : 'unsupported_media_type', message, status, true);

/** The names this server answers to: the loopback address it listens on, by number or as localhost, with its port. */
function ownHosts(koaCtx: Context): string[] {
  const port = koaCtx.req.socket.localPort;
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function sameToken(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses a request that did not come from the page this run served: a Host other than our own
 * loopback host:port (DNS rebinding), an Origin other than ours (another site driving the page's
 * endpoints), and, on the API, a missing or wrong token or a body that is not JSON.
 */
export function playgroundGuard(token: string, kind: 'page' | 'api') {
  return async function guardPlayground(koaCtx: Context, next: Next): Promise<void> {
    const hosts = ownHosts(koaCtx);
    const host = koaCtx.get('host').toLowerCase();
    if (!hosts.includes(host)) throw refuse(403, `Host must be ${hosts[0]} (the playground answers on loopback only)`);
    const origin = koaCtx.get('origin');
    if (origin && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) throw refuse(403, `Origin ${origin} is not this playground`);
    if (kind === 'api') {
      const given = koaCtx.get(TOKEN_HEADER) || koaCtx.query.token;
      if (!sameToken(given, token)) throw refuse(403, 'missing or wrong playground token (reload the page)');
      if (koaCtx.method === 'POST' && !koaCtx.is('application/json')) throw refuse(415, 'Content-Type must be application/json');
    }
    await next();
  };
}
