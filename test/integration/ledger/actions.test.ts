import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { ACTION_FORM, ITEM_FORM } from '../../../src/domain/ledger/form.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { validateCard } from '../../../cards/validate.js';
import { reopenForRound } from '../../../handlers/ledger/admin.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * Ledger actions through signed callbacks: the permission matrix (forwarded cards), opinions → items, extensions, 销号,
 * satisfaction reopen.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const CO = 'ou_member_02';
const LEADER = 'ou_leader_zhao';
const TOP = 'ou_leader_wang';
const SUPERVISOR = 'ou_super_wu';
const STRANGER = 'ou_member_05';
const TZ = 'Asia/Shanghai';
let clock = instantOf('2027-07-01', '10:00', TZ);
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ now: () => clock }); });
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const ctx = () => bot.service.deps.ctx;
const ledger = () => ctx().store.ledger;
const p2p = (openId: string) => `oc_p2p${openId.slice(3)}`;
const say = (openId: string, text: string) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text }));

async function activeItem(
  problem: string,
  over: { owner?: string; leader?: string; source?: { kind: 'evaluation'; ref: string }; linkedRounds?: string[] } = {},
): Promise<string> {
  const item = newItem({
    problem, source: over.source ?? { kind: 'self' }, wind: 'bureaucratism', goal: '', measures: '',
    owner: over.owner ?? OWNER, leader: over.leader ?? LEADER, coOwners: [CO], deadline: '2027-07-20', milestones: [],
    commitment: '承诺', linkedRounds: over.linkedRounds ?? [],
  }, newItemId(), { by: ADMIN, now: clock });
  const created = await ledger().create(item, { at: clock, actor: ADMIN, action: 'ledger.create', detail: {} });
  expect((await click(ADMIN, { v: 1, a: 'lg.activate', id: created.id })).json.toast.type).toBe('success');
  return created.id;
}

describe('permissions: nobody but owner, leader or admin changes an item, whatever card they hold', () => {
  it('a member who is not owner/leader/admin, a supervisor, and the owner out of turn are refused; nothing changes', async () => {
    const id = await activeItem('作风不实');
    const before = str(await ledger().get(id));
    const values: [unknown, Record<string, unknown>][] = [
      [{ v: 1, a: 'lg.edit', id }, {}],
      [{ v: 1, a: 'lg.save', id }, {
        [ITEM_FORM.problem]: '篡改', [ITEM_FORM.source]: 'self', [ITEM_FORM.wind]: 'other',
        [ITEM_FORM.owner]: STRANGER, [ITEM_FORM.leader]: STRANGER,
      }],
      [{ v: 1, a: 'lg.activate', id }, {}],
      [{ v: 1, a: 'lg.deadline', id }, { [ACTION_FORM.deadlineDay]: '2027-12-31 +0800' }],
      [{ v: 1, a: 'lg.reopen', id }, { [ACTION_FORM.reopenReason]: 'x' }],
      [{ v: 1, a: 'lg.progress', id }, { [ACTION_FORM.progressText]: '假进展' }],
      [{ v: 1, a: 'lg.extend', id }, { [ACTION_FORM.extendDay]: '2027-12-31 +0800', [ACTION_FORM.extendReason]: 'x' }],
      [{ v: 1, a: 'lg.submit', id }, {}],
      [{ v: 1, a: 'lg.extDecide', id, n: 1, ok: true }, {}],
      [{ v: 1, a: 'lg.confirm', id }, {}],
      [{ v: 1, a: 'lg.reject', id }, { [ACTION_FORM.rejectReason]: 'x' }],
      [{ v: 1, a: 'lg.new' }, {}],
    ];
    for (const who of [STRANGER, SUPERVISOR]) {
      for (const [value, fv] of values) {
        const r = await click(who, value, fv);
        expect(r.json.toast?.type, `${who} ${str(value)}`).toBe('error');
        expect(r.json.card, `${who} ${str(value)}`).toBeUndefined();
      }
    }
    // The owner holding the leader's decision card, and the leader holding the owner's card.
    for (const [who, value] of [
      [OWNER, { v: 1, a: 'lg.confirm', id }], [OWNER, { v: 1, a: 'lg.deadline', id }],
      [LEADER, { v: 1, a: 'lg.progress', id }], [ADMIN, { v: 1, a: 'lg.submit', id }],
    ] as const) {
      expect(
        (await click(who, value, { [ACTION_FORM.progressText]: 'x', [ACTION_FORM.deadlineDay]: '2027-12-31 +0800' })).json.toast.type,
        `${who} ${str(value)}`,
      ).toBe('error');
    }
    expect(str(await ledger().get(id))).toBe(before);
    expect((await click(STRANGER, { v: 1, a: 'lg.open', id })).json.toast.type).toBe('error');
    const read = await click(SUPERVISOR, { v: 1, a: 'lg.open', id });
    expect(validateCard(read.json.card.data)).toEqual([]);
    expect(str(read.json.card.data)).not.toMatch(/"a":"lg\.(progress|submit|deadline|reopen|edit|confirm)"/);
  });

  it('bad input is refused with a toast and changes nothing', async () => {
    const id = await activeItem('文风不正');
    const before = str(await ledger().get(id));
    expect((await click(OWNER, { v: 1, a: 'lg.progress', id }, { [ACTION_FORM.progressText]: '  ' })).json.toast.type).toBe('warning');
    expect((await click(OWNER, { v: 1, a: 'lg.progress', id }, {
      [ACTION_FORM.progressText]: 'ok', [ACTION_FORM.progressLink]: 'javascript:alert(1)',
    })).json.toast.type).toBe('warning');
    expect((await click(OWNER, { v: 1, a: 'lg.extend', id }, {
      [ACTION_FORM.extendDay]: '2027-07-10 +0800', [ACTION_FORM.extendReason]: 'x',
    })).json.toast.type).toBe('warning');
    expect((await click(ADMIN, { v: 1, a: 'lg.deadline', id }, { [ACTION_FORM.deadlineDay]: '2027-06-30 +0800' })).json.toast.type)
      .toBe('warning');
    const form = await click(ADMIN, { v: 1, a: 'lg.save' }, { [ITEM_FORM.problem]: '', [ITEM_FORM.owner]: 'ou_nobody' });
    expect(form.json.toast.type).toBe('warning');
    expect(validateCard(form.json.card.data)).toEqual([]);
    expect(str(await ledger().get(id))).toBe(before);
  });
});

