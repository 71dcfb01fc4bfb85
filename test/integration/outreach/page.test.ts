import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkChannel } from '../../../src/domain/outreach/link.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';
import { ADMIN, codeOf, csrfOf, newLink, openOutreachRound, pageClient, snapshot } from '../../helpers/outreach-page.js';

/**
 * The public outreach page over plain HTTP (issue #17): the form, a submit stored as an anonymous opinion of the visit
 * and as ratings in the link's own channel of the round, the receipt code at /o/lookup, and every refusal with its
 * status and a plain page, storing nothing.
 */

let bot: TestBot;
let round = '';
beforeAll(async () => {
  bot = await startTestBot({ env: { TRUST_PROXY: '1' } });
  round = await openOutreachRound(bot, '某某公司');
});
afterAll(async () => { await bot?.stop(); });

const ctx = () => bot.service.deps.ctx;
const CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "form-action 'self'", "base-uri 'none'",
  "frame-ancestors 'none'"].join(';');
const RATINGS = { r0: 'sat', r1: 'basic', r2: 'sat', r3: 'unsat' };
let n = 0;
/** Each test its own address, so the daily limits of one do not reach another. */
const client = () => pageClient(bot.url, `198.51.100.${++n}`);

describe('the outreach page', () => {
  let code = '';

  it('GET renders a small, phone-first form with the round\'s questions, a CSRF token and a honeypot; strict headers', async () => {
    const link = await newLink(bot, { roundId: round });
    const r = await client().get(`/o/${link.token}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Buffer.byteLength(r.text)).toBeLessThan(15_000);
    expect(r.text).toContain('name="viewport"');
    expect(r.text).toContain('走访：某某公司（2027-03-02）');
    for (const f of ['r0', 'r1', 'r2', 'r3']) expect(r.text).toContain(`name="${f}" value="sat"`);
    expect(r.text).toMatch(/name="website" tabindex="-1" autocomplete="off"/);
    expect(r.text).toMatch(/<input type="checkbox" id="wish" name="wish" value="1">/); // off by default
    expect(csrfOf(r.text)).toMatch(/^[\w-]{16}\.\d+\.[\w-]{32}$/);
    expect(r.text).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=|https?:\/\//);
    expect(r.headers.get('content-security-policy')).toBe(CSP);
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(r.headers.get('set-cookie')).toBeNull();
    const js = await client().get(/src="([^"]+page\.js[^"]*)"/.exec(r.text)![1]);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('max-age=31536000');
    expect(Buffer.byteLength(js.text)).toBeLessThanOrEqual(3072);
    expect((await client().get(/href="([^"]+page\.css[^"]*)"/.exec(r.text)![1])).status).toBe(200);
  });

  it('POST stores an anonymous opinion of the visit, its ratings in the link\'s channel and the contact apart', async () => {
    const link = await newLink(bot, { roundId: round });
    const c = client();
    const form = await c.get(`/o/${link.token}`);
    const before = (await ctx().store.opinions.counts()).total ?? 0;
    const r = await c.post(`/o/${link.token}`, {
      csrf: csrfOf(form.text), website: '', category: 'service', target: 'office', text: '希望工会多组织一线职工的技能培训。',
      wish: '1', contact: '张师傅 13800001111', ...RATINGS,
    });
    expect(r.status, r.text).toBe(200);
    code = codeOf(r.text)!;
    expect(code).toBeTruthy();
    expect(r.text).toContain('查询 回执码');
    expect((await ctx().store.opinions.counts()).total).toBe(before + 1);
    const { ids } = await ctx().store.opinions.openPage(0, 50);
    const o = (await ctx().store.opinions.getMany(ids)).find((x) => x.text.startsWith('希望工会多组织'))!;
    expect(o).toMatchObject({ source: 'enterprise', visit: '某某公司（2027-03-02）', anonymous: true, category: 'service', target: 'office' });
    expect(await ctx().store.opinions.contactOf(o.id)).toBe('张师傅 13800001111');
    const channels = await ctx().store.evaluations.channels.tallies(round);
    const mine = channels.find((x) => x.channel === linkChannel(link.id))!;
    expect(mine.tallies.ballots).toEqual({ _other: 1 });
    expect(mine.tallies.counts['union|service|sat|_other']).toBe(1);
    expect(channels[0].tallies.ballots._other ?? 0).toBe(0); // not in the in-Lark box
    expect((await ctx().store.outreachLinks.get(link.id))!.entries).toBe(1);
    // The contact sits under its own key only.
    const dump = await dumpPrefix(testRedisUrl(), bot.prefix);
    const holders = [...dump].filter(([, v]) => v.includes('13800001111')).map(([k]) => k);
    expect(holders).toEqual([`${bot.prefix}:{op}:contact:${o.id}`]);
    // Those who triage see it.
    const card = await bot.click(ADMIN, { a: 'tr.open', id: o.id, page: 0 });
    expect(JSON.stringify(card.card.data)).toContain('来访者留下的联系方式：张师傅 13800001111');
  });

  it('the receipt code looks up at /o/lookup (CSRF bound to the look-up, spent once)', async () => {
    const c = client();
    const form = await c.get('/o/lookup');
    expect(form.status).toBe(200);
    const token = csrfOf(form.text);
    const r = await c.post('/o/lookup', { csrf: token, code: code.toLowerCase() });
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain(`回执码：${code}`);
    expect(r.text).toContain('状态：已收到');
    expect((await c.post('/o/lookup', { csrf: token, code })).status).toBe(403);
    const bad = await c.post('/o/lookup', { csrf: csrfOf(r.text), code: 'ABCD' });
    expect(bad.status).toBe(400);
    expect((await c.post('/o/lookup', { csrf: csrfOf(bad.text), code: 'ABCD-EFGH' })).status).toBe(404);
  });

  it('a refused form comes back (400) with the errors named and the text kept; nothing stored', async () => {
    const link = await newLink(bot, { roundId: round });
    const c = client();
    const before = await snapshot(bot, round, link.id);
    const tries: [Record<string, string>, string][] = [
      [{ text: '短', category: 'service' }, '意见建议内容太短'],
      [{ text: '食堂饭菜价格偏高。', category: 'service', r0: 'sat' }, '满意度评价请逐项选择'],
      [{ text: '食堂饭菜价格偏高。' }, '请选择意见类别'],
      [{ text: '', wish: '1', contact: '电话' }, '留下联系方式时'],
      [{ text: '' }, '请填写意见建议，或完成满意度评价'],
    ];
    for (const [f, error] of tries) {
      const form = await c.get(`/o/${link.token}`);
      const r = await c.post(`/o/${link.token}`, { csrf: csrfOf(form.text), ...f });
      expect(r.status).toBe(400);
      expect(r.text).toContain(error);
      if (f.text) expect(r.text).toContain(`>${f.text}</textarea>`);
    }
    expect(await snapshot(bot, round, link.id)).toBe(before);
  });

  it('expired, revoked and full links, forged or reused CSRF, the honeypot, size and type each refuse plainly, storing nothing',
    async () => {
      const now = ctx().now();
      const open = await newLink(bot, { roundId: round, cap: 1 });
      const expired = await newLink(bot, { roundId: round, validUntil: now - 1 });
      const revoked = await newLink(bot, { roundId: round });
      await ctx().store.outreachLinks.revoke(revoked.id, now, { at: now, actor: ADMIN, action: 'outreach.revoke', detail: {} });
      const c = client();
      const formOf = async (token: string) => csrfOf((await c.get(`/o/${token}`)).text);
      const good = { text: '职工之家活动室开放时间太短。', category: 'service', ...RATINGS };
      const openToken = await formOf(open.token);
      const spare = await formOf(open.token);
      const before = await snapshot(bot, round);

      const forged = `${openToken.slice(0, -4)}AAAA`;
      expect((await c.post(`/o/${open.token}`, { ...good, csrf: forged })).status).toBe(403);
      const other = await newLink(bot, { roundId: round });
      expect((await c.post(`/o/${open.token}`, { ...good, csrf: await formOf(other.token) })).status).toBe(403); // another link's
      const hp = await c.post(`/o/${open.token}`, { ...good, csrf: openToken, website: 'http://spam.example' });
      expect(hp.status).toBe(400);
      expect(hp.text).toContain('无法提交');
      const big = await c.post(`/o/${open.token}`, `csrf=${openToken}&text=${'x'.repeat(17_000)}`);
      expect(big.status).toBe(413);
      const json = await c.post(`/o/${open.token}`, JSON.stringify(good), { 'content-type': 'application/json' });
      expect(json.status).toBe(415);
      for (const [link, status, words] of [[expired, 410, '链接已过期'], [revoked, 410, '链接已停用']] as const) {
        const get = await c.get(`/o/${link.token}`);
        expect(get.status).toBe(410);
        expect(get.text).toContain(words);
        expect(get.text).not.toContain('name="csrf"');
        const post = await c.post(`/o/${link.token}`, { ...good, csrf: openToken });
        expect(post.status).toBe(status);
      }
      expect((await c.get('/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
      expect((await c.get('/o/anything/else')).status).toBe(404);
      expect(await snapshot(bot, round)).toBe(before);

      // The one entry of the cap; then the link is full, and the token spent.
      expect((await c.post(`/o/${open.token}`, { ...good, csrf: openToken })).status).toBe(200);
      const after = await snapshot(bot, round);
      expect((await c.post(`/o/${open.token}`, { ...good, csrf: openToken })).status).toBe(410);
      const full = await c.post(`/o/${open.token}`, { ...good, csrf: spare });
      expect(full.status).toBe(410);
      expect(full.text).toContain('名额已满');
      expect(await snapshot(bot, round)).toBe(after);
      expect((await ctx().store.outreachLinks.get(open.id))!.entries).toBe(1);
    });

  it('a used CSRF token is refused (403) and a forged one too, with "页面已过期，请重新打开链接"', async () => {
    const link = await newLink(bot, { roundId: round });
    const c = client();
    const token = csrfOf((await c.get(`/o/${link.token}`)).text);
    expect((await c.post(`/o/${link.token}`, { csrf: token, text: '第一次提交的意见建议。', category: 'other' })).status).toBe(200);
    const before = await snapshot(bot, round, link.id);
    const again = await c.post(`/o/${link.token}`, { csrf: token, text: '第二次提交的意见建议。', category: 'other' });
    expect(again.status).toBe(403);
    expect(again.text).toContain('页面已过期，请重新打开链接');
    expect(await snapshot(bot, round, link.id)).toBe(before);
  });

  it('limits each address per day (the rightmost X-Forwarded-For entry with TRUST_PROXY=1): 21st submit → 429', async () => {
    const link = await newLink(bot, { roundId: round });
    const a = pageClient(bot.url, '203.0.113.9');
    const token = csrfOf((await a.get(`/o/${link.token}`)).text);
    for (let i = 0; i < 20; i++) expect((await a.post(`/o/${link.token}`, { csrf: token, website: 'x' })).status).toBe(400);
    const over = await a.post(`/o/${link.token}`, { csrf: token, website: 'x' });
    expect(over.status).toBe(429);
    expect(over.text).toContain('今日次数已达上限');
    // A client cannot escape by sending its own X-Forwarded-For: the proxy appends the real address last.
    const spoof = pageClient(bot.url, '10.0.0.1, 203.0.113.9');
    expect((await spoof.post(`/o/${link.token}`, { csrf: token, website: 'x' })).status).toBe(429);
    // Another address is not limited.
    expect((await client().post(`/o/${link.token}`, { csrf: token, website: 'x' })).status).toBe(400);
    expect((await ctx().store.outreachLinks.get(link.id))!.entries).toBe(0);
  });

  it('ratings for a round that has closed are refused with a clear message, nothing stored', async () => {
    const closing = await openOutreachRound(bot, '某某街道');
    const link = await newLink(bot, { roundId: closing, contact: '某某街道' });
    const c = client();
    const token = csrfOf((await c.get(`/o/${link.token}`)).text);
    expect((await bot.click(ADMIN, { a: 'ev.close', round: closing })).toast.type).toBe('success');
    const before = await snapshot(bot, closing, link.id);
    const r = await c.post(`/o/${link.token}`, { csrf: token, text: '建议增加夜班班车。', category: 'service', ...RATINGS });
    expect(r.status).toBe(400);
    expect(r.text).toContain('本次满意度评价已结束');
    expect(r.text).toContain('>建议增加夜班班车。</textarea>');
    expect(await snapshot(bot, closing, link.id)).toBe(before);
    // The page now offers the opinion only.
    expect((await c.get(`/o/${link.token}`)).text).not.toContain('name="r0"');
  });

  it('logs only the route and the outcome', () => {
    const lines = bot.logs.filter((l) => l.includes('outreach'));
    expect(lines.some((l) => l.includes('"outcome":"ok"'))).toBe(true);
    for (const l of bot.logs) expect(l).not.toMatch(/198\.51\.100\.|203\.0\.113\.|\/o\/[\w-]{43}|13800001111/);
  });
});
