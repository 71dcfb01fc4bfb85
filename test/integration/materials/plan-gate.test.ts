import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { MATERIAL_FORM, VERSION_FORM } from '../../../src/domain/materials/form.js';
import { newMaterialId } from '../../../src/domain/materials/material.js';
import { newMaterial, pass, submitVersion } from '../../../src/domain/materials/transitions.js';
import { reconcilePlanGate } from '../../../handlers/materials/steps/plan-gate.js';
import { restartingBots, startTestBot, type TestBot } from '../../helpers/bot.js';
import { boardSettled } from '../../helpers/plan-gate.js';

/**
 * The 整改方案 gates the public board (issue #15): its items appear only when the material of kind `rectifyPlan` has
 * passed its whole chain (the top leader, then the 督导组), through signed callbacks; once, across a restart. An
 * acceptance stored while the process stopped before the board heard of it is published at the next worker start.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const TOP = 'ou_leader_wang';
const WU = 'ou_super_wu';
const BOARD = 'oc_announce_board';
const clock = instantOf('2027-07-01', '10:00', SH);
const str = (x: unknown) => JSON.stringify(x);
const board = (bot: TestBot) => bot.fake.messagesTo(BOARD).filter((m) => m.msgType === 'interactive');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
});

async function startedItem(bot: TestBot, words: string): Promise<void> {
  const created = await bot.service.deps.ctx.store.ledger.create(newItem({
    problem: `问题${words}`, source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: 'ou_member_01',
    leader: 'ou_leader_zhao', coOwners: [], deadline: '2027-07-20', milestones: [], commitment: `承诺${words}`, linkedRounds: [],
  }, newItemId(), { by: ADMIN, now: clock }), { at: clock, actor: ADMIN, action: 'ledger.create', detail: {} });
  expect((await bot.click(ADMIN, { a: 'lg.activate', id: created.id })).toast.type).toBe('success');
}

async function ok(bot: TestBot, openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await bot.click(openId, value, form);
  expect(r.toast?.type, str(r)).toBe('success');
  await bot.idle();
}

describe('the 整改方案 and the public board', () => {
  it('the board shows the started items only once the top leader and the 督导组 have passed the latest version', async () => {
    const bots = restartingBots({ now: () => clock });
    cleanups.push(() => bots.stopAll());
    const bot = await bots.start();
    await startedItem(bot, '精简会议三成');
    await bot.until(() => board(bot).length === 1, 15_000, 'the gated board');
    await boardSettled(bot);
    expect(str(board(bot)[0]!.content)).not.toContain('承诺精简会议三成');

    await ok(bot, ADMIN, { a: 'mt.create' }, {
      [MATERIAL_FORM.kind]: 'rectifyPlan', [MATERIAL_FORM.title]: '区总工会整改方案', [MATERIAL_FORM.authors]: [ADMIN],
      [MATERIAL_FORM.due]: '2027-07-10 00:00 +0800',
    });
    const ctx = bot.service.deps.ctx;
    const plan = (await ctx.store.materials.list()).find((m) => m.kind === 'rectifyPlan')!;
    expect(plan).toMatchObject({ state: 'drafting', chain: ['topLeader', 'supervisors'] });
    await ok(bot, ADMIN, { a: 'mt.version', id: plan.id, n: 1 }, { [VERSION_FORM.text]: '整改方案初稿：精简会议、压减文件。' });
    await ok(bot, TOP, { a: 'mt.pass', id: plan.id, n: 1, s: 0 });
    await boardSettled(bot);
    // Half the chain is not an acceptance: still gated.
    expect(await ctx.store.planGate.planAcceptedAt()).toBeUndefined();
    expect(str(board(bot)[0]!.content)).toContain('整改方案审定后公示');

    await ok(bot, WU, { a: 'mt.pass', id: plan.id, n: 1, s: 1 });
    expect((await ctx.store.materials.get(plan.id))!.state).toBe('accepted');
    await bot.until(() => str(board(bot)[0]!.content).includes('承诺精简会议三成'), 15_000, 'the items published');
    await boardSettled(bot);
    expect(await ctx.store.planGate.accepted()).toEqual({ at: clock, by: WU });
    expect(board(bot)).toHaveLength(1);
    expect(board(bot)[0]!.patches).toHaveLength(1);

    // A restart: the worker start's reconcile finds the board already told; nothing more is sent or patched.
    await bot.stop();
    const after = await bots.start();
    await boardSettled(after);
    expect(await reconcilePlanGate(after.service.deps.ctx)).toBe(false);
    expect(after.fake.requestsTo('im.message.patch')).toHaveLength(0);
    expect((await after.service.deps.ctx.store.audit.recent(200)).filter((e) => e.action === 'board.planAccepted')).toHaveLength(1);
  });

  it('an accepted 整改方案 the board never heard of is published at the next worker start', async () => {
    const bot = await startTestBot({ now: () => clock });
    cleanups.push(() => bot.stop());
    const ctx = bot.service.deps.ctx;
    const people = { topLeader: TOP, supervisors: [WU, 'ou_super_zheng'] };
    const drafted = newMaterial({ id: newMaterialId(), kind: 'rectifyPlan', title: '整改方案', authors: [ADMIN],
      chain: ['topLeader', 'supervisors'], due: '2027-07-10' }, { by: ADMIN, now: clock });
    const v1 = submitVersion(drafted, 1, { type: 'text', text: '整改方案' }, { by: ADMIN, now: clock });
    const p1 = v1.ok ? pass(v1.material, 1, 0, { by: TOP, now: clock }, people) : v1;
    const p2 = p1.ok ? pass(p1.material, 1, 1, { by: WU, now: clock + 1_000 }, people) : p1;
    if (!p2.ok) throw new Error(`the plan could not be accepted: ${p2.reason}`);
    expect(p2.material.state).toBe('accepted');
    // Stored as accepted, as if the process had stopped before the board was told.
    await ctx.store.materials.create(p2.material, { at: clock, actor: ADMIN, action: 'material.create', detail: {} });
    expect(await ctx.store.planGate.planAcceptedAt()).toBeUndefined();
    expect(await reconcilePlanGate(ctx)).toBe(true);
    expect(await ctx.store.planGate.accepted()).toEqual({ at: clock + 1_000, by: WU });
    expect(await reconcilePlanGate(ctx)).toBe(false);
  });
});
