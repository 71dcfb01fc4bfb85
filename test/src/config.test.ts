import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { CampaignError, loadCampaignFile, parseCampaign, resolveCampaign } from '../../src/campaign.js';
import { milestonesOf } from '../../src/domain/campaign/milestones.js';
import { CAMPAIGN_PATH } from '../helpers/bot.js';

const lark = { LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k', LARK_VERIFICATION_TOKEN: 't', CAMPAIGN_CONFIG: 'c.json' };

describe('loadConfig', () => {
  it('has defaults and no Lark credentials means local mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, redisUrl: 'redis://127.0.0.1:6379', lark: undefined, production: false, clockStart: undefined });
    expect(c.redisUrlSet).toBe(false);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrlSet).toBe(true);
    expect(loadConfig({ CLOCK_START: '2027-03-02T10:00:00+08:00' }).clockStart).toBe(Date.UTC(2027, 2, 2, 2));
  });

  it('Redis: one node by REDIS_URL, a cluster by REDIS_CLUSTER_NODES (over REDIS_URL), or Sentinel', () => {
    expect(loadConfig({}).redis).toEqual({ mode: 'single', url: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ REDIS_URL: 'redis://:pw@10.0.0.9:6380' }).redis).toEqual({ mode: 'single', url: 'redis://:pw@10.0.0.9:6380' });
    const cluster = loadConfig({
      REDIS_URL: 'redis://x:1', REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,[::1]:7002', REDIS_PASSWORD: 'pw',
    });
    expect(cluster.redis).toEqual({ mode: 'cluster', password: 'pw',
      nodes: [{ host: '10.0.0.1', port: 7000 }, { host: 'redis-b', port: 7001 }, { host: '::1', port: 7002 }] });
    expect(loadConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'mymaster', REDIS_SENTINEL_PASSWORD: 'sp' }).redis)
      .toEqual({ mode: 'sentinel', name: 'mymaster', password: undefined, sentinelPassword: 'sp',
        sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }] });
    const bad: [Record<string, string>, RegExp][] = [
      [{ REDIS_CLUSTER_NODES: '10.0.0.1' }, /^REDIS_CLUSTER_NODES: "10.0.0.1" is not host:port/],
      [{ REDIS_CLUSTER_NODES: '10.0.0.1:99999' }, /^REDIS_CLUSTER_NODES:/],
      [{ REDIS_CLUSTER_NODES: ' , ' }, /^REDIS_CLUSTER_NODES: no host:port/],
      [{ REDIS_SENTINELS: 's1:26379' }, /^REDIS_SENTINEL_NAME: required with REDIS_SENTINELS/],
      [{ REDIS_SENTINEL_NAME: 'mymaster' }, /^REDIS_SENTINELS: required when REDIS_SENTINEL_NAME/],
      [{ REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 's:2', REDIS_SENTINEL_NAME: 'm' }, /^REDIS_SENTINELS: set either/],
      [{ REDIS_PASSWORD: 'pw' }, /^REDIS_PASSWORD: for a cluster or Sentinel only/],
    ];
    for (const [env, re] of bad) expect(() => loadConfig(env), JSON.stringify(env)).toThrow(re);
  });

  it('names the variable at fault in one line', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /^PORT:/],
      [{ REDIS_URL: 'http://x' }, /^REDIS_URL:/],
      [{ LARK_MODE: 'socket' }, /^LARK_MODE:/],
      [{ LARK_DOMAIN: 'example.com' }, /^LARK_DOMAIN:/],
      [{ LARK_APP_ID: 'cli_x' }, /^LARK_APP_SECRET: required/],
      [{ ...lark, CAMPAIGN_CONFIG: '' }, /^CAMPAIGN_CONFIG:/],
      [{ ...lark, NODE_ENV: 'production' }, /^ANON_SECRET:/],
      [{ ...lark, NODE_ENV: 'production', ANON_SECRET: 'x'.repeat(32) }, /^METRICS_TOKEN:/],
      [{ ANON_SECRET: 'short' }, /^ANON_SECRET:/],
      [{ NODE_ENV: 'production' }, /^LARK_APP_ID:/],
      [{ CLOCK_START: 'next monday' }, /^CLOCK_START:/],
      [{ CLOCK_START: '2027-03-02T10:00:00' }, /^CLOCK_START:/],
      [{
        ...lark, NODE_ENV: 'production', ANON_SECRET: 'x'.repeat(32), METRICS_TOKEN: 'm'.repeat(16),
        CLOCK_START: '2027-03-02T10:00:00+08:00',
      }, /^CLOCK_START: not allowed in production/],
    ];
    for (const [env, re] of bad) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      try { loadConfig(env); } catch (e) { expect((e as Error).message).toMatch(re); expect((e as Error).message).not.toContain('\n'); }
    }
  });

  it('accepts a complete production environment and a fake-server origin', () => {
    const c = loadConfig({
      ...lark, NODE_ENV: 'production', ANON_SECRET: 'x'.repeat(32), METRICS_TOKEN: 'm'.repeat(16), LARK_DOMAIN: 'http://127.0.0.1:4010',
      LARK_MODE: 'ws',
    });
    expect(c.lark).toMatchObject({ domain: 'http://127.0.0.1:4010', mode: 'ws' });
  });
});

