import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { ledgerItemSchema, newItemId, type LedgerItem } from '../../../src/domain/ledger/item.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/** 回头看 end to end: start, re-check cards to each responsible leader, holds / reopen, the summary to the admins. */

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

const ADMIN = 'ou_admin_liu';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const str = (x: unknown) => JSON.stringify(x);
const click: TestBot['click'] = (openId, value, formValue) => bot.click(openId, value, formValue);
const ledger = () => bot.service.deps.ctx.store.ledger;
const lookbacks = () => bot.service.deps.ctx.store.lookbacks;
const cardsTo = (openId: string, needle: string) => bot.fake.messagesTo(openId).filter((m) => str(m.content).includes(needle));

/** A signed-off item, stored as the ledger would have left it. */
async function closedItem(problem: string, leader: string, owner = 'ou_member_01'): Promise<LedgerItem> {
  const now = bot.service.deps.ctx.now();
  const base = newItem({
    problem, source: { kind: 'self' }, wind: 'formalism', goal: '目标', measures: '措施', owner, leader, coOwners: [], deadline: '2027-06-30',
    milestones: [], commitment: '公开承诺', linkedRounds: [],
  }, newItemId(), { by: ADMIN, now });
  const item = ledgerItemSchema.parse({ ...base, status: 'closed', summary: '已完成', review: '同意销号',
    history: [...base.history, { at: now, by: leader, what: 'close', from: 'review', to: 'closed' }] });
  return ledger().create(item, { at: now, actor: ADMIN, action: 'ledger.create', detail: {} });
}

