import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { CHROMIUM } from '../../helpers/playground.js';
import { ADMIN, newLink, openOutreachRound, snapshot } from '../../helpers/outreach-page.js';

/**
 * The outreach page in a real browser (issue #17): Debian's chromium on a phone-sized viewport opens a link, gives an
 * opinion and ratings, reads the receipt code and looks it up in the bot and on /o/lookup. An expired link, a revoked
 * link, an over-cap burst and a forged CSRF token each get a clear page and store nothing; every request stays on
 * the page's own origin, and nothing scrolls sideways at 390 px.
 */

const ARGS = ['--headless', '--no-sandbox', '--disable-background-networking'];
const VIEWPORT = { width: 390, height: 844 };

const hasChromium = existsSync(CHROMIUM);

let bot: TestBot;
let browser: Browser;
let round = '';
const requests: string[] = [];
beforeAll(async () => {
  if (!hasChromium) return;
  bot = await startTestBot();
  round = await openOutreachRound(bot, '某某公司');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

async function phone(): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  page.on('request', (r) => requests.push(r.url()));
  return page;
}

async function fill(page: Page, text: string): Promise<void> {
  await page.selectOption('#category', 'service');
  await page.selectOption('#target', 'office');
  await page.fill('#text', text);
  for (const [i, g] of ['sat', 'basic', 'sat', 'unsat'].entries()) await page.check(`input[name="r${i}"][value="${g}"]`);
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasChromium)(`the outreach page in a phone browser${
  hasChromium ? '' : ` (skipped: ${CHROMIUM} is missing; apt-get install -y chromium)`}`, () => {
  let code = '';

  it('opens a link, submits an opinion with ratings and a contact wish, and shows the receipt code', async () => {
    const link = await newLink(bot, { roundId: round });
    const page = await phone();
    await page.goto(`${bot.url}/o/${link.token}`);
    expect(await noSideScroll(page)).toBe(true);
    // The contact input shows only when its box is ticked (with JavaScript; without, it is always there).
    expect(await page.isVisible('#contact')).toBe(false);
    await fill(page, '希望工会多组织一线职工的技能培训。');
    expect(await page.textContent('#count')).toContain('17 / 1000');
    await page.check('#wish');
    expect(await page.isVisible('#contact')).toBe(true);
    await page.fill('#contact', '李师傅 13900002222');
    expect(await noSideScroll(page)).toBe(true);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    code = (await page.textContent('#receipt-code'))!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await noSideScroll(page)).toBe(true);
    const mine = (await bot.service.deps.ctx.store.evaluations.channels.tallies(round)).find((c) => c.channel === `link-${link.id}`)!;
    expect(mine.tallies.ballots).toEqual({ _other: 1 });
    await page.close();
  });

  it('the code looks up in the bot (查询 in a p2p chat) and on /o/lookup', async () => {
    const member = 'ou_member_01';
    const chatId = bot.fake.state.p2pChatId(member);
    const event = messageEvent({ senderOpenId: member, chatId, chatType: 'p2p', text: `查询 ${code}` });
    const pushed = await bot.push('im.message.receive_v1', event);
    expect(pushed.status).toBe(200);
    const answered = () => bot.fake.messagesTo(chatId).find((m) => JSON.stringify(m.content).includes(code));
    await bot.until(() => answered() !== undefined, 10_000, 'the look-up answer');
    expect(JSON.stringify(answered()!.content)).toContain('已收到');

    const page = await phone();
    await page.goto(`${bot.url}/o/lookup`);
    await page.fill('#code', code.replace('-', '').toLowerCase());
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.textContent('#answer')).toContain('状态：已收到');
    expect(await noSideScroll(page)).toBe(true);
    await page.close();
  });

  it('an expired link and a link revoked while its form was open each get a clear page; nothing stored', async () => {
    const ctx = bot.service.deps.ctx;
    const expired = await newLink(bot, { roundId: round, validUntil: ctx.now() - 1 });
    const revoked = await newLink(bot, { roundId: round });
    const page = await phone();
    const before = await snapshot(bot, round);
    const gone = await page.goto(`${bot.url}/o/${expired.token}`);
    expect(gone!.status()).toBe(410);
    expect(await page.textContent('h1')).toBe('链接已过期');
    await page.goto(`${bot.url}/o/${revoked.token}`);
    await fill(page, '职工之家活动室开放时间太短。');
    await ctx.store.outreachLinks.revoke(revoked.id, ctx.now(), { at: ctx.now(), actor: ADMIN, action: 'outreach.revoke', detail: {} });
    const [answer] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(answer!.status()).toBe(410);
    expect(await page.textContent('h1')).toBe('链接已停用');
    expect(await page.textContent('main')).toContain('没有被记录');
    expect(await snapshot(bot, round)).toBe(before);
    await page.close();
  });

  it('an over-cap burst: six forms opened, then submitted at once, on a link of cap 3 → three stored', async () => {
    const link = await newLink(bot, { roundId: round, cap: 3 });
    const pages = await Promise.all(Array.from({ length: 6 }, () => phone()));
    for (const [i, p] of pages.entries()) {
      await p.goto(`${bot.url}/o/${link.token}`);
      await fill(p, `第 ${i + 1} 位职工的意见建议。`);
    }
    const before = (await bot.service.deps.ctx.store.opinions.counts()).total ?? 0;
    const answers = await Promise.all(pages.map(async (p) => {
      const [res] = await Promise.all([p.waitForNavigation(), p.click('button[type=submit]')]);
      return { status: res!.status(), h1: await p.textContent('h1') };
    }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 410 && a.h1 === '名额已满')).toHaveLength(3);
    expect((await bot.service.deps.ctx.store.opinions.counts()).total).toBe(before + 3);
    const mine = (await bot.service.deps.ctx.store.evaluations.channels.tallies(round)).find((c) => c.channel === `link-${link.id}`)!;
    expect(mine.tallies.ballots).toEqual({ _other: 3 });
    expect((await bot.service.deps.ctx.store.outreachLinks.get(link.id))!.entries).toBe(3);
    for (const p of pages) await p.close();
  });

  it('a forged CSRF token gets "页面已过期，请重新打开链接"; nothing stored', async () => {
    const link = await newLink(bot, { roundId: round });
    const page = await phone();
    await page.goto(`${bot.url}/o/${link.token}`);
    await fill(page, '建议延长职工书屋开放时间。');
    await page.evaluate(() => {
      const csrf = document.querySelector<HTMLInputElement>('input[name="csrf"]')!;
      csrf.value = `${csrf.value.slice(0, -6)}AAAAAA`;
    });
    const before = await snapshot(bot, round, link.id);
    const [answer] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(answer!.status()).toBe(403);
    expect(await page.textContent('main')).toContain('页面已过期，请重新打开链接');
    expect(await snapshot(bot, round, link.id)).toBe(before);
    await page.close();
  });

  it('made no request off its own origin', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !u.startsWith(`${bot.url}/`))).toEqual([]);
  });
});
