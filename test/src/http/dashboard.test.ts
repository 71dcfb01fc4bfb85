import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { buildApp } from '../../../src/app.js';
import { createQueueDashboard, DASHBOARD_PATH } from '../../../src/http/dashboard/dashboard.js';
import { createLogger } from '../../../src/log.js';
import { createMetrics } from '../../../src/metrics.js';
import { createQueues, QUEUE, type Queues } from '../../../src/queues.js';
import { createInboundSink } from '../../../src/store/inbound.js';
import { createKeys } from '../../../src/store/keys.js';
import { createRedis } from '../../../src/store/redis.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';
import { serve } from '../../helpers/http.js';

/**
 * The queue dashboard: behind METRICS_TOKEN (bearer, or a login that sets a 30-minute cookie read on the injected
 * clock), read-only, and what it shows of a job never carries what a person wrote, who they are, or a receipt code.
 */
const url = testRedisUrl();
const prefix = randomPrefix();
const keys = createKeys(prefix);
const TOKEN = 'dashboard-token-0123456789abcdef';
const START = Date.parse('2027-03-01T09:00:00+08:00');
let clock = START;
let redis: Redis;
let queues: Queues;
type Served = Awaited<ReturnType<typeof serve>>;
const servers: Served[] = [];
let app: Served;

// What an anonymous opinion's flow carries: the writer, the words and the receipt code.
const WRITER = 'ou_writer_anon_77';
const WORDS = '食堂饭菜太咸希望改进';
const CODE = 'K7Q2M9XA';

function serveWith(token: string | undefined, openOnLoopback = false): Promise<Served> {
  const all = (Object.keys(QUEUE) as (keyof typeof QUEUE)[]).map((k) => queues[k]);
  const dashboard = createQueueDashboard({ queues: all, token, now: () => clock, openOnLoopback });
  const ops = {
    metrics: createMetrics(), metricsToken: token, health: async () => ({ redis: true, queues: true }),
    collectQueueDepths: async () => undefined,
  };
  return serve(buildApp({ log: createLogger('silent'), webhook: undefined, ops, dashboard })).then((s) => { servers.push(s); return s; });
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { headers: { accept: 'application/json', ...headers }, redirect: 'manual' });
const bearer = { authorization: `Bearer ${TOKEN}` };
const login = (token: string, headers: Record<string, string> = {}) => fetch(`${app.url}${DASHBOARD_PATH}/login`, {
  method: 'POST', body: new URLSearchParams({ token }).toString(), redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
});
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

beforeAll(async () => {
  redis = createRedis(url, 'fast');
  await new Promise((r) => redis.once('ready', r));
  queues = createQueues(redis, keys.bullPrefix);
  app = await serveWith(TOKEN);
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await queues.close();
  redis.disconnect();
  await deletePrefix(url, prefix);
});

describe('the queue dashboard: who may see it', () => {
  it('is off (404) without METRICS_TOKEN; local mode serves it on loopback', async () => {
    const off = await serveWith(undefined);
    expect((await fetch(`${off.url}${DASHBOARD_PATH}/api/queues`)).status).toBe(404);
    const local = await serveWith(undefined, true);
    expect((await fetch(`${local.url}${DASHBOARD_PATH}/api/queues`)).status).toBe(200);
  });

  it('answers 401 without the token (a browser gets the login form), 200 with the bearer', async () => {
    const none = await get(`${DASHBOARD_PATH}/api/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const browser = await get(`${DASHBOARD_PATH}/`, { accept: 'text/html' });
    expect(browser.status).toBe(401);
    expect(await browser.text()).toContain('<form method="post" action="/admin/queues/login">');
    expect((await get(`${DASHBOARD_PATH}/api/queues`, { authorization: 'Bearer not-the-token-at-all' })).status).toBe(401);
    const ok = await get(`${DASHBOARD_PATH}/api/queues`, bearer);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { queues: { name: string; readOnlyMode: boolean; allowRetries: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUE).sort());
    expect(body.queues.every((q) => q.readOnlyMode && !q.allowRetries)).toBe(true);
    expect((await get(`${DASHBOARD_PATH}/`, { ...bearer, accept: 'text/html' })).status).toBe(200);
    // Other paths are not the dashboard's.
    expect((await get('/admin/queuesX', bearer)).status).toBe(404);
  });

  it('the login form sets a 30-minute cookie holding no token; it works, then expires on the clock', async () => {
    clock = START;
    const wrong = await login('not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const res = await login(TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${DASHBOARD_PATH}/`);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/; Path=\/admin\/queues; Max-Age=1800; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = cookieOf(res);
    expect((await get(`${DASHBOARD_PATH}/api/queues`, { cookie })).status).toBe(200);
    clock = START + 29 * 60_000;
    expect((await get(`${DASHBOARD_PATH}/api/queues`, { cookie })).status).toBe(200);
    clock = START + 30 * 60_000;
    expect((await get(`${DASHBOARD_PATH}/api/queues`, { cookie })).status).toBe(401);
    clock = START;
  });

  it('is Secure behind https, and refuses a forged or stretched cookie', async () => {
    clock = START;
    const behindTls = await login(TOKEN, { 'x-forwarded-proto': 'https' });
    expect(behindTls.headers.get('set-cookie')).toMatch(/; Secure$/);
    const [name, value] = cookieOf(await login(TOKEN)).split('=');
    const [exp, sig] = value.split('.');
    const refused = [
      `${name}=${Number(exp) + 60_000}.${sig}`,
      `${name}=${exp}.${'A'.repeat(32)}`,
      `${name}=${Number(exp) + 86_400_000}.${sig}`,
      `${name}=${TOKEN}`,
      `${name}=`,
    ];
    for (const cookie of refused) expect((await get(`${DASHBOARD_PATH}/api/queues`, { cookie })).status, cookie).toBe(401);
  });

  it('is read-only: no retry, clean, remove, pause or add, whoever asks', async () => {
    for (const path of ['/api/queues/inbound/retry/failed', '/api/queues/outbox/clean/completed', '/api/queues/pause',
      '/api/queues/inbound/add', '/api/queues/inbound/ev-x/remove-unprocessed-children']) {
      const res = await fetch(`${app.url}${DASHBOARD_PATH}${path}`, { method: 'POST', headers: bearer, body: '{}' });
      expect(res.status, path).toBe(405);
    }
    expect((await fetch(`${app.url}${DASHBOARD_PATH}/api/queues/inbound/empty`, { method: 'PUT', headers: bearer })).status).toBe(405);
  });
});

