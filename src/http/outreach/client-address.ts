import type { IncomingMessage } from 'node:http';

/**
 * The client's address, for the page's daily limits only (it is never stored, logged or counted as itself). The
 * socket's peer; behind our reverse proxy (TRUST_PROXY=1) the rightmost X-Forwarded-For entry, the one the proxy
 * appended: entries left of it are whatever the client sent. Koa's `ctx.ip` is not used (the app runs with
 * `proxy: true` for every route).
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  const socket = req.socket.remoteAddress ?? '';
  if (!trustProxy) return normalize(socket);
  const raw = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  return normalize(entries.at(-1) ?? socket);
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are one client; case does not matter in IPv6. */
function normalize(address: string): string {
  const a = address.toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}
