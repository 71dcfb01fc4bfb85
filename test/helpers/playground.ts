import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { prepareLocalMode } from '../../src/local/local-mode.js';
import { startService } from '../../src/server.js';
import { deletePrefix, randomPrefix, testRedisUrl } from './redis.js';
import { testClock } from './clock.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The service in local mode, in-process, started the way src/main.ts starts it (PORT=0, own Redis prefix). */
/** A header that reads `title` exactly (the status card "意见处理进度" must not count as "意见处理"). */
const exactly = (title: string) => new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

export async function startLocalService(env: Record<string, string> = {}) {
  const prefix = randomPrefix();
  const dataDir = await mkdtemp(join(tmpdir(), 'pg-data-'));
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, DATA_DIR: dataDir, LOG_LEVEL: 'warn',
    ...env,
  });
  const logs: string[] = [];
  const log = createLogger('warn', new Writable({
    write(chunk, _e, cb) { logs.push(...chunk.toString().split('\n').filter(Boolean)); cb(); },
  }));
  const local = await prepareLocalMode(config, log);
  const service = await startService({
    config: local.config, lark: local.lark, role: 'all', log, campaignPath: local.campaignPath,
    anonSecret: local.anonSecret, extendRoutes: local.extendRoutes, now: testClock(),
  });
  local.announce(service);
  return {
    url: `http://127.0.0.1:${service.port}/playground`,
    /** This run's playground token (the page carries it; API calls send it as x-playground-token). */
    token: local.playgroundToken,
    logs,
    fake: local.fake,
    service,
    async stop() {
      local.closeStreams(); // as src/main.ts does: an open page's event stream never holds up the close
      await service.close();
      await local.close();
      await deletePrefix(testRedisUrl(), local.config.redisPrefix); // local mode's `<prefix>-local`
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Drives the page the way a person does. */
export function playgroundPage(page: Page, shotsDir: string) {
  let step = 0;
  const bot = page.locator('.pg-msg[data-from="bot"]');
  return {
    async open(url: string) {
      await page.goto(url);
      await page.waitForSelector('body[data-ready="1"]');
    },
    async as(openId: string) {
      await page.selectOption('#pg-who', openId);
      await this.loaded('p2p');
    },
    async chat(kind: 'p2p' | 'group') {
      await page.click(`.pg-tab[data-kind="${kind}"]`);
      await this.loaded(kind);
    },
    /** The chat's tab is on and its history is shown. */
    async loaded(kind: 'p2p' | 'group') {
      await page.waitForFunction((k) => {
        const tab = document.querySelector<HTMLElement>(`.pg-tab-on[data-kind="${k}"]`);
        return tab !== null && document.getElementById('pg-list')?.dataset.chat === tab.dataset.chat;
      }, kind);
    },
    async send(text: string) {
      await page.fill('#pg-text', text);
      await page.click('#pg-send');
    },
    /** Chooses a file from "the local disk" (📎): the page sends it as a Lark file message from the person it acts as. */
    async sendFile(name: string, buffer: Buffer, mimeType = 'application/octet-stream') {
      await page.setInputFiles('#pg-file', { name, mimeType, buffer });
    },
    /** The latest bot card whose header reads `title` (waiting for one more than `before` of them). */
    async card(title: string, before = 0): Promise<Locator> {
      const cards = bot.locator('.pg-card').filter({ has: page.locator('.pg-title', { hasText: exactly(title) }) });
      const end = Date.now() + 20_000;
      while ((await cards.count()) <= before) {
        if (Date.now() > end) {
          await page.screenshot({ path: join(shotsDir, `failed-${Date.now()}.png`) });
          const state = await page.evaluate(() => ({
            chat: document.getElementById('pg-list')?.dataset.chat,
            cards: document.querySelectorAll('.pg-card').length,
            heads: [...document.querySelectorAll('.pg-head')].map((h) => h.textContent),
          }));
          throw new Error(`no new card "${title}" within 20 s: ${JSON.stringify(state)}`);
        }
        await page.waitForTimeout(50);
      }
      const card = cards.last();
      // A message shown twice (history, then the stream) or patched is replaced in the list; the locator finds the new node.
      for (let tries = 1; ; tries += 1) {
        try {
          await card.scrollIntoViewIfNeeded({ timeout: 5_000 });
          return card;
        } catch (e) {
          if (tries >= 5 || !/not attached/i.test(String(e))) throw e;
        }
      }
    },
    /** Sends `text` and waits for a new bot card titled `title`. */
    async reply(text: string, title: string): Promise<Locator> {
      const before = await bot.locator('.pg-card').filter({ has: page.locator('.pg-title', { hasText: exactly(title) }) }).count();
      await this.send(text);
      return this.card(title, before);
    },
    async shot(name: string) {
      step += 1;
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(shotsDir, `${String(step).padStart(2, '0')}-${name}.png`) });
    },
    errors: () => page.locator('.pg-error').count(),
  };
}

/** The local service, chromium on a phone-sized page of its playground, and the page driver; `stop` ends all. */
export interface PlaygroundBrowser {
  svc: Awaited<ReturnType<typeof startLocalService>>;
  browser: Browser;
  page: Page;
  ui: ReturnType<typeof playgroundPage>;
  /** Uncaught errors of the page's own script. */
  pageErrors: string[];
  stop(): Promise<void>;
}

export async function startPlaygroundBrowser(shotsDir: string, viewport: { width: number; height: number }): Promise<PlaygroundBrowser> {
  mkdirSync(shotsDir, { recursive: true });
  const svc = await startLocalService();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    svc, browser, page, ui: playgroundPage(page, shotsDir), pageErrors,
    async stop() {
      await browser.close();
      await svc.stop();
    },
  };
}