describe('owners and deciders', () => {
  it('progress, an extension approved by the leader, 申请销号, 销号 by the leader', async () => {
    const id = await activeItem('调研走过场');
    const p = await click(CO, { v: 1, a: 'lg.progress', id }, {
      [ACTION_FORM.progressText]: '已走访三家企业', [ACTION_FORM.progressLink]: 'https://example.feishu.cn/docx/abc',
    });
    expect(p.json.toast.type, str(p.json)).toBe('success');
    const x = await click(OWNER, { v: 1, a: 'lg.extend', id }, {
      [ACTION_FORM.extendDay]: '2027-08-10 +0800', [ACTION_FORM.extendReason]: '需协调经费',
    });
    expect(x.json.toast.type).toBe('success');
    await bot.idle();
    const ask = bot.fake.messagesTo(LEADER).filter((m) => str(m.content).includes('lg.extDecide'));
    expect(ask).toHaveLength(1);
    const value = /"value":(\{"v":1,"a":"lg\.extDecide"[^}]*"ok":true\})/.exec(str(ask[0]!.content))![1]!;
    expect((await click(TOP, JSON.parse(value))).json.toast.type).toBe('error');
    expect((await click(LEADER, JSON.parse(value))).json.toast.type).toBe('success');
    expect((await click(LEADER, JSON.parse(value))).json.toast.type).toBe('warning');
    expect(await ledger().get(id)).toMatchObject({ deadline: '2027-08-10', evidence: ['https://example.feishu.cn/docx/abc'] });
    expect((await click(OWNER, { v: 1, a: 'lg.submit', id }, { [ACTION_FORM.summary]: '已整改' })).json.toast.type).toBe('success');
    expect((await click(OWNER, { v: 1, a: 'lg.confirm', id })).json.toast.type).toBe('error');
    expect((await click(LEADER, { v: 1, a: 'lg.confirm', id }, { [ACTION_FORM.review]: '同意销号' })).json.toast.type).toBe('success');
    expect(await ledger().get(id)).toMatchObject({ status: 'closed', review: '同意销号' });
    await bot.idle();
    expect(bot.fake.messagesTo(OWNER).some((m) => str(m.content).includes('已销号'))).toBe(true);
  });

  it('a co-owner added to a running item by an edit gets its card at once; the others get nothing new', async () => {
    const id = await activeItem('窗口服务态度差');
    await bot.idle();
    const NEW = 'ou_member_03';
    const cards = (openId: string) => bot.fake.messagesTo(openId).filter((m) => str(m.content).includes(id)).length;
    const [owner0, co0] = [cards(OWNER), cards(CO)];
    const item = (await ledger().get(id))!;
    const r = await click(ADMIN, { v: 1, a: 'lg.save', id }, {
      [ITEM_FORM.problem]: item.problem, [ITEM_FORM.source]: 'self', [ITEM_FORM.wind]: item.wind,
      [ITEM_FORM.owner]: OWNER, [ITEM_FORM.leader]: LEADER,
      [ITEM_FORM.coOwners]: [CO, NEW], [ITEM_FORM.deadline]: `${item.deadline} +0800`, [ITEM_FORM.commitment]: item.commitment,
    });
    expect(r.json.toast.type, str(r.json)).toBe('success');
    expect((await ledger().get(id))!.coOwners).toEqual([CO, NEW]);
    await bot.until(() => cards(NEW) === 1, 10_000, 'the new co-owner\'s card');
    await bot.idle();
    expect([cards(OWNER), cards(CO)]).toEqual([owner0, co0]);
  });

  it('when the owner is the responsible leader, an admin or the top leader signs off, not the owner', async () => {
    const id = await activeItem('班子成员带头不够', { owner: LEADER, leader: LEADER });
    expect((await click(LEADER, { v: 1, a: 'lg.submit', id }, {})).json.toast.type).toBe('success');
    expect((await click(LEADER, { v: 1, a: 'lg.confirm', id })).json.toast.type).toBe('error');
    expect((await click(ADMIN, { v: 1, a: 'lg.confirm', id })).json.toast.type).toBe('success');
  });
});

