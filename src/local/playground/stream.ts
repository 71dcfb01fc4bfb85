import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import type { FakeLark, FakeMessage } from '../fake-lark-server.js';
import { messageView } from './views.js';

const PING_EVERY_MS = 15_000;
const CHECK_EVERY_MS = 500;

/**
 * GET /playground/api/stream: server-sent events `message`, `patch` and `urgent`, each carrying the
 * message as the page shows it. A stream ends when the server stops listening, so it never holds
 * up a shutdown.
 */
export function streamRoute(fake: FakeLark, server: () => Server | undefined) {
  return function playgroundStream(koaCtx: Context): void {
    const out = new PassThrough();
    const write = (event: string, data: unknown) => out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onMessage = (m: FakeMessage) => write('message', messageView(m, fake));
    const onPatch = (m: FakeMessage) => write('patch', messageView(m, fake));
    const onUrgent = (m: FakeMessage) => write('urgent', messageView(m, fake));
    fake.on('message', onMessage);
    fake.on('patch', onPatch);
    fake.on('urgent', onUrgent);
    let idle = 0;
    const timer = setInterval(() => {
      if (server()?.listening === false) return out.end();
      idle += CHECK_EVERY_MS;
      if (idle >= PING_EVERY_MS) {
        idle = 0;
        out.write(': ping\n\n');
      }
    }, CHECK_EVERY_MS);
    const stop = () => {
      clearInterval(timer);
      fake.off('message', onMessage);
      fake.off('patch', onPatch);
      fake.off('urgent', onUrgent);
    };
    out.on('close', stop);
    // The response's close is the client going away (a request's close fires once its body is read).
    koaCtx.res.on('close', () => { stop(); out.end(); });
    koaCtx.req.socket.setTimeout(0);
    koaCtx.set({ 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    koaCtx.type = 'text/event-stream';
    koaCtx.body = out;
    out.write('retry: 1000\n\n');
  };
}
