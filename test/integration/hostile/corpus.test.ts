import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, envelope, signPush } from '../../../src/local/lark-push.js';
import { msg } from '../../../src/messages/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { post } from '../../helpers/http.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';
import type { SampleIds } from '../../fixtures/hostile/action-samples.js';
import { CLICK_CASES, type ClickCase } from '../../fixtures/hostile/clicks.js';
import { seedForeignRecords } from '../../fixtures/hostile/records.js';
import { REQUEST_CASES } from '../../fixtures/hostile/requests.js';

/**
 * The hostile input corpus (test/fixtures/hostile/): every case gets its status or toast, changes nothing in
 * Redis and leaves the service answering /healthz. "Nothing" is compared over every key under the test's
 * prefix, with two exceptions, both documented counters of the edge and neither a record:
 * - BullMQ's own keys (`{bull}`): its event stream and stalled-check markers move on their own; instead the
 *   jobs of every queue are counted before and after, and no case may add one;
 * - `seen:card:<event_id>`: the inline de-duplication claim of a card callback (≥ 8 h, DESIGN §2.1), taken for
 *   every callback whose value parses, before its handler runs (a value that does not parse takes none);
 * - `p2p:chats`: where each person's own chat with the bot is (keyed HMACs on both sides), learnt when a personal
 *   card is tapped from a chat Lark says is p2p (handlers/personal-chat.ts); identity routing, not a record.
 */

let bot: TestBot;
let ids: SampleIds;

beforeAll(async () => {
  bot = await startTestBot();
  ids = await seedForeignRecords(bot);
  await bot.idle();
});
afterAll(async () => { await bot?.stop(); });

const BULL = ':{bull}:';
const CLAIM = ':seen:card:';
const P2P_CHATS = ':p2p:chats';

async function snapshot(ignore: (key: string) => boolean): Promise<Map<string, string>> {
  const all = await dumpPrefix(testRedisUrl(), bot.prefix);
  return new Map([...all].filter(([k]) => !k.includes(BULL) && !ignore(k)));
}

async function jobCount(): Promise<number> {
  const q = bot.service.deps.queues;
  const counts = await Promise.all([q.inbound, q.outbox, q.export].map((x) => x.getJobCounts()));
  return counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).map((k) => `${k}: ${before.get(k) ?? '∅'} → ${after.get(k) ?? '∅'}`);
}

/** Runs `act` and returns what it changed in Redis (apart from the documented counters) and in the queues. */
async function unchanged(act: () => Promise<void>, claims: boolean): Promise<string[]> {
  await bot.idle();
  const ignore = (k: string) => claims && (k.includes(CLAIM) || k.endsWith(P2P_CHATS));
  const [before, jobs] = [await snapshot(ignore), await jobCount()];
  await act();
  await bot.idle();
  const out = changes(before, await snapshot(ignore));
  const added = (await jobCount()) - jobs;
  return added ? [...out, `${added} job(s) added`] : out;
}

async function healthy(): Promise<number> {
  return (await fetch(`${bot.url}/healthz`)).status;
}

const REFUSALS = new Set([msg.errors.noPermission.zh, msg.errors.noPermissionFor.zh, msg.ledger.toast.noPermission.zh,
  msg.errors.noPermissionReaders.zh, msg.errors.noPermissionEnd.zh,
  msg.report.noPermission.zh]);

function verdict(c: ClickCase, answer: { toast?: { type: string; content: string } } | undefined): string | undefined {
  const t = answer?.toast;
  if (!t) return 'no toast';
  if (c.expect === 'stale') return t.content === msg.errors.staleButton.zh ? undefined : `toast ${t.type}: ${t.content}`;
  if (c.expect === 'refused') return t.type === 'error' && REFUSALS.has(t.content) ? undefined : `toast ${t.type}: ${t.content}`;
  const ok = (t.type === 'warning' || t.type === 'error') && !REFUSALS.has(t.content) && t.content !== msg.errors.tryAgain.zh;
  return ok ? undefined : `toast ${t.type}: ${t.content}`;
}

describe('the hostile input corpus', () => {
  it('holds at least 80 cases, and its snapshot sees the records the cases aim at', async () => {
    expect(REQUEST_CASES.length + CLICK_CASES.length).toBeGreaterThanOrEqual(80);
    const keys = [...(await snapshot(() => false)).keys()];
    for (const id of [ids.opinion, ids.item, ids.lookback, ids.round]) expect(keys.some((k) => k.includes(id)), id).toBe(true);
  });

  it.each(REQUEST_CASES.map((c) => [c.name, c] as const))('request: %s', async (_name, c) => {
    let status = 0;
    let text = '';
    const changed = await unchanged(async () => {
      const r = c.build(bot.secrets);
      const res = await post(`${bot.url}/webhook/${c.route}`, r.body, r.headers).catch((e: Error) => ({ status: -1, text: e.message }));
      status = res.status;
      text = res.text;
    }, false);
    expect(status, text).toBe(c.status);
    expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules/);
    expect(changed).toEqual([]);
    expect(await healthy()).toBe(200);
  });

  it.each(CLICK_CASES.map((c) => [c.name, c] as const))('click: %s', async (_name, c) => {
    let answer: { toast?: { type: string; content: string } } | undefined;
    const changed = await unchanged(async () => {
      const event = cardActionEvent({ operatorOpenId: c.operator, value: c.value(ids), formValue: c.formValue });
      const p = signPush(envelope('card.action.trigger', event, bot.secrets), bot.secrets);
      const res = await post(`${bot.url}/webhook/card`, p.body, p.headers);
      expect(res.status, res.text).toBe(200);
      answer = res.json;
    }, c.expect !== 'stale');
    expect(verdict(c, answer)).toBeUndefined();
    expect(changed).toEqual([]);
    expect(await healthy()).toBe(200);
  });
});