describe('opinions become items; satisfaction below target reopens linked items; 整改 lists', () => {
  it('an opinion becomes a draft item in one action and follows it to 已办结 (the named writer is told)', async () => {
    const o = ctx().store.opinions;
    await o.create({ id: 'opinion_named01', codeHmac: 'h'.repeat(20), category: 'bureaucratism', target: 'leader-1', source: 'reps',
      text: '办事效率低，材料反复提交', anonymous: false, submitter: STRANGER, day: '2027-07-01', dayNumber: 1, week: '2027-W26' });
    const r = await click(ADMIN, { v: 1, a: 'tr.do', id: 'opinion_named01', op: 'ledger' });
    expect(r.json.toast.type, str(r.json)).toBe('success');
    expect(validateCard(r.json.card.data)).toEqual([]);
    expect((await click(ADMIN, { v: 1, a: 'tr.do', id: 'opinion_named01', op: 'ledger' })).json.toast.type).toBe('warning');
    const item = (await ledger().list()).find((i) => i.source.kind === 'opinion')!;
    expect(item).toMatchObject({
      status: 'draft', problem: '办事效率低，材料反复提交', source: { ref: 'opinion_named01' }, owner: LEADER, leader: LEADER, wind: 'bureaucratism',
    });
    expect(await o.get('opinion_named01')).toMatchObject({ status: 'ledger', ledgerItem: item.id });
    await click(ADMIN, { v: 1, a: 'lg.deadline', id: item.id }, { [ACTION_FORM.deadlineDay]: '2027-07-30 +0800' });
    expect((await click(ADMIN, { v: 1, a: 'lg.activate', id: item.id })).json.toast.type).toBe('success');
    await click(LEADER, { v: 1, a: 'lg.submit', id: item.id }, {});
    expect((await click(TOP, { v: 1, a: 'lg.confirm', id: item.id })).json.toast.type).toBe('success');
    expect((await o.get('opinion_named01'))!.status).toBe('closed');
    await bot.idle();
    expect(bot.fake.messagesTo(STRANGER).some((m) => str(m.content).includes('已销号'))).toBe(true);
  });

  it('an anonymous opinion\'s own words are never made public: starting the item asks for the problem to be reworded first', async () => {
    const o = ctx().store.opinions;
    await o.create({ id: 'opinion_anon0001', codeHmac: 'a'.repeat(20), category: 'formalism', target: 'team', source: 'cadres',
      text: '会议太多  文山会海', anonymous: true, day: '2027-07-01', dayNumber: 1, week: '2027-W26' });
    expect((await click(ADMIN, { v: 1, a: 'tr.do', id: 'opinion_anon0001', op: 'ledger' })).json.toast.type).toBe('success');
    const item = (await ledger().list()).find((i) => i.source.ref === 'opinion_anon0001')!;
    await click(ADMIN, { v: 1, a: 'lg.deadline', id: item.id }, { [ACTION_FORM.deadlineDay]: '2027-07-30 +0800' });
    const refused = await click(ADMIN, { v: 1, a: 'lg.activate', id: item.id });
    expect(refused.json.toast.type).toBe('warning');
    expect(refused.json.toast.content).toContain('改写');
    expect((await ledger().get(item.id))!.status).toBe('draft');
    const saved = await click(ADMIN, { v: 1, a: 'lg.save', id: item.id }, {
      [ITEM_FORM.problem]: '会议数量偏多、效率不高', [ITEM_FORM.source]: 'opinion', [ITEM_FORM.wind]: 'formalism',
      [ITEM_FORM.owner]: OWNER, [ITEM_FORM.leader]: LEADER,
      [ITEM_FORM.deadline]: '2027-07-30 +0800',
    });
    expect(saved.json.toast.type, str(saved.json)).toBe('success');
    expect((await click(ADMIN, { v: 1, a: 'lg.activate', id: item.id })).json.toast.type).toBe('success');
    // The edit kept what it overwrote.
    expect((await ledger().get(item.id))!.history.find((h) => h.what === 'edit')?.note).toContain('会议太多');
    // Once started, an edit may not paste the opinion back: not into the problem, nor (a near copy) into the commitment.
    const before = str(await ledger().get(item.id));
    const form = { [ITEM_FORM.source]: 'opinion', [ITEM_FORM.wind]: 'formalism', [ITEM_FORM.owner]: OWNER, [ITEM_FORM.leader]: LEADER,
      [ITEM_FORM.deadline]: '2027-07-30 +0800' };
    for (const paste of [{ [ITEM_FORM.problem]: '会议太多  文山会海' }, { [ITEM_FORM.problem]: '会议偏多', [ITEM_FORM.commitment]: '会议太多、文山会海！' }]) {
      const edit = await click(ADMIN, { v: 1, a: 'lg.save', id: item.id }, { ...form, ...paste });
      expect(edit.json.toast.type).toBe('warning');
      expect(edit.json.toast.content).toContain('改写');
      expect(edit.json.card).toBeUndefined();
      expect(str(await ledger().get(item.id))).toBe(before);
    }
  });

  it('继续整改 reopens the items linked to the round (by source or by an admin), flags them, asks the admins for deadlines', async () => {
    const bySource = await activeItem('服务意识不强', { source: { kind: 'evaluation', ref: 'round_satisfy01' } });
    const byLink = await activeItem('窗口态度差', { linkedRounds: ['round_satisfy01'] });
    const stillWorking = await activeItem('办事流程繁琐', { linkedRounds: ['round_satisfy01'] });
    const other = await activeItem('无关事项');
    // Taken as done: submitted for 销号.
    for (const id of [bySource, byLink, other]) {
      expect((await click(OWNER, { v: 1, a: 'lg.submit', id }, {})).json.toast.type).toBe('success');
    }
    expect(await reopenForRound('round_satisfy01', 'system', ctx())).toBe(2);
    for (const id of [bySource, byLink]) expect(await ledger().get(id)).toMatchObject({ status: 'active', needsDeadline: true });
    // Still being worked on: keeps its deadline and ladder.
    expect(await ledger().get(stillWorking)).toMatchObject({ status: 'active', needsDeadline: false });
    expect((await ledger().get(other))!.status).toBe('review');
    await bot.idle();
    const asks = bot.fake.messagesTo(ADMIN).filter((m) => str(m.content).includes('设定新的完成时限'));
    expect(asks.length).toBeGreaterThanOrEqual(1);
    expect(validateCard(asks.at(-1)!.content)).toEqual([]);
  });

  it('整改: owners see their own items; admins and supervisors see all, filtered by status and leader', async () => {
    await say(OWNER, '整改');
    await say(SUPERVISOR, 'ledger');
    await bot.idle();
    const mine = bot.fake.messagesTo(p2p(OWNER)).filter((m) => str(m.content).includes('我的整改事项')).at(-1)!;
    expect(validateCard(mine.content)).toEqual([]);
    expect(str(mine.content)).not.toContain('班子成员带头不够');
    const whole = bot.fake.messagesTo(p2p(SUPERVISOR)).filter((m) => str(m.content).includes('整改台账')).at(-1)!;
    expect(str(whole.content)).toContain('班子成员带头不够');
    expect(str(whole.content)).not.toContain('lg.new');
    const f = await click(ADMIN, { v: 1, a: 'lg.filter' }, { lg_f_status: 'needsDeadline', lg_f_leader: 'all' });
    expect(validateCard(f.json.card.data)).toEqual([]);
    expect(str(f.json.card.data)).toContain('服务意识不强');
    expect(str(f.json.card.data)).not.toContain('调研走过场');
    expect((await click(STRANGER, { v: 1, a: 'lg.filter' }, { lg_f_status: 'all' })).json.toast.type).toBe('error');
  });
});