describe('回头看', () => {
  it('only admins start it; with nothing signed off it says so and stores nothing', async () => {
    const r = await click('ou_member_02', { a: 'lb.start' });
    expect(r.toast.type).toBe('error');
    const s = await click('ou_super_wu', { a: 'lb.start' });
    expect(s.toast.type).toBe('error');
    const empty = await click(ADMIN, { a: 'lb.start' });
    expect(empty.toast.content).toContain('没有已销号');
    expect(await lookbacks().latestId()).toBeUndefined();
  });

  it('sends each leader their signed-off items, records each check once, reopens with a reason, and sums up for the admins', async () => {
    const a = await closedItem('会议过多<script>', ZHAO);
    const b = await closedItem('文件审批慢', ZHAO);
    const c = await closedItem('下基层少', SUN);
    const started = await click(ADMIN, { a: 'lb.start' });
    expect(started.toast.type, str(started)).toBe('success');
    const lbId = (await lookbacks().latestId())!;
    expect(lbId).toMatch(/^lb_/);
    await bot.until(() => cardsTo(ZHAO, lbId).length === 1 && cardsTo(SUN, lbId).length === 1, 10_000, 're-check cards');
    const zhaoCard = cardsTo(ZHAO, lbId)[0]!.content;
    const sunCard = cardsTo(SUN, lbId)[0]!;
    expect(validateCard(zhaoCard as never)).toEqual([]);
    expect(str(zhaoCard)).toContain(a.id);
    expect(str(zhaoCard)).toContain(b.id);
    expect(str(zhaoCard)).not.toContain(c.id);

    // Someone else's item, a supervisor, a member: refused, nothing recorded.
    expect((await click(SUN, { a: 'lb.holds', lb: lbId, id: a.id })).toast.type).toBe('error');
    expect((await click('ou_super_wu', { a: 'lb.holds', lb: lbId, id: a.id })).toast.type).toBe('error');
    expect((await click('ou_member_01', { a: 'lb.reopen', lb: lbId, id: a.id }, { lb_reason_0: '反弹' })).toast.type).toBe('error');
    expect((await lookbacks().outcomes(lbId)).size).toBe(0);

    // Holds, once; the clicked card shows it.
    const held = await click(ZHAO, { a: 'lb.holds', lb: lbId, id: a.id });
    expect(held.toast.type).toBe('success');
    expect(str(held.card.data)).toContain('已确认整改到位');
    expect((await click(ZHAO, { a: 'lb.holds', lb: lbId, id: a.id })).toast.content).toContain('已经复查过');

    // Reopen needs a reason (row 1 of Zhao's card); without one nothing changes.
    expect((await click(ZHAO, { a: 'lb.reopen', lb: lbId, id: b.id }, { lb_reason_1: '  ' })).toast.type).toBe('error');
    expect((await ledger().get(b.id))!.status).toBe('closed');
    const re = await click(ZHAO, { a: 'lb.reopen', lb: lbId, id: b.id }, { lb_reason_1: '群众反映又出现了' });
    expect(re.toast.type, str(re)).toBe('success');
    const reopened = (await ledger().get(b.id))!;
    expect(reopened.status).toBe('active');
    expect(reopened.needsDeadline).toBe(true);
    expect(reopened.history.at(-1)?.note).toBe('群众反映又出现了');
    expect((await click(ZHAO, { a: 'lb.holds', lb: lbId, id: b.id })).toast.content).toContain('已经复查过');

    // An admin records the last check for Sun: Sun's card is patched in place, and the admins get the summary once.
    const last = await click(ADMIN, { a: 'lb.holds', lb: lbId, id: c.id });
    expect(last.toast.type).toBe('success');
    await bot.until(() => cardsTo(ADMIN, '回头看结果').length >= 1, 10_000, 'summary to the admins');
    await bot.idle();
    const summaries = cardsTo(ADMIN, '回头看结果');
    expect(summaries).toHaveLength(1);
    expect(str(summaries[0]!.content)).toContain('整改到位 2 项，重新整改 1 项，待复查 0 项');
    expect(cardsTo('ou_admin_chen', '回头看结果')).toHaveLength(1);
    // The patched card has no buttons left, so find it by the message sent first.
    await bot.until(() => sunCard.patches.length >= 1, 10_000, 'Sun card patched');
    expect(str(sunCard.patches.at(-1))).toContain('已确认整改到位');

    // The summary on demand: readers only.
    expect((await click('ou_member_02', { a: 'lb.summary' })).toast.type).toBe('error');
    const sum = await click('ou_super_wu', { a: 'lb.summary' });
    expect(validateCard(sum.card.data)).toEqual([]);
    expect(str(sum.card.data)).toContain('群众反映又出现了');

    // Every step is in the audit log.
    const actions = (await bot.service.deps.ctx.store.audit.recent(50)).map((e: { action: string }) => e.action);
    expect(actions)
      .toEqual(expect.arrayContaining(['ledger.lookback_start', 'ledger.lookback_holds', 'ledger.lookback_reopen', 'ledger.reopen']));
  });

  it('导出台账: readers get the XLSX by direct message; members are refused and nothing is queued', async () => {
    const refused = await click('ou_member_03', { a: 'lg.export' });
    expect(refused.toast.type).toBe('error');
    const ok = await click('ou_super_zheng', { a: 'lg.export' });
    expect(ok.toast.type, str(ok)).toBe('success');
    await bot.until(() => bot.fake.messagesTo('ou_super_zheng').some((m) => m.msgType === 'file'), 15_000, 'the ledger export');
    expect(bot.fake.messagesTo('ou_member_03').some((m) => m.msgType === 'file')).toBe(false);
    const files = (await bot.service.deps.queues.export.getJobs(['completed'])).map((j) => j.data);
    expect(files).toEqual([{ kind: 'ledger-export', format: 'xlsx', requester: 'ou_super_zheng', requestId: expect.any(String) }]);
  });

  it('check cards still needed after 13 days are re-sent, the old ones pointing to them; ' +
    'once, and only to leaders with items left', async () => {
    const d = await closedItem('基层调研不深', ZHAO);
    const e = await closedItem('联系职工不够', SUN);
    // The double-click lock of the earlier start would hold for a minute.
    await bot.service.deps.ctx.store.kv.releaseOnce('lookback-start');
    expect((await click(ADMIN, { a: 'lb.start' })).toast.type).toBe('success');
    const lbId = (await lookbacks().latestId())!;
    const queue = bot.service.deps.queues.ledger;
    expect(await queue.getJob(`lbr-${lbId}-1`)).toBeTruthy();
    await bot.until(() => cardsTo(ZHAO, lbId).length === 1 && cardsTo(SUN, lbId).length === 1, 10_000, 'first cards');
    // Sun checks everything of theirs; Zhao leaves theirs open.
    const lb = (await lookbacks().get(lbId))!;
    for (const i of lb.items.filter((x) => x.leader === SUN)) {
      expect((await click(SUN, { a: 'lb.holds', lb: lbId, id: i.id })).toast.type).toBe('success');
    }
    const zhaoOld = cardsTo(ZHAO, lbId)[0]!;
    await (await queue.getJob(`lbr-${lbId}-1`))!.promote();
    // The old card is patched to the moved card (no buttons left, so no look-back id in it); the fresh one has them.
    const fresh = () => cardsTo(ZHAO, lbId).find((m) => m !== zhaoOld);
    await bot.until(() => fresh() !== undefined, 10_000, 'the re-sent card');
    await bot.until(() => zhaoOld.patches.length >= 1, 10_000, 'the old card patched');
    expect(str(zhaoOld.content)).toContain('已过期');
    // Sun has nothing left to check: no new card.
    expect(bot.fake.messagesTo(SUN).filter((m) => str(m.content).includes(lbId) || str(m.content).includes('已过期'))).toHaveLength(1);
    expect(await lookbacks().gen(lbId)).toBe(1);
    // A second run of generation 1 changes nothing; generation 2 is waiting.
    const { resendLookback } = await import('../../../handlers/ledger/steps/lookback.js');
    expect(await resendLookback(lbId, 1, bot.service.deps.ctx)).toBe('duplicate');
    expect(await queue.getJob(`lbr-${lbId}-2`)).toBeTruthy();
    const card = fresh()!;
    expect(validateCard(card.content as never)).toEqual([]);
    expect(str(card.content)).toContain(d.id);
    expect(str(card.content)).not.toContain(e.id);
  });
});
