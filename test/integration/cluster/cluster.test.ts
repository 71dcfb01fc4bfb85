import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { cardActionEvent, messageEvent, newEventId } from '../../../src/local/lark-push.js';
import { ballotPages } from '../../../src/domain/evaluations/ballot.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { ITEM_FORM } from '../../../src/domain/ledger/form.js';
import { stepAt } from '../../../src/domain/ledger/ladder.js';
import { loadCampaignFile } from '../../../src/campaign.js';
import { CAMPAIGN_PATH, startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';
import { checkRedisDurability } from '../../../src/store/redis-check.js';
import { clusterUnsupported, startRedisCluster, type TestCluster } from '../../helpers/redis-cluster.js';

/**
 * The whole service (web + workers) on a real 3-master Redis Cluster (REDIS_CLUSTER_NODES): an inbound event to
 * its answer, a ballot round from creation to results, a ledger ladder step. Every MULTI and script of these flows
 * must stay in one slot (a CROSSSLOT error fails the flow), and the keys must really spread over the masters.
 */

const unsupported = clusterUnsupported();
if (unsupported) console.warn(`skipped: the Redis Cluster tests need a cluster-capable Redis here: ${unsupported}`);

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
let cluster: TestCluster;
let bot: TestBot;
let clock = TEST_START;

const str = (x: unknown) => JSON.stringify(x);
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const evaluations = () => bot.service.deps.ctx.store.evaluations;

describe.skipIf(unsupported !== undefined)('the service on a 3-master Redis Cluster', () => {
  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
    bot = await startTestBot({ env: { REDIS_CLUSTER_NODES: cluster.nodesEnv }, now: () => clock });
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await cluster?.stop();
  });

  it('starts on the cluster: the durability check reads every node and finds AOF and noeviction', async () => {
    expect(bot.service.deps.config.redis.mode).toBe('cluster');
    expect(bot.logs.join('\n')).not.toContain('not safe for production');
  });

  it('the durability check names the node at fault: one master with appendonly off', async () => {
    expect(await checkRedisDurability(bot.service.deps.redis)).toEqual({ ok: true, problems: [] });
    const port = cluster.nodes[1].port;
    await cluster.cli(port, 'CONFIG', 'SET', 'appendonly', 'no');
    try {
      expect(await checkRedisDurability(bot.service.deps.redis)).toEqual({
        ok: false, problems: [`127.0.0.1:${port}: appendonly is "no" (needs "yes": redis-server --appendonly yes)`],
      });
    } finally {
      await cluster.cli(port, 'CONFIG', 'SET', 'appendonly', 'yes');
    }
  });

  it('an inbound event is answered once, also when Lark pushes it three times', async () => {
    const eventId = newEventId();
    const event = messageEvent({ senderOpenId: 'ou_member_03', chatId: 'oc_p2p_ou_member_03', chatType: 'p2p', text: '帮助' });
    for (let i = 0; i < 3; i++) expect((await bot.push('im.message.receive_v1', event, { eventId })).status).toBe(200);
    await bot.idle();
    const cards = bot.fake.messagesTo('oc_p2p_ou_member_03').filter((m) => m.msgType === 'interactive');
    expect(cards).toHaveLength(1);
    expect(str(cards[0].content)).toContain('帮助');
  });

  it('a ballot round: create, open, cast, close, results; the audit log merges the round\'s stream with the others', async () => {
    const form = await click(ADMIN, { v: 1, a: 'ev.new' });
    const subjects = [...str(form.json.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]);
    const closes = new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';
    const made = await click(ADMIN, { v: 1, a: 'ev.create' }, {
      ev_title: '集群测评', ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes, ev_k: '3', ev_subj: [...new Set(subjects)],
    });
    expect(made.json.toast.type, str(made.json)).toBe('success');
    const id = (await evaluations().list()).find((r) => r.title === '集群测评')!.id;
    expect((await click(ADMIN, { v: 1, a: 'ev.open', round: id })).json.toast.type).toBe('success');
    await bot.idle();
    const round = (await evaluations().get(id))!;
    const voters = round.electorate.slice(0, 5);
    for (const v of voters) {
      let prior = '';
      let last: any;
      for (const page of ballotPages(round)) {
        const fv = Object.fromEntries(page.cells.map((c) => [`c${c.index}`, round.scale[0].key]));
        last = (await click(v, { v: 1, a: 'ev.vote', round: id, page: page.index, prior }, fv)).json;
        prior = /"prior":"([0-9]*)"/.exec(str(last.card?.data))?.[1] ?? prior;
      }
      expect(last.toast.type, v).toBe('success');
    }
    expect(await evaluations().turnout(id)).toEqual({ voted: 5, electorate: round.electorate.length });
    expect((await click(ADMIN, { v: 1, a: 'ev.close', round: id })).json.toast.type).toBe('success');
    await bot.idle();
    const tallies = await evaluations().tallies(id);
    expect(Object.values(tallies.ballots).reduce((a, b) => a + b, 0)).toBe(5);
    expect(str(bot.fake.messagesTo('ou_super_wu').at(-1)?.content)).toContain('集群测评');
    const actions = (await bot.service.deps.ctx.store.audit.recent(50)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['evaluation.create', 'evaluation.open', 'evaluation.close']));
  });

  it('a ledger item: created, activated, its T−7 step sent to the owner once', async () => {
    const cal = createCalendar((await loadCampaignFile(CAMPAIGN_PATH)).calendar, 'Asia/Shanghai');
    const D = new Date(TEST_START + 20 * 86_400_000).toISOString().slice(0, 10);
    const F = ITEM_FORM;
    const saved = await click(ADMIN, { v: 1, a: 'lg.save' }, {
      [F.problem]: '集群上的整改事项', [F.source]: 'self', [F.wind]: 'formalism', [F.goal]: '目标', [F.measures]: '措施', [F.owner]: OWNER,
      [F.leader]: 'ou_leader_zhao', [F.deadline]: `${D} +0800`, [F.commitment]: '公开承诺',
    });
    expect(saved.json.toast?.type, str(saved.json)).toBe('success');
    const ledger = bot.service.deps.ctx.store.ledger;
    const item = (await ledger.list()).find((i) => i.problem === '集群上的整改事项')!;
    expect((await click(ADMIN, { v: 1, a: 'lg.activate', id: item.id })).json.toast.type).toBe('success');
    await bot.idle();
    clock = stepAt('d7', D, cal);
    const queue = bot.service.deps.queues.ledger;
    const job = await queue.getJob(`lad-${item.id}-1-d7`);
    expect(job).toBeDefined();
    await job!.promote();
    await bot.until(async () => (await queue.getJob(`lad-${item.id}-1-d7`))?.finishedOn !== undefined, 15_000, 'the d7 step');
    await bot.idle();
    expect(bot.fake.messagesTo(OWNER).filter((m) => str(m.content).includes('还有 7 天'))).toHaveLength(1);
    const actions = (await bot.service.deps.ctx.store.audit.recent(50)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['ledger.create', 'ledger.activate', 'ledger.step', 'evaluation.close']));
  });

  it('the keys are spread over the masters: the queues, the round and the ledger do not all share one node', async () => {
    const used = Object.entries(await keysByNode()).filter(([, keys]) => keys.length > 0);
    expect(used.length).toBeGreaterThanOrEqual(2);
  });

  it('the purge scans every master and deletes the campaign\'s keys on each, keeping the queues and the end record', async () => {
    const store = bot.service.deps.ctx.store;
    const entry = (n: number) => ({ at: clock, actor: ADMIN, action: 'campaign.purge', detail: { keys: n } });
    const deleted = await store.campaignEnd.purge(ADMIN, clock, entry);
    expect(deleted).toBeGreaterThan(10);
    const p = bot.prefix;
    const left = Object.values(await keysByNode()).flat().filter((k) => !k.startsWith(`${p}:{bull}:`));
    expect(left.sort()).toEqual([`${p}:audit:streams`, `${p}:campaign:end`, `${p}:{${p}:campaign:end}:audit`].sort());
    expect((await store.audit.recent(10)).map((e) => e.action)).toEqual(['campaign.purge']);
  });
});

/** This test's keys on each master (by port). */
async function keysByNode(): Promise<Record<number, string[]>> {
  const out: Record<number, string[]> = {};
  for (const n of cluster.nodes) {
    const r = new Redis(n.port, '127.0.0.1', { lazyConnect: true });
    await r.connect();
    out[n.port] = [];
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${bot.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      out[n.port].push(...keys);
    } while (cursor !== '0');
    r.disconnect();
  }
  return out;
}
