import type { Context, Next } from 'koa';
import type { Logger } from '../log.js';
import { AppError } from '../errors.js';

/** First middleware: maps errors to a status and a short JSON body; never leaks a stack trace. */
export function errorMiddleware(log: Logger) {
  return async function handleErrors(koaCtx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (e) {
      const status = e instanceof AppError ? e.status : 500;
      const expose = e instanceof AppError && e.expose;
      log.error({
        err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e), path: loggedPath(koaCtx.path), status,
      }, 'request failed');
      koaCtx.status = status;
      koaCtx.body = { error: expose ? (e as Error).message : status === 503 ? 'temporarily unavailable' : 'internal error' };
    }
  };
}

/** The outreach page's paths carry a link's secret token: logged as `/o/…` only. */
const loggedPath = (path: string) => (path === '/o' || path.startsWith('/o/') ? '/o/…' : path);
