import { afterAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { milestoneId } from '../../../src/domain/campaign/milestone-id.js';
import { MATERIAL_FORM, VERSION_FORM } from '../../../src/domain/materials/form.js';
import { KIND_FORM, NO_KIND_EDITS } from '../../../src/domain/materials/kind-edits.js';
import { msg } from '../../../src/messages/index.js';
import { validateCard } from '../../../cards/validate.js';
import { runAuthorReminder } from '../../../handlers/materials/steps/reminders.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * 材料 设置 (issue #15): admins edit each kind's chain and default due day over the campaign file's `materials`
 * block, through signed callbacks on the injected clock. A new 整改方案 follows the new chain; existing materials keep
 * theirs; open materials due on the old default move only when the box is ticked (audited, reminders re-planned);
 * members are refused; bad input stores nothing.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const MEMBER = 'ou_member_01';
const TOP = 'ou_leader_wang';
const WU = 'ou_super_wu';
const clock = instantOf('2027-07-01', '10:00', SH); // a Thursday, in the third phase
let bot: TestBot;
afterAll(async () => { await bot?.stop(); });

const S = msg.materials.settings;
const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const p2p = (openId: string) => bot.fake.state.p2pChatId(openId);
const cardsIn = (openId: string, text: string) => bot.fake.messagesTo(p2p(openId)).filter((m) => str(m.content).includes(text));
const audit = async (action: string) => (await ctx().store.audit.recent(500)).filter((e) => e.action === action);
const form = (chain: string, mode: string, extra: Record<string, unknown> = {}) =>
  ({ [KIND_FORM.chain]: chain, [KIND_FORM.mode]: mode, ...extra });

async function ok(openId: string, value: Record<string, unknown>, fv?: Record<string, unknown>) {
  const r = await bot.click(openId, value, fv);
  expect(r.toast?.type, str(r)).toBe('success');
  expect(validateCard(r.card.data)).toEqual([]);
  await bot.idle();
  return r;
}

/** A refused save: the toast says what to fix, the typed values stay on the form, nothing is stored or audited. */
async function refused(value: Record<string, unknown>, fv: Record<string, unknown>, toast: { zh: string }) {
  const [edits, audits, materials] = [await ctx().store.materialKinds.get(), (await ctx().store.audit.recent(500)).length,
    str(await ctx().store.materials.list())];
  const r = await bot.click(ADMIN, value, fv);
  expect(r.toast?.type, str(r)).toBe('warning');
  expect(r.toast.content).toBe(toast.zh);
  expect(validateCard(r.card.data)).toEqual([]);
  expect(await ctx().store.materialKinds.get()).toEqual(edits);
  expect((await ctx().store.audit.recent(500)).length).toBe(audits);
  expect(str(await ctx().store.materials.list())).toBe(materials);
  return r;
}

/** A material from the office's form; with no day picked it takes its kind's default due day. */
async function create(kind: string, title: string, due?: string) {
  await ok(ADMIN, { a: 'mt.create' }, {
    [MATERIAL_FORM.kind]: kind, [MATERIAL_FORM.title]: title, [MATERIAL_FORM.authors]: [ADMIN],
    ...(due ? { [MATERIAL_FORM.due]: `${due} +0800` } : {}),
  });
  return (await ctx().store.materials.list()).find((m) => m.title === title)!;
}

describe('材料 设置', () => {
  it('an admin gets the card by direct message: each kind, who writes it, its chain and due day, with 修改', async () => {
    bot = await startTestBot({ now: () => clock });
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: ADMIN, chatId: p2p(ADMIN), chatType: 'p2p', text: '材料 设置' }));
    await bot.until(() => cardsIn(ADMIN, S.title.zh).length > 0, 10_000, 'the settings card');
    const card = cardsIn(ADMIN, S.title.zh)[0]!.content;
    expect(validateCard(card)).toEqual([]);
    expect(str(card)).toContain('整改方案');
    expect(str(card)).toContain('对照检查材料');
    expect(str(card)).toContain('审阅流程：主要负责同志 → 督导组');
    expect(str(card)).toContain('完成时限：6月10日（周四）');
    expect(str(card)).toContain('mk.edit');
  });

  it('members can neither open the card nor edit a kind', async () => {
    const typed = messageEvent({ senderOpenId: MEMBER, chatId: p2p(MEMBER), chatType: 'p2p', text: 'materials settings' });
    await bot.push('im.message.receive_v1', typed);
    await bot.until(() => bot.fake.messagesTo(p2p(MEMBER)).length > 0, 10_000, 'the refusal');
    expect(cardsIn(MEMBER, S.title.zh)).toHaveLength(0);
    for (const value of [{ a: 'mk.edit', key: 'rectifyPlan' }, { a: 'mk.save', key: 'rectifyPlan' }, { a: 'mk.back' }]) {
      const r = await bot.click(MEMBER, value, form('sup', 'none'));
      expect(r.toast?.type, str(r)).toBe('error');
      expect(r.card).toBeUndefined();
    }
    expect(await ctx().store.materialKinds.get()).toEqual(NO_KIND_EDITS);
    expect(await audit('material.kindEdit')).toHaveLength(0);
  });

  it('整改方案 set to 仅督导组: a new one goes straight to the 督导组; one made before keeps its chain', async () => {
    const before = await create('rectifyPlan', '整改方案（旧流程）', '2027-07-10');
    expect(before.chain).toEqual(['topLeader', 'supervisors']);
    const formCard = await bot.click(ADMIN, { a: 'mk.edit', key: 'rectifyPlan' });
    expect(str(formCard.card.data)).toContain(S.keepChain.zh);
    await ok(ADMIN, { a: 'mk.save', key: 'rectifyPlan' }, form('sup', 'none'));
    expect((await audit('material.kindEdit'))[0])
      .toMatchObject({ actor: ADMIN, detail: { key: 'rectifyPlan', to: { chain: ['supervisors'] } } });

    const plan = await create('rectifyPlan', '区总工会整改方案', '2027-07-15');
    expect(plan.chain).toEqual(['supervisors']);
    await ok(ADMIN, { a: 'mt.version', id: plan.id, n: 1 }, { [VERSION_FORM.text]: '整改方案初稿' });
    const reviewed = (await ctx().store.materials.get(plan.id))!;
    expect(reviewed).toMatchObject({ state: 'inReview', at: 0 });
    const asked = (openId: string) => bot.fake.messagesTo(openId).filter((m) => str(m.content).includes('区总工会整改方案'));
    expect(asked(WU)).toHaveLength(1);
    expect(asked(TOP)).toHaveLength(0);
    await ok(WU, { a: 'mt.pass', id: plan.id, n: 1, s: 0 });
    expect((await ctx().store.materials.get(plan.id))!.state).toBe('accepted');
    expect((await ctx().store.materials.get(before.id))!.chain).toEqual(['topLeader', 'supervisors']);
  });

  it('a new material with no due day picked is refused while its kind has no default', async () => {
    const r = await bot.click(ADMIN, { a: 'mt.create' }, {
      [MATERIAL_FORM.kind]: 'rulesPlan', [MATERIAL_FORM.title]: '无时限', [MATERIAL_FORM.authors]: [ADMIN],
    });
    expect(r.toast?.type).toBe('warning');
    expect((await ctx().store.materials.list()).some((m) => m.title === '无时限')).toBe(false);
  });

  it('refuses a 对照检查材料 chain without the 督导组, an unknown milestone, a day in the past, a missing day', async () => {
    const r = await refused({ a: 'mk.save', key: 'selfCheck' }, form('top', 'none'), S.toast.selfCheckChain);
    expect(str(r.card.data)).toContain('"initial_option":"top"');
    await refused({ a: 'mk.save', key: 'rulesPlan' }, form('top-sup', 'milestone', { [KIND_FORM.milestone]: 'nope' }), S.toast.milestone);
    const past = await refused({ a: 'mk.save', key: 'rulesPlan' }, form('top-sup', 'day', { [KIND_FORM.day]: '2027-06-30 +0800' }),
      S.toast.pastDay);
    expect(str(past.card.data)).toContain('"initial_date":"2027-06-30"');
    await refused({ a: 'mk.save', key: 'rulesPlan' }, form('top-sup', 'day'), S.toast.day);
    const study = milestoneId('study', { date: '2027-02-20', name: '动员大会暨第一次民主测评' });
    await refused({ a: 'mk.save', key: 'rulesPlan' }, form('top-sup', 'milestone', { [KIND_FORM.milestone]: study }),
      S.toast.pastMilestone);
    await refused({ a: 'mk.save', key: 'rulesPlan' }, form('everyone', 'none'), S.toast.chain);
  });

  it('a new default due day with the box ticked moves the open materials due on the old one and re-plans their reminders', async () => {
    await ok(ADMIN, { a: 'mk.save', key: 'rulesPlan' }, form('top-sup', 'day', { [KIND_FORM.day]: '2027-07-20 +0800' }));
    const open = await create('rulesPlan', '制度建设方案');
    expect(open.due).toBe('2027-07-20');
    const own = await create('rulesPlan', '制度建设方案（另定时限）', '2027-07-25');
    const q = bot.service.deps.queues.materials;
    expect(await q.getJob(`mta-${open.id}-g0-d3`)).toBeDefined();
    const edit = await bot.click(ADMIN, { a: 'mk.edit', key: 'rulesPlan' });
    expect(str(edit.card.data)).toContain('目前有 1 份尚未审定的材料');

    const r = await ok(ADMIN, { a: 'mk.save', key: 'rulesPlan' },
      form('top-sup', 'day', { [KIND_FORM.day]: '2027-07-30 +0800', [KIND_FORM.move]: true }));
    expect(r.toast.content).toBe(S.toast.moved(1).zh);
    const moved = (await ctx().store.materials.get(open.id))!;
    expect(moved).toMatchObject({ due: '2027-07-30', gen: 1 });
    expect(moved.history.at(-1)).toMatchObject({ what: 'edit', by: ADMIN });
    expect((await ctx().store.materials.get(own.id))!.due).toBe('2027-07-25');
    expect((await audit('material.edit')).filter((e) => (e.detail as { id: string }).id === open.id)).toHaveLength(1);
    // The old T−3 sends nothing; the new ladder is planned.
    expect(await q.getJob(`mta-${open.id}-g0-d3`)).toBeUndefined();
    expect(await runAuthorReminder(open.id, 0, 'd3', ctx())).toBe('stale');
    expect(await q.getJob(`mta-${open.id}-g1-d3`)).toBeDefined();
    expect(cardsIn(ADMIN, '还有 3 天')).toHaveLength(0);
  });

  it('without the box, open materials stay; a milestone default shows on the card and dates new 对照检查材料', async () => {
    const satisfaction = milestoneId('rectify', { date: '2027-09-20', name: '满意度测评' });
    const r = await ok(ADMIN, { a: 'mk.save', key: 'rulesPlan' },
      form('top-sup', 'milestone', { [KIND_FORM.milestone]: satisfaction }));
    expect(str(r.card.data)).toContain('随时间节点“满意度测评”（9月20日（周一））');
    expect((await ctx().store.materials.list()).filter((m) => m.kind === 'rulesPlan').map((m) => m.due).sort())
      .toEqual(['2027-07-25', '2027-07-30']);
    await ok(ADMIN, { a: 'mk.save', key: 'selfCheck' },
      form('sup-top', 'milestone', { [KIND_FORM.milestone]: satisfaction }));
    await ok(ADMIN, { a: 'mt.selfChecks' });
    const checks = (await ctx().store.materials.list()).filter((m) => m.kind === 'selfCheck');
    expect(checks.length).toBeGreaterThan(1);
    for (const m of checks) expect(m.due).toBe('2027-09-20');
    expect(checks.find((m) => m.authors[0] === TOP)!.chain).toEqual(['supervisors']);
    expect(checks.find((m) => m.authors[0] !== TOP)!.chain).toEqual(['supervisors', 'topLeader']);
  });
});
