import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localParts } from '../../../../src/domain/calendar.js';
import { msg, t } from '../../../../src/messages/index.js';
import { CHROMIUM, startPlaygroundBrowser, type PlaygroundBrowser } from '../../../helpers/playground.js';

/**
 * A whole 专题民主生活会 in the playground, tapped through as the people of the example campaign (issue 16): the office
 * creates it from 生活会 → 新建生活会, its card names the missing preconditions, the top leader starts it with a written
 * reason, an attendee signs in, the office records his self-criticism and a measure, he confirms, the measure becomes a
 * draft ledger item, the office ends the meeting and the 专题报告 material is in 材料.
 */

const SHOTS = fileURLToPath(new URL('../../../../test-artifacts/playground-meeting/', import.meta.url));
const hasChromium = existsSync(CHROMIUM);
const [ADMIN, TOP, ZHAO] = ['ou_admin_liu', 'ou_leader_wang', 'ou_leader_zhao'];
const TITLE = '班子专题民主生活会（试）';
const REASON = '督导组已确定会期，对照检查材料会后补齐';
const G = msg.meetings;
const B = G.buttons;

describe.skipIf(!hasChromium)('a whole meeting in the playground', () => {
  let pg: PlaygroundBrowser;
  let page: Page;
  let ui: PlaygroundBrowser['ui'];
  const ctx = () => pg.svc.service.deps.ctx;
  const meeting = async () => (await ctx().store.meetings.list()).find((m) => m.title === TITLE);
  const exactly = (title: string) => new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const titled = (title: string) => page.locator('.pg-msg[data-from="bot"] .pg-card')
    .filter({ has: page.locator('.pg-title', { hasText: exactly(title) }) });
  const toast = async (text: string) => expect.poll(() => page.locator('#pg-toast').innerText(), { timeout: 15_000 }).toContain(text);
  /** Taps `button` on a card and waits for one more card titled `title` (another title: the tapped card replaced, or a new one). */
  async function tapTo(card: Locator, button: string, title: string): Promise<Locator> {
    const before = await titled(title).count();
    await card.locator('button', { hasText: button }).first().click();
    return ui.card(title, before);
  }
  async function openFromList(): Promise<Locator> {
    const list = await ui.reply('生活会', t(G.list.title));
    return tapTo(list, TITLE, TITLE);
  }

  beforeAll(async () => {
    pg = await startPlaygroundBrowser(SHOTS, { width: 390, height: 844 });
    ({ page, ui } = pg);
    await ui.open(pg.svc.url);
  }, 60_000);
  afterAll(async () => { await pg?.stop(); });

  it('the office creates a 专题民主生活会; its card names what is missing', async () => {
    await ui.as(ADMIN);
    const list = await ui.reply('生活会', t(G.list.title));
    const form = await tapTo(list, t(B.new), t(G.form.newTitle));
    // Twenty minutes from the campaign clock's now: sign-in (from 30 minutes before) is open at once.
    const start = localParts(ctx().now() + 20 * 60_000, 'Asia/Shanghai');
    await form.locator('input[name="mg_title"]').fill(TITLE);
    await form.locator('input[name="mg_day"]').fill(start.day);
    await form.locator('input[name="mg_time"]').fill(start.time);
    await form.locator('input[name="mg_place"]').fill('三楼会议室');
    await form.locator('.pg-multi[data-name="mg_invited"] label', { hasText: '吴组长' }).click();
    await ui.shot('office-meeting-form');
    const before = await titled(TITLE).count();
    await form.locator('button[data-pg-button="submit"]', { hasText: t(B.create) }).click();
    await toast(t(G.toast.created));
    const card = await ui.card(TITLE, before);
    const text = await card.innerText();
    expect(text).toContain('民主生活会方案：尚未审阅通过');
    expect(text).toContain('王主席的对照检查材料');
    expect(text).toContain('赵副主席的对照检查材料');
    expect((await meeting())?.state).toBe('planned');
    await ui.shot('office-meeting-missing');
  }, 90_000);

  it('the top leader starts it over the missing preconditions with a written reason', async () => {
    await ui.as(TOP);
    const card = await openFromList();
    const form = await tapTo(card, t(B.overrideForm), t(G.form.overrideTitle));
    await expect(form.innerText()).resolves.toContain('民主生活会方案');
    await form.locator('textarea[name="mg_o_reason"], input[name="mg_o_reason"]').fill(REASON);
    await form.locator('button[data-pg-button="submit"]').click();
    await toast(t(G.toast.startedOverride));
    await expect.poll(async () => (await meeting())?.state, { timeout: 15_000 }).toBe('started');
    expect((await meeting())?.override?.reason).toBe(REASON);
    await ui.shot('top-leader-override');
  }, 90_000);

  it('an attendee signs in', async () => {
    await ui.as(ZHAO);
    const card = await openFromList();
    await card.locator('button', { hasText: t(B.signIn) }).click();
    await toast(t(G.toast.signedIn));
    await expect.poll(async () => Boolean((await meeting())?.signIns[ZHAO]), { timeout: 15_000 }).toBe(true);
    await ui.shot('attendee-signed-in');
  }, 90_000);

  it('the office records his self-criticism, the criticism he received and a measure', async () => {
    await ui.as(ADMIN);
    const card = await openFromList();
    const record = await tapTo(card, '赵副主席：', t(G.form.recordTitle('赵副主席')));
    await record.locator('textarea[name="mg_r_self"]').fill('调查研究不够深入，联系基层不够经常');
    await record.locator('textarea[name="mg_r_received"]').fill('到基层单位调研次数偏少');
    await record.locator('textarea[name="mg_r_measures"]').fill('每月到基层工会走访一次');
    await record.locator('button[data-pg-button="submit"]').click();
    await toast(t(G.toast.recordSaved));
    await expect.poll(async () => (await meeting())?.records[ZHAO]?.measures, { timeout: 15_000 }).toEqual(['每月到基层工会走访一次']);
    await ui.shot('office-record-saved');
  }, 90_000);

  it('the attendee confirms his own record', async () => {
    await ui.as(ZHAO);
    const ask = page.locator('.pg-msg[data-from="bot"] .pg-card').filter({ has: page.locator('button', { hasText: t(B.confirm) }) });
    await expect.poll(() => ask.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(ask.last().innerText()).resolves.toContain('调查研究不够深入');
    await ask.last().locator('button', { hasText: t(B.confirm) }).click();
    await toast(t(G.toast.confirmed));
    await expect.poll(async () => (await meeting())?.records[ZHAO]?.state, { timeout: 15_000 }).toBe('confirmed');
    await ui.shot('attendee-confirmed');
  }, 90_000);

  it('the office turns the measure into a draft ledger item, ends the meeting, and the 专题报告 is in 材料', async () => {
    await ui.as(ADMIN);
    const card = await openFromList();
    const record = await tapTo(card, '赵副主席：', t(G.form.recordTitle('赵副主席')));
    await record.locator('button', { hasText: t(B.measure(1)) }).click();
    await expect.poll(async () => (await ctx().store.ledger.list()).filter((i) => i.source.kind === 'meeting').length, { timeout: 15_000 })
      .toBe(1);
    const item = (await ctx().store.ledger.list()).find((i) => i.source.kind === 'meeting')!;
    expect(item).toMatchObject({ status: 'draft', owner: ZHAO, problem: '每月到基层工会走访一次', source: { ref: (await meeting())!.id } });
    await toast(t(G.toast.measureDone(item.seq)));
    await ui.shot('office-measure-to-ledger');
    const back = await tapTo(record, t(B.back), TITLE);
    page.once('dialog', (d) => void d.accept());
    await back.locator('button', { hasText: t(B.end) }).click();
    await expect.poll(async () => (await meeting())?.state, { timeout: 15_000 }).toBe('ended');
    const reportTitle = t(G.notices.reportTitle(TITLE));
    await expect.poll(() => titled(TITLE).last().innerText(), { timeout: 15_000 }).toContain(reportTitle);
    const report = (await ctx().store.materials.list()).find((m) => m.kind === 'meetingReport')!;
    expect(report.title).toBe(reportTitle);
    const materials = await ui.reply('材料', t(msg.materials.list.title));
    await expect(materials.innerText()).resolves.toContain(reportTitle);
    await ui.shot('office-meeting-ended-report');
    expect(await ui.errors()).toBe(0);
    expect(pg.pageErrors).toEqual([]);
  }, 90_000);
});
