import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { newMaterial, pass, submitVersion } from '../../../src/domain/materials/transitions.js';
import { newRule } from '../../../src/domain/rules/transitions.js';
import { newRuleId } from '../../../src/domain/rules/rule.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { newMaterialId } from '../../../src/domain/materials/material.js';
import { reconcileRuleMaterials } from '../../../handlers/rules/steps/material-sync.js';
import { RULE_FORM } from '../../../src/domain/rules/form.js';
import { restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * A rule catches up with its material at worker start when a stop cut the follow-up short: a material accepted while
 * the rule still reads 起草 moves the rule to 审议 (as the system) and tells the office once, across restarts; a rule
 * stored just before a stop gets the material it names.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const TOP = 'ou_leader_wang';
const WU = 'ou_super_wu';
const clock = instantOf('2027-07-01', '10:00', 'Asia/Shanghai');
const str = (x: unknown) => JSON.stringify(x);
const bots = restartingBots({ now: () => clock });
afterAll(async () => { await bots.stopAll(); });
const said = (bot: TestBot, openId: string, words: string) =>
  bot.fake.messages.filter((m) => m.receiveId === openId && str(m.content).includes(words));

async function seedRule(bot: TestBot, name: string, material: string) {
  const { store, campaign } = bot.service.deps.ctx;
  const cal = createCalendar(campaign.campaign.calendar, campaign.campaign.timezone);
  const r = newRule({ kind: 'make', name, owner: OWNER, due: '2027-07-20', items: [], opinions: [] }, newRuleId(), material,
    { by: ADMIN, now: clock }, cal);
  return store.rules.create(r.rule, { at: clock, actor: ADMIN, action: 'rules.create', detail: {} });
}

describe('rules catch up with their materials at worker start', () => {
  it('an accepted material the rule never heard of: 审议, the office told once; a missing material is created', async () => {
    let bot = await bots.start();
    const { store } = bot.service.deps.ctx;
    const people = { topLeader: TOP, supervisors: [WU, 'ou_super_zheng'] };
    const id = newMaterialId();
    const drafted = newMaterial({ id, kind: 'rule', title: '督查检查计划管理办法', authors: [OWNER], chain: ['topLeader', 'supervisors'],
      due: '2027-07-20' }, { by: ADMIN, now: clock });
    const v1 = submitVersion(drafted, 1, { type: 'text', text: '初稿' }, { by: OWNER, now: clock });
    const p1 = v1.ok ? pass(v1.material, 1, 0, { by: TOP, now: clock }, people) : v1;
    const p2 = p1.ok ? pass(p1.material, 1, 1, { by: WU, now: clock }, people) : p1;
    if (!p2.ok) throw new Error(p2.reason);
    // Stored as accepted, as if the process had stopped before the rule followed.
    await store.materials.create(p2.material, { at: clock, actor: ADMIN, action: 'material.create', detail: {} });
    const rule = await seedRule(bot, '督查检查计划管理办法', id);
    const orphan = await seedRule(bot, '文件印发管理办法', newMaterialId());

    await bot.stop();
    bot = await bots.start();
    await bot.idle();
    const ctx = bot.service.deps.ctx;
    expect(await ctx.store.rules.get(rule.id)).toMatchObject({ state: 'review' });
    expect((await ctx.store.audit.recent(100)).filter((e) => e.action === 'rules.review')).toMatchObject([{ actor: 'system' }]);
    expect(said(bot, ADMIN, '可以印发了')).toHaveLength(1);
    expect(said(bot, OWNER, '制度进入审议环节')).toHaveLength(1);
    expect(await ctx.store.materials.get(orphan.material)).toMatchObject({ kind: 'rule', title: '文件印发管理办法', authors: [OWNER] });
    expect(said(bot, OWNER, '所属制度：#2 文件印发管理办法')).toHaveLength(1);

    // Again (another start): nothing moves, nothing is sent twice.
    expect(await reconcileRuleMaterials(ctx)).toBe(2);
    await bot.stop();
    bot = await bots.start();
    await bot.idle();
    expect(said(bot, ADMIN, '可以印发了')).toHaveLength(0);
    expect(said(bot, OWNER, '所属制度')).toHaveLength(0);
    expect((await bot.service.deps.ctx.store.audit.recent(200)).filter((e) => e.action === 'rules.review')).toHaveLength(1);
    await bot.stop();
  });

  it('an edit of the rule moves its material along: title, the new owner as author (who gets its card), due day', async () => {
    const bot = await bots.start();
    const { store } = bot.service.deps.ctx;
    const form = (over: Record<string, unknown>) => ({ [RULE_FORM.kind]: 'make', [RULE_FORM.name]: '值班管理办法', [RULE_FORM.owner]: OWNER,
      [RULE_FORM.due]: '2027-07-20 +0800', [RULE_FORM.items]: [], [RULE_FORM.opinions]: '', ...over });
    expect((await bot.click(ADMIN, { a: 'rl.save' }, form({}))).toast.type).toBe('success');
    const rule = (await store.rules.list()).find((r) => r.name === '值班管理办法')!;
    const NEW = 'ou_member_02';
    const r = await bot.click(ADMIN, { a: 'rl.save', id: rule.id },
      form({ [RULE_FORM.name]: '值班值守管理办法', [RULE_FORM.owner]: NEW, [RULE_FORM.due]: '2027-07-25 +0800' }));
    expect(r.toast.type, str(r)).toBe('success');
    await bot.idle();
    expect(await store.materials.get(rule.material)).toMatchObject({ title: '值班值守管理办法', authors: [NEW], due: '2027-07-25', gen: 1 });
    expect(said(bot, NEW, '所属制度：#3 值班值守管理办法')).toHaveLength(1);
    expect(said(bot, NEW, '您是这项制度的牵头人')).toHaveLength(1);
    expect((await store.audit.recent(50)).filter((e) => e.action === 'material.edit')).toMatchObject([{ actor: ADMIN }]);
  });
});
