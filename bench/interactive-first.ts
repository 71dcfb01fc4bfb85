import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { loadCampaignFile } from '../src/campaign.js';
import { envelope, messageEvent, newEventId, signPush } from '../src/local/lark-push.js';
import { startFakeLarkServer } from '../src/local/fake-lark-server.js';
import { localDirectory, LOCAL_BOT } from '../src/local/local-mode.js';
import { createOutbox } from '../src/outbox.js';
import { QUEUE } from '../src/queues.js';
import { createKeys } from '../src/store/keys.js';
import { createOutboxStore } from '../src/store/outbox.js';
import { createRedis } from '../src/store/redis.js';
import { deletePrefix } from './cleanup.js';
import { reminderCard } from './fanout.js';

/**
 * DESIGN §4 interactive first, on the deployed process: the service (`src/main.ts`, web and workers, as
 * `npm start` runs it) against the fake Lark server at Lark's own limits; a 5,000-card fan-out is put on its
 * outbox, then people type `帮助` in their p2p chats, one a second; each answer's latency is from the push
 * of the event to the fake receiving the answer. Target: p95 ≤ 2 s.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CAMPAIGN = `${ROOT}campaign.example.json`;

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

export async function benchInteractiveFirst(opts: { redisUrl: string; fanout?: number; commands?: number; everyMs?: number }) {
  const n = opts.fanout ?? 5000;
  const commands = opts.commands ?? 90;
  const every = opts.everyMs ?? 1000;
  const campaign = await loadCampaignFile(CAMPAIGN);
  const fake = await startFakeLarkServer({ appId: 'cli_ia', appSecret: 'ia-secret', bot: LOCAL_BOT, users: localDirectory(campaign) });
  const secrets = { encryptKey: 'ia-encrypt-key-0123456789', verificationToken: 'ia-token' };
  const port = await freePort();
  const prefix = `benchia${Date.now().toString(36)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: opts.redisUrl, REDIS_PREFIX: prefix,
      LARK_APP_ID: 'cli_ia', LARK_APP_SECRET: 'ia-secret',
      LARK_ENCRYPT_KEY: secrets.encryptKey, LARK_VERIFICATION_TOKEN: secrets.verificationToken,
      LARK_DOMAIN: fake.url, CAMPAIGN_CONFIG: CAMPAIGN, ANON_SECRET: 'ia-anon-secret-0123456789abcdef0123456789', LOG_LEVEL: 'error',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const url = `http://127.0.0.1:${port}`;
  const redis = createRedis(opts.redisUrl, 'store');
  const keys = createKeys(prefix);
  const queue = new Queue(QUEUE.outbox, { connection: redis, prefix: keys.bullPrefix });
  const answeredAt = new Map<string, number>();
  fake.on('message', (m) => { if (m.chatId.startsWith('oc_ia_p2p_') && !answeredAt.has(m.chatId)) answeredAt.set(m.chatId, Date.now()); });
  try {
    const end = Date.now() + 30_000;
    while (!(await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`the service did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // The start-up's own sends (phase notices, welcome cards) are not part of the measure.
    await new Promise((r) => setTimeout(r, 3000));
    const outbox = createOutbox(queue, createOutboxStore(redis, keys));
    const card = reminderCard('本周集中学习：请准时参加');
    const before = fake.messages.length;
    for (let i = 0; i < n; i += 500) {
      await outbox.sendMany(Array.from({ length: Math.min(500, n - i) }, (_, j) => ({
        key: `bench-remind-${i + j}`, to: { openId: `ou_ia_member_${i + j}` }, body: { type: 'card' as const, card },
      })));
    }
    const members = campaign.members.users.flatMap((p) => ('openId' in p ? [p.openId] : []));
    const sentAt = new Map<string, number>();
    for (let i = 0; i < commands; i++) {
      const chatId = `oc_ia_p2p_${i}`;
      const ev = signPush(envelope('im.message.receive_v1', messageEvent({
        senderOpenId: members[i % members.length]!, chatId, chatType: 'p2p', text: '帮助',
      }), secrets, newEventId()), secrets);
      sentAt.set(chatId, Date.now());
      await fetch(`${url}/webhook/event`, { method: 'POST', body: ev.body, headers: ev.headers });
      await new Promise((r) => setTimeout(r, every));
    }
    const waitEnd = Date.now() + 30_000;
    while (answeredAt.size < commands && Date.now() < waitEnd) await new Promise((r) => setTimeout(r, 100));
    const latencies = [...sentAt].flatMap(([chat, t]) => (answeredAt.has(chat) ? [answeredAt.get(chat)! - t] : []));
    const bulkSent = fake.messages.length - before - answeredAt.size;
    return {
      fanout: n, commands, answered: latencies.length, bulkSent,
      p50Ms: pct(latencies, 50), p95Ms: pct(latencies, 95), maxMs: Math.max(...latencies),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r)).catch(() => undefined);
    await queue.close();
    await fake.close();
    await deletePrefix(redis, prefix).catch(() => undefined);
    redis.disconnect();
  }
}
