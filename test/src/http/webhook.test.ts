import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { buildApp } from '../../../src/app.js';
import { createMetrics } from '../../../src/metrics.js';
import { createLogger } from '../../../src/log.js';
import { createQueues, type Queues } from '../../../src/queues.js';
import { createKeys } from '../../../src/store/keys.js';
import { createRedis } from '../../../src/store/redis.js';
import { createInboundSink } from '../../../src/store/inbound.js';
import { encrypt } from '../../../src/lark/verify.js';
import type { CardEvent } from '../../../src/pipeline.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';
import { post, serve } from '../../helpers/http.js';
import { fixture, signPush, TEST_SECRETS } from '../../helpers/lark-push.js';

const url = testRedisUrl();
const prefix = randomPrefix();
const keys = createKeys(prefix);
let redis: Redis;
let queues: Queues;
let server: Awaited<ReturnType<typeof serve>>;
const cards: CardEvent[] = [];

function appWith(connection: Redis, q: Queues) {
  return buildApp({
    log: createLogger('silent'),
    webhook: {
      secrets: TEST_SECRETS,
      inbound: createInboundSink(q.inbound, connection, { timeoutMs: 1000 }),
      onCard: async (e) => { cards.push(e); return { toast: { type: 'success', content: 'ok' } }; },
      metrics: createMetrics(),
      log: createLogger('silent'),
      now: () => Date.now(),
    },
    ops: {
      metrics: createMetrics(), metricsToken: undefined, health: async () => ({ redis: true, queues: true }),
      collectQueueDepths: async () => undefined,
    },
  });
}

const bh = (p: { body: string; headers: Record<string, string> }): [string, Record<string, string>] => [p.body, p.headers];

