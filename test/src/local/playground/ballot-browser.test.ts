import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardHandlers } from '../../../../handlers/index.js';
import { counterField } from '../../../../src/domain/evaluations/round.js';
import type { CardEvent } from '../../../../src/pipeline.js';
import { TEST_START } from '../../../helpers/clock.js';
import { CHROMIUM, startPlaygroundBrowser, type PlaygroundBrowser } from '../../../helpers/playground.js';

/**
 * The stepped ballot (issue #14) on a phone-sized screen, 390 × 844: a voter answers a 5-person × 5-item
 * democratic ballot with the "全部好" shortcut and two changes, tapping the card's own buttons in the
 * playground. Counts the taps (≤ 15) and checks each row of grades sits on one line inside the screen.
 */

const SHOTS = fileURLToPath(new URL('../../../../test-artifacts/playground-ballot/', import.meta.url));
const hasChromium = existsSync(CHROMIUM);
const ADMIN = 'ou_admin_liu';
const VOTER = 'ou_member_01';
const TITLE = '手机测评';

describe.skipIf(!hasChromium)('the stepped ballot in a real browser at 390 × 844', () => {
  let pg: PlaygroundBrowser;
  let svc: PlaygroundBrowser['svc'];
  let ui: PlaygroundBrowser['ui'];
  let pageErrors: string[];

  beforeAll(async () => {
    pg = await startPlaygroundBrowser(SHOTS, { width: 390, height: 844 });
    ({ svc, ui, pageErrors } = pg);
  }, 60_000);

  afterAll(async () => { await pg?.stop(); });

  /** The admin's part, as the service's own handlers (the admin journey is covered elsewhere): create and open the round. */
  async function openRound(): Promise<string> {
    const ctx = svc.service.deps.ctx;
    let n = 0;
    const click = (value: Record<string, unknown>, formValue?: Record<string, unknown>): CardEvent =>
      ({ type: 'card_action', eventId: `evt_ballot_browser_${n++}`, operatorOpenId: ADMIN, value: { v: 1, ...value }, formValue });
    const form = await cardHandlers['ev.new']({ v: 1, a: 'ev.new' }, click({ a: 'ev.new' }), ctx);
    const subjects = [...new Set([...JSON.stringify(form.card).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]))];
    const closes = new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';
    const created = await cardHandlers['ev.create']({ v: 1, a: 'ev.create' }, click({ a: 'ev.create' }, {
      ev_title: TITLE, ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes, ev_k: '5', ev_subj: subjects,
    }), ctx);
    expect(created.toast?.type, JSON.stringify(created)).toBe('success');
    const id = (await ctx.store.evaluations.list()).find((r) => r.title === TITLE)!.id;
    const opened = await cardHandlers['ev.open']({ v: 1, a: 'ev.open', round: id }, click({ a: 'ev.open', round: id }), ctx);
    expect(opened.toast?.type, JSON.stringify(opened)).toBe('success');
    return id;
  }

  it('a voter answers 5 people × 5 items with the shortcut and two changes in ≤ 15 taps; exactly those choices count', async () => {
    const roundId = await openRound();
    await ui.open(svc.url);
    await ui.as(VOTER);
    let ballot = await ui.card(TITLE);
    let taps = 0;
    const row = (card: Locator, nth: number) => card.locator('.pg-cols').nth(nth).locator('button');
    /** Taps the button reading `label` in row `r` (0: 全部评为, 1–5: the items, 6: back / on); waits for the card to change. */
    const tap = async (r: number, label: string) => {
      const before = await ballot.innerText();
      await row(ballot, r).filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
      taps += 1;
      await expect.poll(async () => {
        ballot = await ui.card(TITLE);
        return ballot.innerText();
      }, { timeout: 15_000 }).not.toBe(before);
    };
    await expect(ballot.innerText()).resolves.toContain('第 1/5 位');
    await ui.shot('ballot-first-person');
    // Every row of grades on one line, inside the screen: the shortcut row, then one per item.
    for (let r = 0; r < 6; r += 1) {
      const boxes = await Promise.all((await row(ballot, r).all()).map((b) => b.boundingBox()));
      expect(boxes, `row ${r}`).toHaveLength(4);
      expect(new Set(boxes.map((b) => Math.round(b!.y))).size, `row ${r} on one line`).toBe(1);
      expect(Math.max(...boxes.map((b) => b!.x + b!.width)), `row ${r} inside 390 px`).toBeLessThanOrEqual(390);
    }
    for (let person = 0; person < 5; person += 1) {
      await tap(0, '好');
      if (person === 0) {
        await tap(2, '较好'); // the second item of the first person
        await ui.shot('ballot-shortcut-and-change');
      }
      if (person === 3) await tap(5, '差'); // the fifth item of the fourth person
      await tap(6, person < 4 ? '下一位' : '核对并提交');
    }
    const summary = await ballot.innerText();
    expect(summary).toContain('提交后不能修改');
    expect(summary).toContain('官僚主义：较好；其余各项：好');
    expect(summary).toContain('总体评价：差；其余各项：好');
    await ui.shot('ballot-summary');
    await ballot.locator('button[data-pg-button="submit"]').click();
    taps += 1;
    await ui.card('测评票已提交，谢谢！');
    await ui.shot('ballot-voted');
    expect(taps).toBe(13);
    expect(taps).toBeLessThanOrEqual(15);

    const store = svc.service.deps.ctx.store.evaluations;
    const round = (await store.getMeta(roundId))!;
    const tallies = await store.tallies(roundId);
    const cast = Object.entries(tallies.ballots).filter(([, n]) => n > 0);
    expect(cast).toHaveLength(1);
    const g = cast[0][0];
    const expected: Record<string, number> = {};
    round.subjects.forEach((s, si) => round.dimensions.forEach((d, di) => {
      const grade = si === 0 && di === 1 ? 'fair' : si === 3 && di === 4 ? 'poor' : 'good';
      expected[counterField(s.key, d.key, grade, g)] = 1;
    }));
    expect(Object.fromEntries(Object.entries(tallies.counts).filter(([, n]) => n > 0))).toEqual(expected);
    expect(await ui.errors()).toBe(0);
  }, 120_000);

  it('threw no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