describe('real Lark credentials outside production', () => {
  const real = { ...lark, ANON_SECRET: 'x'.repeat(32) };

  it('refuses to start, in one line naming what to do, under development, no NODE_ENV or test', () => {
    const envs = [{ ...real }, { ...real, NODE_ENV: 'development' }, { ...real, NODE_ENV: 'test' }, { ...real, LARK_DOMAIN: 'lark' },
      { ...real, LARK_DOMAIN: 'https://open.feishu.example.cn' }, { ...real, ALLOW_DEVELOPMENT_WITH_LARK: '0' }];
    for (const env of envs) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      try { loadConfig(env); } catch (e) {
        expect((e as Error).message).toMatch(/^NODE_ENV: real Lark credentials .* NODE_ENV=production; set ALLOW_DEVELOPMENT_WITH_LARK=1/);
        expect((e as Error).message).not.toContain('\n');
      }
    }
    expect(() => loadConfig({ ...real, ALLOW_DEVELOPMENT_WITH_LARK: 'yes' })).toThrow(/^ALLOW_DEVELOPMENT_WITH_LARK:/);
  });

  it('starts with ALLOW_DEVELOPMENT_WITH_LARK=1, and says so in the config main.ts warns from', () => {
    const c = loadConfig({ ...real, ALLOW_DEVELOPMENT_WITH_LARK: '1' });
    expect(c).toMatchObject({ production: false, developmentWithLark: true, lark: { domain: 'feishu' } });
  });

  it('a fake Lark server on loopback is not a tenant: tests and benches run without the override', () => {
    for (const domain of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect(loadConfig({ ...real, NODE_ENV: 'test', LARK_DOMAIN: domain }).developmentWithLark).toBe(false);
    }
    const prod = { ...real, NODE_ENV: 'production', METRICS_TOKEN: 'm'.repeat(16) };
    expect(loadConfig(prod).developmentWithLark).toBe(false);
    expect(loadConfig({}).developmentWithLark).toBe(false);
  });
});

