import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadCampaignFile } from '../src/campaign.js';
import { cardActionEvent, envelope, messageEvent, newEventId, signPush } from '../src/local/lark-push.js';
import { startFakeLarkServer } from '../src/local/fake-lark-server.js';
import { localDirectory, LOCAL_BOT } from '../src/local/local-mode.js';
import { createRedis } from '../src/store/redis.js';
import { deletePrefix } from './cleanup.js';
import { runLoad, type PushRequest } from './load.js';

/**
 * DESIGN §4 memory: the service's own RSS (a separate process started the README's way, web and
 * workers together) while it takes a load of signed events and card callbacks, its Lark calls going
 * to a fake server in this process. Peak RSS is read from /proc (VmHWM), not estimated.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CAMPAIGN = `${ROOT}campaign.example.json`;

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
});

const load = (url: string, requests: PushRequest[], connections: number, rate = 0) => runLoad(url, requests, { connections, rate });

const kb = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
};

export async function benchServiceMemory(opts: { redisUrl: string; events?: number }) {
  const n = opts.events ?? 20_000;
  const campaign = await loadCampaignFile(CAMPAIGN);
  const fake = await startFakeLarkServer({ appId: 'cli_mem', appSecret: 'mem-secret', bot: LOCAL_BOT, users: localDirectory(campaign) });
  const secrets = { encryptKey: 'mem-encrypt-key-0123456789', verificationToken: 'mem-token' };
  const port = await freePort();
  const prefix = `benchmem${Date.now().toString(36)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: opts.redisUrl, REDIS_PREFIX: prefix,
      LARK_APP_ID: 'cli_mem', LARK_APP_SECRET: 'mem-secret',
      LARK_ENCRYPT_KEY: secrets.encryptKey, LARK_VERIFICATION_TOKEN: secrets.verificationToken,
      LARK_DOMAIN: fake.url, CAMPAIGN_CONFIG: CAMPAIGN, ANON_SECRET: 'mem-anon-secret-0123456789abcdef0123456789', LOG_LEVEL: 'error',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const url = `http://127.0.0.1:${port}`;
  try {
    const end = Date.now() + 30_000;
    for (;;) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > end || child.exitCode !== null) throw new Error(`the service did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const idleRss = kb(child.pid!, 'VmRSS');
    const members = campaign.members.users.flatMap((p) => ('openId' in p ? [p.openId] : []));
    // Group chatter the bot is not @-mentioned in (queued and handled, no reply), typed 帮助 in p2p (a help card
    // each, through the outbox), and help-button callbacks answered inline.
    const events = Array.from({ length: n }, (_, i) => signPush(envelope('im.message.receive_v1', i % 10 === 0
      ? messageEvent({ senderOpenId: members[i % members.length]!, chatId: `oc_p2p_${i % members.length}`, chatType: 'p2p', text: '帮助' })
      : messageEvent({
        senderOpenId: members[i % members.length]!, chatId: 'oc_announce_board', chatType: 'group', text: `群聊 ${i}`,
      }), secrets, newEventId()), secrets));
    const cards = Array.from({ length: n / 10 }, (_, i) =>
      signPush(envelope('card.action.trigger', cardActionEvent({
        operatorOpenId: members[i % members.length]!, value: { v: 1, a: 'roles.list' },
      }), secrets, newEventId()), secrets));
    const pushed = await load(`${url}/webhook/event`, events, 64);
    const answered = await load(`${url}/webhook/card`, cards, 32);
    // Let the workers drain what was queued (help replies wait on Lark's 5/s per person).
    const drainEnd = Date.now() + 60_000;
    let peak = kb(child.pid!, 'VmRSS');
    while (Date.now() < drainEnd) {
      peak = Math.max(peak, kb(child.pid!, 'VmRSS'));
      const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => '');
      const waiting = [...text.matchAll(/mlb_queue_depth\{queue="inbound",state="(waiting|active)"\} (\d+)/g)]
        .reduce((s, m) => s + Number(m[2]), 0);
      if (waiting === 0 && fake.messages.length > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const hwm = kb(child.pid!, 'VmHWM');
    return {
      events: n, cards: cards.length, pushed, answered,
      idleMb: idleRss / 1024, peakMb: Math.max(peak, hwm) / 1024, replies: fake.messages.length,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r)).catch(() => undefined);
    await fake.close();
    const redis = createRedis(opts.redisUrl, 'store');
    await deletePrefix(redis, prefix).catch(() => undefined);
    redis.disconnect();
  }
}
