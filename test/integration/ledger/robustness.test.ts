import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { ITEM_FORM } from '../../../src/domain/ledger/form.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { resumeLadders } from '../../../jobs/ledger/queue.js';
import { BOARD_DAILY_ID } from '../../../jobs/board/queue.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/** What a crash, a double click or a change of hands must not break: ladders resume, one item per opinion, decisions follow the decider. */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const LEADER = 'ou_leader_zhao';
const NEW_LEADER = 'ou_leader_sun';
const clock = instantOf('2027-07-01', '10:00', 'Asia/Shanghai');
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ now: () => clock }); });
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const click: TestBot['click'] = (openId, value, formValue) => bot.click(openId, value, formValue);
const ctx = () => bot.service.deps.ctx;
const ladderJobs = async (id: string) => (await bot.service.deps.queues.ledger.getJobs(['delayed', 'waiting']))
  .map((j) => j.id!).filter((j) => j.startsWith(`lad-${id}-`)).sort();

async function activeItem(problem: string): Promise<string> {
  const item = await ctx().store.ledger.create(newItem({
    problem, source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: OWNER, leader: LEADER,
    coOwners: [], deadline: '2027-07-20', milestones: [], commitment: '', linkedRounds: [],
  }, newItemId(), { by: ADMIN, now: clock }), { at: clock, actor: ADMIN, action: 'ledger.create', detail: {} });
  expect((await click(ADMIN, { a: 'lg.activate', id: item.id })).toast.type).toBe('success');
  return item.id;
}

describe('ledger robustness', () => {
  it('a ladder whose jobs were lost is resumed at worker start; a resumed run adds nothing twice', async () => {
    const id = await activeItem('台账一');
    const before = await ladderJobs(id);
    expect(before.length).toBeGreaterThanOrEqual(6);
    for (const j of before) await bot.service.deps.queues.ledger.remove(j);
    expect(await ladderJobs(id)).toEqual([]);
    await resumeLadders(ctx());
    await resumeLadders(ctx());
    expect(await ladderJobs(id)).toEqual(before);
  });

  it('two quick clicks on 转为整改事项 make one item', async () => {
    await ctx().store.opinions.create({ id: 'opinion_twice001', codeHmac: 'c'.repeat(20), category: 'hedonism', target: 'team',
      source: 'cadres', text: '公车私用', anonymous: true, day: '2027-07-01', dayNumber: 1, week: '2027-W26' });
    const [a, b] = await Promise.all([1, 2].map(() => click(ADMIN, { a: 'tr.do', id: 'opinion_twice001', op: 'ledger' })));
    expect([a.toast.type, b.toast.type].sort()).toEqual(['success', 'warning']);
    expect((await ctx().store.ledger.list()).filter((i) => i.source.ref === 'opinion_twice001')).toHaveLength(1);
  });

  it('a new responsible leader gets the pending 销号 request at once; the old one can no longer decide', async () => {
    const id = await activeItem('台账三');
    expect((await click(OWNER, { a: 'lg.submit', id }, {})).toast.type).toBe('success');
    const item = (await ctx().store.ledger.get(id))!;
    const saved = await click(ADMIN, { a: 'lg.save', id }, {
      [ITEM_FORM.problem]: item.problem, [ITEM_FORM.source]: 'self', [ITEM_FORM.wind]: item.wind, [ITEM_FORM.owner]: OWNER,
      [ITEM_FORM.leader]: NEW_LEADER, [ITEM_FORM.deadline]: `${item.deadline} +0800`,
    });
    expect(saved.toast.type, str(saved)).toBe('success');
    await bot.until(
      () => bot.fake.messagesTo(NEW_LEADER).some((m) => str(m.content).includes('lg.confirm') && str(m.content).includes(id)),
      10_000, 'the new decider\'s card',
    );
    expect((await click(LEADER, { a: 'lg.confirm', id })).toast.type).toBe('error');
    expect((await click(NEW_LEADER, { a: 'lg.confirm', id })).toast.type).toBe('success');
  });

  it('the board refreshes itself just after midnight (flags change with the date), one scheduler', async () => {
    const schedulers = await bot.service.deps.queues.board.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === BOARD_DAILY_ID)).toHaveLength(1);
    expect(schedulers.find((s) => s.key === BOARD_DAILY_ID)).toMatchObject({ pattern: '1 0 * * *', tz: 'Asia/Shanghai' });
  });
});