describe('campaign config', () => {
  it('campaign.example.json is valid and complete enough to run as is', async () => {
    const c = await loadCampaignFile(CAMPAIGN_PATH);
    expect(c.admins.length).toBeGreaterThanOrEqual(2);
    expect(c.leaders.length).toBeGreaterThanOrEqual(4);
    expect(c.supervisors.length).toBeGreaterThanOrEqual(2);
    expect(c.members.users.length).toBeGreaterThanOrEqual(8);
    expect(c.announceChatId).toMatch(/^oc_/);
  });

  it('board.gateOnRectifyPlan: on unless a file turns it off (the board then shows items as they start)', () => {
    const base = { name: 'x', admins: [{ openId: 'ou_a' }], topLeader: { openId: 'ou_a' }, members: {} };
    expect(parseCampaign(base).board).toEqual({ gateOnRectifyPlan: true });
    expect(parseCampaign({ ...base, board: {} }).board).toEqual({ gateOnRectifyPlan: true });
    expect(parseCampaign({ ...base, board: { gateOnRectifyPlan: false } }).board).toEqual({ gateOnRectifyPlan: false });
    expect(() => parseCampaign({ ...base, board: { gateOnRectifyPlan: 'no' } })).toThrow(/board\.gateOnRectifyPlan/);
    expect(() => parseCampaign({ ...base, board: { other: 1 } })).toThrow(CampaignError);
  });

  it('refuses a bad file with the field and reason', () => {
    expect(() => parseCampaign({ name: 'x' })).toThrow(/admins/);
    expect(() => parseCampaign({ name: 'x', admins: [{ openId: 'nope' }], topLeader: { openId: 'ou_a' }, members: {} }))
      .toThrow(/admins\.0/);
    expect(() => parseCampaign({ name: 'x', admins: [{ openId: 'ou_a' }], topLeader: { openId: 'ou_a' }, members: {}, unknown: 1 }))
      .toThrow(CampaignError);
  });

  it('resolves emails and mobiles through the contact API and lists the ones that do not resolve', async () => {
    const c = parseCampaign({
      name: 'x', admins: [{ email: 'a@x.cn' }, { mobile: '+8613800000001' }], topLeader: { openId: 'ou_top' },
      members: { users: [{ email: 'ghost@x.cn' }, { mobile: '+8613800000009' }] },
    });
    const api = {
      resolveIds: async () => ({ byEmail: new Map([['a@x.cn', 'ou_a']]), byMobile: new Map([['+8613800000001', 'ou_m']]) }),
    };
    await expect(resolveCampaign(c, api)).rejects.toThrow(/ghost@x\.cn, \+8613800000009/);
    const ok = parseCampaign({
      name: 'x', admins: [{ email: 'A@x.cn' }, { mobile: '+8613800000001' }], topLeader: { openId: 'ou_top' }, members: {},
    });
    expect((await resolveCampaign(ok, api)).admins).toEqual(['ou_a', 'ou_m']);
  });

  it('leaves out a milestone person Lark does not know and lists it, while any other unknown person still stops the start', async () => {
    const file = (extra: object = {}) => parseCampaign({
      name: 'x', admins: [{ email: 'a@x.cn' }], topLeader: { openId: 'ou_top' }, members: {}, ...extra,
      phases: [{
        key: 'p1', name: '第一阶段', start: '2027-02-15', end: '2027-04-30',
        milestones: [
          { name: '动员大会', date: '2027-02-20', remind: [{ email: 'ghost@x.cn' }, { openId: 'ou_r' }, { email: 'A@x.cn' }],
            owner: { mobile: '+8613800000009' }, deliverable: '会议纪要' },
          { name: '测评', date: '2027-03-20', remind: [{ mobile: '+8613800000001' }], owner: { openId: 'ou_o' } },
        ],
      }],
    });
    const api = {
      resolveIds: async () => ({ byEmail: new Map([['a@x.cn', 'ou_a']]), byMobile: new Map([['+8613800000001', 'ou_m']]) }),
    };
    const r = await resolveCampaign(file(), api);
    expect(r.unresolvedMilestonePeople).toEqual(['动员大会: ghost@x.cn', '动员大会: +8613800000009']);
    const [first, second] = milestonesOf(r.campaign);
    expect(r.milestonePeople.get(first!.id)).toEqual({ remind: ['ou_r', 'ou_a'] });
    expect(r.milestonePeople.get(second!.id)).toEqual({ remind: ['ou_m'], owner: 'ou_o' });
    expect(r).not.toHaveProperty('milestoneReminders');
    // The same unknown address as a member stops the start.
    await expect(resolveCampaign(file({ members: { users: [{ email: 'ghost@x.cn' }] } }), api)).rejects.toThrow(/ghost@x\.cn/);
    // Everyone known: nothing to report.
    const all = { resolveIds: async () => ({
      byEmail: new Map([['a@x.cn', 'ou_a'], ['ghost@x.cn', 'ou_g']]),
      byMobile: new Map([['+8613800000001', 'ou_m'], ['+8613800000009', 'ou_n']]),
    }) };
    const ok = await resolveCampaign(file(), all);
    expect(ok.unresolvedMilestonePeople).toEqual([]);
    expect(ok.milestonePeople.get(first!.id)).toEqual({ remind: ['ou_g', 'ou_r', 'ou_a'], owner: 'ou_n' });
  });
});
