import type { Queue } from 'bullmq';
import type { Context, Middleware, Next } from 'koa';
import { createBullBoard } from '@bull-board/api';
import { KoaAdapter } from '@bull-board/koa';
import { safeEqual } from '../../lark/verify.js';
import { BodyTooLarge, readRawBody } from '../raw-body.js';
import { ScrubbedQueueAdapter } from './adapter.js';
import { loginPage } from './login-page.js';
import { isValidSession, readSessionCookie, sessionCookie, sessionValue } from './session.js';

/** Where the queue dashboard lives (DESIGN §2.8). */
export const DASHBOARD_PATH = '/admin/queues';

export interface DashboardDeps {
  queues: Queue[];
  /** METRICS_TOKEN. Unset: the dashboard is off (404), unless `openOnLoopback`. */
  token: string | undefined;
  /** The clock the login's expiry is read on. */
  now: () => number;
  /** Local mode: without a token, served to loopback clients only. */
  openOnLoopback?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOGIN_BODY_BYTES = 4096;

/**
 * The queue dashboard (bull-board, read-only, jobs scrubbed) behind METRICS_TOKEN: `Authorization: Bearer
 * <token>`, or the login form at /admin/queues/login that sets a 30-minute cookie holding an HMAC of its
 * expiry. Only GET and HEAD reach the board. Built at the first request that gets through, not at start.
 */
export function createQueueDashboard(deps: DashboardDeps): Middleware {
  let board: Middleware | undefined;
  return async function queueDashboard(koaCtx: Context, next: Next): Promise<void> {
    const path = koaCtx.path;
    if (path !== DASHBOARD_PATH && !path.startsWith(`${DASHBOARD_PATH}/`)) return next();
    koaCtx.set('Cache-Control', 'no-store');
    if (!deps.token) {
      if (!deps.openOnLoopback || !LOOPBACK.has(koaCtx.req.socket.remoteAddress ?? '')) return answer(koaCtx, 404, 'not found');
    } else if (path === `${DASHBOARD_PATH}/login`) {
      return login(koaCtx, deps.token, deps.now());
    } else if (!isSignedIn(koaCtx, deps.token, deps.now())) {
      return refuse(koaCtx);
    }
    if (koaCtx.method !== 'GET' && koaCtx.method !== 'HEAD') return answer(koaCtx, 405, 'the queue dashboard is read-only');
    board ??= buildBoard(deps.queues);
    await board(koaCtx, next);
  };
}

function buildBoard(queues: Queue[]): Middleware {
  const serverAdapter = new KoaAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new ScrubbedQueueAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: '队列看板' } },
  });
  return serverAdapter.registerPlugin() as unknown as Middleware;
}

function isSignedIn(koaCtx: Context, token: string, now: number): boolean {
  const bearer = /^Bearer (.+)$/.exec(koaCtx.get('authorization'));
  if (bearer) return safeEqual(bearer[1], token);
  return isValidSession(readSessionCookie(koaCtx.get('cookie')), token, now);
}

/** 401: a browser gets the login form, anything else a JSON error. */
function refuse(koaCtx: Context): void {
  koaCtx.set('WWW-Authenticate', 'Bearer');
  if (koaCtx.accepts('json', 'html') === 'html') {
    koaCtx.status = 401;
    koaCtx.type = 'html';
    koaCtx.body = loginPage(`${DASHBOARD_PATH}/login`);
    return;
  }
  answer(koaCtx, 401, 'bearer token or login required');
}

async function login(koaCtx: Context, token: string, now: number): Promise<void> {
  const action = `${DASHBOARD_PATH}/login`;
  if (koaCtx.method === 'GET' || koaCtx.method === 'HEAD') {
    koaCtx.type = 'html';
    koaCtx.body = loginPage(action);
    return;
  }
  if (koaCtx.method !== 'POST') return answer(koaCtx, 405, 'GET or POST');
  let typed: string | null;
  try {
    typed = new URLSearchParams((await readRawBody(koaCtx.req, LOGIN_BODY_BYTES)).toString('utf8')).get('token');
  } catch (e) {
    if (e instanceof BodyTooLarge) return answer(koaCtx, 413, 'body too large');
    throw e;
  }
  if (!typed || !safeEqual(typed, token)) {
    koaCtx.status = 401;
    koaCtx.type = 'html';
    koaCtx.body = loginPage(action, { failed: true });
    return;
  }
  koaCtx.set('Set-Cookie', sessionCookie(sessionValue(token, now), { path: DASHBOARD_PATH, secure: koaCtx.secure }));
  koaCtx.status = 303;
  koaCtx.redirect(`${DASHBOARD_PATH}/`);
}

function answer(koaCtx: Context, status: number, error: string): void {
  koaCtx.status = status;
  koaCtx.body = { error };
}
