import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { cardActionEvent, messageEvent, newEventId } from '../../../src/local/lark-push.js';
import type { FakeLark } from '../../../src/local/fake-lark-server.js';
import { createQueues, type Queues } from '../../../src/queues.js';
import { createKeys } from '../../../src/store/keys.js';
import { createRedis } from '../../../src/store/redis.js';
import { chaosEnv, fakeLark, SECRETS, until } from '../../chaos/harness.js';
import { campaignFile, exampleCampaign } from '../../helpers/bot.js';
import { TEST_START, TEST_START_ISO } from '../../helpers/clock.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';
import { pushTo, scrapeSum, startProcess, type ServiceProcess } from './processes.js';

/**
 * Two web and two worker processes, as deployed, on one Redis and the fake Lark server. Typed commands, card taps
 * and a ballot fan-out arrive with Lark-style re-pushes (the same event_id to both web processes at once, and again
 * later): every event is handled once, every message sent once, and the counters summed over the web processes
 * say what happened once (a re-push is counted by the process that refused it, not by every process).
 */
const TOKEN = 'many-processes-metrics-token-0123';
const ADMIN = 'ou_admin_liu';
const voters = Array.from({ length: 30 }, (_, i) => `ou_voter_${String(i + 1).padStart(2, '0')}`);
const campaignPath = campaignFile({
  ...exampleCampaign(),
  members: { users: voters.map((openId, i) => ({ openId, name: `投票人${i + 1}` })), chats: [] },
  raterGroups: [{ key: 'cadres', name: '机关干部', members: { users: voters.map((openId) => ({ openId })), chats: [] } }],
});
const prefix = randomPrefix();
let fake: FakeLark;
let web: ServiceProcess[] = [];
let workers: ServiceProcess[] = [];
let redis: Redis;
let queues: Queues;

const p2p = (openId: string) => `oc_p2p_${openId}`;
const str = (x: unknown) => JSON.stringify(x);
const push = (w: ServiceProcess, type: string, event: unknown, eventId: string) => pushTo(w.url, SECRETS, type, event, eventId);
const tap = (w: ServiceProcess, value: unknown, eventId: string, formValue?: Record<string, unknown>) =>
  push(w, 'card.action.trigger', cardActionEvent({ operatorOpenId: ADMIN, value, formValue }), eventId);

