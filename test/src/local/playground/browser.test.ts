import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHandlers } from '../../../../handlers/commands.js';
import { cardHandlers } from '../../../../handlers/index.js';
import { sendOpinionReportDraft } from '../../../../handlers/files/draft.js';
import { fmt, msg, t } from '../../../../src/messages/index.js';
import { newMaterialId } from '../../../../src/domain/materials/material.js';
import { newMaterial } from '../../../../src/domain/materials/transitions.js';
import { CHROMIUM, startPlaygroundBrowser, type PlaygroundBrowser } from '../../../helpers/playground.js';

const SHOTS = fileURLToPath(new URL('../../../../test-artifacts/playground/', import.meta.url));
const hasChromium = existsSync(CHROMIUM);
const opinionsBuilt = 'op.submit' in cardHandlers && commandHandlers.opinion !== undefined;
const CAMPAIGN = '区总工会党的群众路线教育实践活动';
const MEMBER = 'ou_member_01';
const ADMIN = 'ou_admin_liu';
const TOP = 'ou_leader_wang';

describe.skipIf(!hasChromium)(`the local playground in a real browser${
  hasChromium ? '' : ` (skipped: ${CHROMIUM} is missing; apt-get install -y chromium)`}`, () => {
  let pg: PlaygroundBrowser;
  let svc: PlaygroundBrowser['svc'];
  let browser: Browser;
  let page: Page;
  let ui: PlaygroundBrowser['ui'];
  let pageErrors: string[];

  beforeAll(async () => {
    pg = await startPlaygroundBrowser(SHOTS, { width: 360, height: 740 });
    ({ svc, browser, page, ui, pageErrors } = pg);
  }, 60_000);

  afterAll(async () => { await pg?.stop(); });

  it('says it is local mode, in the log and on the page', async () => {
    expect(svc.logs.join('\n')).toMatch(/LOCAL MODE.*\/playground/);
    await ui.open(svc.url);
    await expect(page.locator('#pg-local').innerText()).resolves.toMatch(/LOCAL MODE/);
  });

  it('at a phone\'s width (390×844) every command chip is on screen and takes a tap', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    try {
      await phone.goto(svc.url);
      await phone.waitForSelector('body[data-ready="1"]');
      const chips = await phone.evaluate(() => [...document.querySelectorAll<HTMLElement>('.pg-chip-cmd')].map((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { text: el.textContent, inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight,
          onTop: hit === el || el.contains(hit) };
      }));
      expect(chips.map((c) => c.text)).toEqual(['帮助', '提意见', '查询', '意见处理', '意见报告', '测评', '学习', '整改', '进度', '设置']);
      expect(chips.filter((c) => !c.inside || !c.onTop)).toEqual([]);
      await phone.screenshot({ path: `${SHOTS}/phone-390-chips.png` });
      // Playwright's own check that a tap would land (visible, stable, enabled, not covered), on the last chip.
      await phone.locator('.pg-chip-cmd', { hasText: '设置' }).tap({ trial: true });
    } finally {
      await phone.close();
    }
  }, 60_000);

  it('a member sends 帮助 and gets the help card', async () => {
    await ui.as(MEMBER);
    await ui.card(t(fmt.welcomeTitle(CAMPAIGN)));
    const help = await ui.reply('帮助', t(fmt.helpTitle(CAMPAIGN)));
    await expect(help.innerText()).resolves.toContain('提意见');
    await ui.shot('member-help');
    expect(await ui.errors()).toBe(0);
  }, 60_000);

  it('marks an urgent message', async () => {
    const chat = svc.fake.state.p2pChatId(MEMBER);
    const help = svc.fake.messages.filter((m) => m.chatId === chat && m.msgType === 'interactive').at(-1)!;
    await svc.service.deps.lark.urgentApp(help.messageId, [MEMBER]);
    await expect(page.locator(`.pg-msg.pg-urgent[data-msg-id="${help.messageId}"] .pg-urgent-tag`).innerText()).resolves.toContain('加急');
    await ui.shot('member-urgent');
  }, 60_000);

  it('in the announce group, an @-mention of the bot gets an answer in the group', async () => {
    await ui.chat('group');
    await ui.reply('@ 帮助', t(fmt.helpTitle(CAMPAIGN)));
    await expect(page.locator('.pg-msg.pg-mine .pg-at').last().innerText()).resolves.toContain('群众路线助手');
    await ui.shot('member-group-help');
  }, 60_000);

  it('an admin sends 设置 and sees the roles card', async () => {
    await ui.as(ADMIN);
    const roles = await ui.reply('设置', t(msg.rolesCard.title));
    await expect(roles.innerText()).resolves.toContain('刘办公室主任');
    await ui.shot('admin-roles');
    expect(await ui.errors()).toBe(0);
  }, 60_000);

  it('an admin adds a supervisor by @-mention, then removes them from the roles card in place', async () => {
    await ui.send('设置 督导组 @张华');
    const texts = () => page.locator('.pg-msg[data-from="bot"][data-type="text"]').allInnerTexts();
    await expect.poll(async () => (await texts()).at(-1), { timeout: 15_000 }).toContain('张华');
    const roles = await ui.reply('设置', t(msg.rolesCard.title));
    const id = await roles.evaluate((el) => el.closest('[data-msg-id]')!.getAttribute('data-msg-id'));
    page.once('dialog', (d) => void d.accept());
    await roles.locator('button[data-pg-button="callback"]', { hasText: t(msg.rolesCard.removeButton) }).click();
    await expect.poll(() => page.locator('#pg-toast').isVisible()).toBe(true);
    const replaced = page.locator(`[data-msg-id="${id}"]`);
    await expect.poll(async () => (await replaced.locator('.pg-updated').allInnerTexts()).join(), { timeout: 15_000 }).toContain('1');
    await expect.poll(() => replaced.locator('button', { hasText: t(msg.rolesCard.removeButton) }).count()).toBe(0);
    await ui.shot('admin-role-removed');
  }, 60_000);

  describe.skipIf(!opinionsBuilt)('the opinion flow', () => {
    const text = `食堂排队太久，建议错峰就餐 ${Date.now()}`;
    let code = '';

    it('a member fills in 提意见, submits, and reads the receipt code', async () => {
      await ui.as(MEMBER);
      const form = await ui.reply('提意见', t(msg.opinion.formTitle));
      await ui.shot('member-opinion-form');
      for (const select of await form.locator('select').all()) {
        if (await select.inputValue()) continue;
        await select.selectOption((await select.locator('option:not([value=""])').first().getAttribute('value'))!);
      }
      await form.locator('textarea').fill(text);
      await ui.shot('member-opinion-filled');
      await form.locator('button[data-pg-button="submit"]').click();
      const receipt = await ui.card(t(msg.opinion.receiptTitle));
      code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(await receipt.innerText())?.[0] ?? '';
      expect(code).not.toBe('');
      await ui.shot('member-opinion-receipt');
    }, 60_000);

    it('the member sends 查询 <code> and sees the status', async () => {
      const status = await ui.reply(`查询 ${code}`, t(msg.opinion.statusTitle));
      await expect(status.innerText()).resolves.toContain(code);
      await ui.shot('member-opinion-status');
    }, 60_000);

    it('an admin sends 意见处理 and sees the opinion in the triage list', async () => {
      await ui.as(ADMIN);
      const list = await ui.reply('意见处理', t(msg.triage.listTitle));
      await expect(list.innerText()).resolves.toContain(text.slice(0, 20));
      await ui.shot('admin-triage');
      expect(await ui.errors()).toBe(0);
    }, 60_000);
  });

  describe('files from the local disk stand in for Lark file messages', () => {
    const botTexts = () => page.locator('.pg-msg[data-from="bot"][data-type="text"]').allInnerTexts();

    it('a file nobody waits for gets the hint, and shows as the person\'s attachment', async () => {
      await ui.as(MEMBER);
      await ui.sendFile('对照检查材料.docx', Buffer.from('PK\u0003\u0004 first draft'));
      await expect.poll(async () => (await botTexts()).at(-1), { timeout: 15_000 }).toContain('请先在材料卡片上点击「提交新版本」');
      await expect.poll(() => page.locator('.pg-msg.pg-mine .pg-file').count()).toBe(1);
    }, 60_000);

    const TITLE = '实施方案（试行）';
    const cardTitle = t(msg.materials.cardTitle('实施方案', TITLE));

    it('a member opens 材料, taps 提交新版本 → 发送文件, chooses a file, and the material shows the file version', async () => {
      const ctx = svc.service.deps.ctx;
      const m = newMaterial({ id: newMaterialId(), kind: 'plan', title: TITLE, authors: [MEMBER], chain: ['topLeader'], due: '2027-12-20' },
        { by: ADMIN, now: ctx.now() });
      await ctx.store.materials.create(m, { at: ctx.now(), actor: ADMIN, action: 'material.create', detail: { id: m.id } });
      const list = await ui.reply('材料', t(msg.materials.list.title));
      await list.locator('button[data-pg-button="callback"]', { hasText: t(msg.materials.buttons.open) }).first().click();
      const opened = await ui.card(cardTitle);
      await expect(opened.innerText()).resolves.toContain(t(msg.materials.panels.submit));
      await opened.locator('button', { hasText: t(msg.materials.buttons.sendFile) }).click();
      await expect.poll(async () => (await botTexts()).at(-1), { timeout: 15_000 }).toContain(`第 1 稿的文件发到这里`);
      const cardsBefore = await page.locator('.pg-card').filter({ hasText: cardTitle }).count();
      await ui.sendFile('实施方案（试行）.docx', Buffer.alloc(2048, 1));
      const receipt = await ui.card(cardTitle, cardsBefore);
      await expect.poll(() => receipt.innerText(), { timeout: 15_000 }).toContain('已收到文件「实施方案（试行）.docx」（2 KB）');
      await expect(receipt.innerText()).resolves.toContain('文件：实施方案（试行）.docx（2 KB）');
      expect((await ctx.store.materials.get(m.id))?.versions[0]?.source).toMatchObject({ type: 'file', size: 2048 });
      await ui.shot('member-file-version');
    }, 60_000);

    it('the top leader gets the file in the chat and passes the version', async () => {
      await ui.as(TOP);
      const ask = await ui.card(cardTitle);
      await expect(ask.innerText()).resolves.toContain('已转发到本对话');
      const file = page.locator('.pg-msg[data-from="bot"] .pg-file', { hasText: '实施方案（试行）.docx' });
      await expect.poll(() => file.count(), { timeout: 15_000 }).toBe(1);
      const before = await page.locator('.pg-card').filter({ hasText: cardTitle }).count();
      await ask.locator('button[data-pg-button="submit"]', { hasText: t(msg.materials.buttons.pass) }).click();
      await expect.poll(() => page.locator('#pg-toast').innerText(), { timeout: 15_000 }).toContain(t(msg.materials.toast.passed));
      const passed = page.locator('.pg-card').filter({ hasText: cardTitle }).last();
      await expect.poll(() => passed.innerText(), { timeout: 15_000 }).toContain(t(msg.materials.states.accepted));
      expect(await page.locator('.pg-card').filter({ hasText: cardTitle }).count()).toBeGreaterThanOrEqual(before);
      await ui.shot('top-leader-passed-file-version');
    }, 60_000);

    it('a file the bot sends (the opinion report draft) shows as a downloadable attachment', async () => {
      await ui.as(ADMIN);
      const sent = await sendOpinionReportDraft(svc.service.deps.ctx, ADMIN, 'pg-draft-1');
      const link = page.locator('.pg-msg[data-from="bot"] .pg-file', { hasText: sent.fileName });
      await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
      const href = await link.getAttribute('href');
      const res = await page.evaluate(async (u) => {
        const r = await fetch(u!);
        return { status: r.status, bytes: (await r.arrayBuffer()).byteLength, disposition: r.headers.get('content-disposition') };
      }, href);
      expect(res).toMatchObject({ status: 200, bytes: svc.fake.state.files.get(sent.fileKey)!.size });
      await ui.shot('admin-draft-file');
    }, 60_000);
  });

  it('threw no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