describe('the queue dashboard: what it shows of a job', () => {
  it('an inbound event and an opinion\'s jobs show no text, open_id or code, in any listing or view', async () => {
    const sink = createInboundSink(queues.inbound, redis);
    await sink.enqueue({
      type: 'message', eventId: 'ev-opinion-1', messageId: 'om_msg_1', chatId: `oc_p2p_${WRITER}`, chatType: 'p2p',
      senderOpenId: WRITER, messageType: 'text', text: `意见 ${WORDS}`, mentions: [],
    });
    await sink.enqueue({ type: 'menu', eventId: 'ev-menu-1', operatorOpenId: WRITER, eventKey: 'opinion' });
    // A handler that fails with the words in its message: the job, waiting for its retry, keeps its raw data.
    const worker = new Worker(QUEUE.inbound, async () => { throw new Error(`cannot file ${WORDS} for ${WRITER}`); },
      { connection: createRedis(url, 'blocking'), prefix: keys.bullPrefix });
    await new Promise<void>((done) => { let n = 0; worker.on('failed', () => { if (++n === 2) done(); }); });
    await worker.close();
    await sink.enqueue({ type: 'menu', eventId: 'ev-menu-2', operatorOpenId: WRITER, eventKey: 'opinion' });
    const card = { schema: '2.0', body: { elements: [{ tag: 'markdown', content: `${WORDS} 回执码 ${CODE}` }] } };
    await queues.outbox.add('send', {
      kind: 'send', key: `opinion-receipt:${WRITER}`, to: { openId: WRITER }, body: { type: 'card', card },
    }, { jobId: 'send-digest-1' });
    await queues.export.add('opinion-export', { kind: 'opinion-export', format: 'xlsx', requester: 'ou_admin_liu', requestId: 'ev-x1' },
      { jobId: 'export-ev-x1', deduplication: { id: 'export-xlsx-ou_admin_liu' } });

    const bodies: string[] = [];
    const read = async (path: string) => {
      const res = await get(`${DASHBOARD_PATH}${path}`, bearer);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      bodies.push(text);
      return JSON.parse(text);
    };
    const retrying = await read('/api/queues?activeQueue=inbound&status=delayed');
    const inbound = retrying.queues.find((q: { name: string }) => q.name === 'inbound');
    expect(inbound.jobs.map((j: { data: unknown }) => j.data)).toEqual(expect.arrayContaining([{ type: 'message' }, { type: 'menu' }]));
    expect(inbound.jobs[0].failedReason).toBe('failed (the reason is in the service log)');
    await read('/api/queues?activeQueue=inbound&status=latest');
    await read('/api/queues?activeQueue=inbound&status=waiting');
    const outbox = (await read('/api/queues?activeQueue=outbox&status=waiting')).queues.find((q: { name: string }) => q.name === 'outbox');
    expect(outbox.jobs[0].data).toEqual({ kind: 'send' });
    const exp = (await read('/api/queues?activeQueue=export&status=latest')).queues.find((q: { name: string }) => q.name === 'export');
    expect(exp.jobs[0].data).toEqual({ kind: 'opinion-export', format: 'xlsx' });
    for (const path of ['/api/queues/inbound/ev-opinion-1', '/api/queues/inbound/ev-menu-2', '/api/queues/outbox/send-digest-1',
      '/api/queues/export/export-ev-x1', '/api/queues/inbound/ev-opinion-1/logs', '/api/job-schedulers']) await read(path);

    const all = bodies.join('\n');
    for (const secret of [WRITER, 'ou_admin_liu', WORDS, '意见', CODE, 'om_msg_1', 'oc_p2p']) expect(all, secret).not.toContain(secret);
    // The words are still in Redis (nothing was changed): only the view is scrubbed.
    expect((await queues.inbound.getJob('ev-opinion-1'))?.data.text).toContain(WORDS);
  });
});