async function drained(): Promise<void> {
  await until(async () => {
    const counts = await Promise.all([queues.inbound, queues.outbox]
      .map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    return counts.every((c) => Object.values(c).every((n) => n === 0));
  }, 60_000, 'the queues to drain');
}

beforeAll(async () => {
  fake = await fakeLark(campaignPath);
  const env = {
    ...chaosEnv({ redisUrl: testRedisUrl(), prefix, fake, campaignPath }), METRICS_TOKEN: TOKEN, CLOCK_START: TEST_START_ISO,
  };
  // Web first: the workers' start-up sends nothing a web process must see, but a web must be up for the pushes.
  web = await Promise.all([startProcess('web', env), startProcess('web', env)]);
  workers = await Promise.all([startProcess('worker', env), startProcess('worker', env)]);
  redis = createRedis(testRedisUrl(), 'fast');
  await new Promise((r) => redis.once('ready', r));
  queues = createQueues(redis, createKeys(prefix).bullPrefix);
}, 180_000);

afterAll(async () => {
  await Promise.all([...web, ...workers].map((p) => p.stop()));
  await queues?.close();
  redis?.disconnect();
  await fake?.close();
  await deletePrefix(testRedisUrl(), prefix);
}, 60_000);

describe('two web and two worker processes on one Redis', () => {
  it('handle every event once, send every message once, and count each re-push once', async () => {
    const [a, b] = web;
    let pushes = 0;
    const typed = [ADMIN, ...voters.slice(0, 12)].map((openId) => ({
      openId, eventId: newEventId(),
      event: messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text: '帮助' }),
    }));
    // Typed commands, each pushed to both web processes at once.
    const first = await Promise.all(typed.flatMap((t) => [a, b].map((w) => push(w, 'im.message.receive_v1', t.event, t.eventId))));
    pushes += first.length;
    expect(first.every((r) => r.status === 200)).toBe(true);

    // Card taps: an admin creates a round on one web process, Lark re-pushes each tap to the other.
    const newTap = newEventId();
    const form = await tap(a, { v: 1, a: 'ev.new' }, newTap);
    expect(form.status).toBe(200);
    expect((await tap(b, { v: 1, a: 'ev.new' }, newTap)).json).toEqual({});
    const subjects = [...str(form.json.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]);
    const closes = `${new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10)} +0800`;
    const createForm = {
      ev_title: '多进程测评', ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes, ev_k: '5', ev_subj: [...new Set(subjects)],
    };
    const createTap = newEventId();
    const created = await tap(a, { v: 1, a: 'ev.create' }, createTap, createForm);
    expect(created.json.toast.type, str(created.json)).toBe('success');
    expect((await tap(b, { v: 1, a: 'ev.create' }, createTap, createForm)).json).toEqual({});
    const round = /"round":"([^"]+)"/.exec(str(created.json))?.[1];
    expect(round, str(created.json)).toBeTruthy();
    // The open (a fan-out of 30 ballots), tapped once and pushed to both at once: one answer, one fan-out.
    const openTap = newEventId();
    const opened = await Promise.all([a, b].map((w) => tap(w, { v: 1, a: 'ev.open', round }, openTap)));
    expect(opened.filter((r) => r.json?.toast?.type === 'success')).toHaveLength(1);
    pushes += 6;

    await drained();
    // Lark pushes again later (the first answer was lost on the way): all refused.
    for (const t of typed) expect((await push(a, 'im.message.receive_v1', t.event, t.eventId)).status).toBe(200);
    expect((await tap(b, { v: 1, a: 'ev.open', round }, openTap)).json).toEqual({});
    pushes += typed.length + 1;
    await drained();
    await until(() => voters.every((v) => fake.messagesTo(v).some((m) => str(m.content).includes('ev.step'))), 60_000, 'ballots');

    // Every event handled once: one help card per person, one ballot per voter, one inbound job per typed event.
    for (const t of typed) {
      const cards = fake.messagesTo(p2p(t.openId)).filter((m) => m.msgType === 'interactive');
      expect(cards, t.openId).toHaveLength(1);
      expect(str(cards[0].content)).toContain('帮助');
    }
    for (const v of voters) expect(fake.messagesTo(v).filter((m) => str(m.content).includes('ev.step')), v).toHaveLength(1);
    expect((await queues.inbound.getJobCounts('completed')).completed).toBe(typed.length);
    // Every message sent once: no uuid twice at the fake Lark.
    const uuids = fake.messages.map((m) => m.uuid).filter(Boolean);
    expect(new Set(uuids).size).toBe(uuids.length);

    // The counters, summed over both web processes: each push counted once, each re-push once.
    const urls = web.map((w) => w.url);
    expect(await scrapeSum(urls, TOKEN, 'mlb_event_duplicates_total', 'kind="event"')).toBe(typed.length * 2);
    expect(await scrapeSum(urls, TOKEN, 'mlb_event_duplicates_total', 'kind="card"')).toBe(4);
    expect(await scrapeSum(urls, TOKEN, 'mlb_events_in_total', 'type=')).toBe(pushes);
  }, 240_000);

  it('each web process serves the queue dashboard behind the token', async () => {
    for (const w of web) {
      expect((await fetch(`${w.url}/admin/queues/api/queues`)).status).toBe(401);
      const res = await fetch(`${w.url}/admin/queues/api/queues?activeQueue=inbound&status=completed`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('"name":"inbound"');
      expect(body).not.toContain('ou_voter_');
    }
  });
});
