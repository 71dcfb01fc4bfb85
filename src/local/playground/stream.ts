import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import type { FakeLark, FakeMessage } from '../fake-lark-server.js';
import { messageView } from './views.js';

const PING_EVERY_MS = 15_000;
const CHECK_EVERY_MS = 500;

/** The open event streams: `closeAll` ends them at shutdown, so an open tab never holds up a stop. */
export interface Streams {
  route: (koaCtx: Context) => void;
  closeAll: () => void;
}

/**
 * GET /playground/api/stream: server-sent events `message`, `patch` and `urgent`, each carrying the
 * message as the page shows it. Each stream is sent with `Connection: close`, so its end closes the
 * connection (a kept-alive idle socket would hold up the server's close); they end on `closeAll`, or
 * when the server stops listening.
 */
export function eventStreams(fake: FakeLark, server: () => Server | undefined): Streams {
  const open = new Set<PassThrough>();
  function playgroundStream(koaCtx: Context): void {
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
      open.delete(out);
      fake.off('message', onMessage);
      fake.off('patch', onPatch);
      fake.off('urgent', onUrgent);
    };
    open.add(out);
    out.on('close', stop);
    out.on('end', stop);
    // The response's close is the client going away (a request's close fires once its body is read).
    koaCtx.res.on('close', () => { stop(); out.end(); });
    koaCtx.req.socket.setTimeout(0);
    koaCtx.set({ 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'close' });
    koaCtx.type = 'text/event-stream';
    koaCtx.body = out;
    out.write('retry: 1000\n\n');
  }
  return {
    route: playgroundStream,
    closeAll() {
      for (const out of [...open]) out.end();
    },
  };
}