async function jobCount(): Promise<number> {
  const c = await queues.inbound.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

beforeAll(async () => {
  redis = createRedis(url, 'fast');
  await new Promise((r) => redis.once('ready', r));
  queues = createQueues(redis, keys.bullPrefix);
  server = await serve(appWith(redis, queues));
});

afterEach(async () => {
  await queues.inbound.obliterate({ force: true });
  cards.length = 0;
});

afterAll(async () => {
  await server.close();
  await queues.close();
  redis.disconnect();
  await deletePrefix(url, prefix);
});

describe('POST /webhook/event', () => {
  it('answers the plain challenge with the right token, refuses a wrong one', async () => {
    const ok = await post(
      `${server.url}/webhook/event`,
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: TEST_SECRETS.verificationToken }),
    );
    expect(ok).toMatchObject({ status: 200, json: { challenge: 'abc123' } });
    const bad = await post(
      `${server.url}/webhook/event`, JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'WRONG' }),
    );
    expect(bad.status).toBe(401);
  });

  it('answers the encrypted challenge on both routes', async () => {
    const body = JSON.stringify({
      encrypt: encrypt(
        JSON.stringify({ type: 'url_verification', challenge: 'c-42', token: TEST_SECRETS.verificationToken }), TEST_SECRETS.encryptKey,
      ),
    });
    for (const route of ['event', 'card']) {
      const r = await post(`${server.url}/webhook/${route}`, body);
      expect(r).toMatchObject({ status: 200, json: { challenge: 'c-42' } });
    }
  });

  it('acknowledges a signed encrypted event with 200 {} and enqueues it once, however often it is pushed', async () => {
    const push = signPush(fixture('im.message.receive_v1.p2p', { eventId: 'evt0000000000000000000000000001' }), TEST_SECRETS);
    for (let i = 0; i < 5; i++) {
      const r = await post(`${server.url}/webhook/event`, push.body, push.headers);
      expect(r).toMatchObject({ status: 200, json: {} });
    }
    // Five concurrent pushes too.
    const again = signPush(fixture('im.message.receive_v1.p2p', { eventId: 'evt0000000000000000000000000001' }), TEST_SECRETS);
    await Promise.all(Array.from({ length: 5 }, () => post(`${server.url}/webhook/event`, again.body, again.headers)));
    expect(await jobCount()).toBe(1);
    const job = await queues.inbound.getJob('evt0000000000000000000000000001');
    expect(job?.data).toMatchObject({ type: 'message', text: '帮助', chatType: 'p2p', senderOpenId: 'ou_84aad35d084aa403a838cf73ee18467' });
  });

  it('normalises every event kind we handle', async () => {
    for (const name of [
      'im.message.receive_v1.group', 'application.bot.menu_v6', 'im.chat.member.bot.added_v1',
      'im.chat.access_event.bot_p2p_chat_entered_v1', 'p2p_chat_create',
    ]) {
      const push = signPush(fixture(name), TEST_SECRETS);
      const r = await post(`${server.url}/webhook/event`, push.body, push.headers);
      expect(r.status, name).toBe(200);
    }
    const jobs = await queues.inbound.getJobs(['waiting', 'active', 'completed', 'delayed']);
    expect(jobs.map((j) => j.data.type).sort()).toEqual(['bot_added', 'menu', 'message', 'p2p_entered', 'p2p_entered']);
    const group = jobs.find((j) => j.data.type === 'message')!;
    expect(group.data.mentions).toEqual([{ key: '@_user_1', openId: 'ou_bot0000000000000000000000000001', name: '群众路线助手' }]);
  });

  it('refuses bad input with the right status and enqueues nothing', async () => {
    const good = fixture('im.message.receive_v1.p2p');
    const signed = signPush(good, TEST_SECRETS);
    const cases: [string, string, Record<string, string>, number][] = [
      ['wrong signature', signed.body, { ...signed.headers, 'x-lark-signature': 'a'.repeat(64) }, 401],
      ['tampered body', signed.body.replace('"encrypt":"', '"encrypt":"A'), signed.headers, 401],
      ['no signature', signed.body, { 'content-type': 'application/json' }, 401],
      ['stale timestamp', ...bh(signPush(good, TEST_SECRETS, { timestampSec: Math.floor(Date.now() / 1000) - 600 })), 401],
      ['wrong verification token', ...bh(signPush(fixture('im.message.receive_v1.p2p', { token: 'WRONG' }), TEST_SECRETS)), 401],
      ['encrypted with another key', ...bh(signPush(good, { ...TEST_SECRETS, encryptKey: 'another-key' })), 401],
      ['not JSON', 'not json', {}, 400],
      ['JSON array', '[]', {}, 400],
      ['envelope without header', ...bh(signPush({ schema: '2.0', event: {} }, TEST_SECRETS)), 400],
      ['event_id with a colon', ...bh(signPush(fixture('im.message.receive_v1.p2p', { eventId: 'a:b' }), TEST_SECRETS)), 400],
      ['message without chat_id',
        ...bh(signPush({ ...good, event: { ...good.event, message: { ...good.event.message, chat_id: undefined } } }, TEST_SECRETS)), 400],
    ];
    for (const [name, body, headers, status] of cases) {
      const r = await post(`${server.url}/webhook/event`, body, headers);
      expect(r.status, name).toBe(status);
      expect(r.text, name).not.toMatch(/at .*\.ts/);
    }
    const big = signPush({ ...good, padding: 'x'.repeat(1024 * 1024) }, TEST_SECRETS);
    expect((await post(`${server.url}/webhook/event`, big.body, big.headers)).status).toBe(413);
    expect(await jobCount()).toBe(0);
  });

  it('answers card callbacks inline on either route', async () => {
    for (const route of ['card', 'event']) {
      const push = signPush(fixture('card.action.trigger'), TEST_SECRETS);
      const r = await post(`${server.url}/webhook/${route}`, push.body, push.headers);
      expect(r).toMatchObject({ status: 200, json: { toast: { type: 'success' } } });
    }
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatchObject({ operatorOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706', value: { a: 'help', v: 1 } });
    expect(await jobCount()).toBe(0);
  });
});

describe('Redis outage', () => {
  it('answers 503 at once and loses nothing once Redis is back and Lark re-pushes', async () => {
    // A connection that is down: point a fail-fast client at a port nothing listens on.
    const down = createRedis('redis://127.0.0.1:1', 'fast');
    down.on('error', () => undefined);
    const downQueues = createQueues(down, keys.bullPrefix);
    const s = await serve(appWith(down, downQueues));
    const push = signPush(fixture('im.message.receive_v1.p2p', { eventId: 'evt-outage-1' }), TEST_SECRETS);
    const t0 = Date.now();
    const r = await post(`${s.url}/webhook/event`, push.body, push.headers);
    // Lark waits 3 s; we must answer well inside it (no waiting on reconnects).
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.status).toBe(503);
    await s.close();
    down.disconnect();
    // Lark re-pushes the same event to a healthy instance: it is taken.
    const again = await post(`${server.url}/webhook/event`, push.body, push.headers);
    expect(again.status).toBe(200);
    expect(await queues.inbound.getJob('evt-outage-1')).toBeTruthy();
  });
});
