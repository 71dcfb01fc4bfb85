import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milestonesOf } from '../../../src/domain/campaign/milestones.js';
import { ledgerItemSchema, newItemId, type LedgerItem } from '../../../src/domain/ledger/item.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { CATEGORIES, isoWeek, newOpinionId, SOURCES } from '../../../src/domain/opinions/opinion.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { newRuleId, ruleSchema, type Rule } from '../../../src/domain/rules/rule.js';
import { newRule } from '../../../src/domain/rules/transitions.js';
import { newMaterialId, type Step } from '../../../src/domain/materials/material.js';
import { newMaterial, submitVersion } from '../../../src/domain/materials/transitions.js';
import { LOCAL_BOT } from '../../../src/local/local-mode.js';
import { menuEvent, messageEvent } from '../../../src/local/lark-push.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { planAccepted } from '../../helpers/plan-gate.js';

/**
 * 进度 end to end (issue #12): the figures equal the stored records, each role sees what it may, and a card in a
 * group or to a member holds no person's name. The clock is pinned inside the first phase (TEST_START).
 */

let bot: TestBot;
const ADMIN = 'ou_admin_liu';
const ZHAO = 'ou_leader_zhao';
const MEMBER = 'ou_member_03';
const OWNER = 'ou_member_02'; // 张华 in the example campaign
const p2p = (openId: string) => `oc_p2p_${openId}`;
const str = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  bot = await startTestBot();
  const { store } = bot.service.deps.ctx;
  const now = bot.service.deps.ctx.now();
  // The ledger's figures are public once the 整改方案 is accepted (before that: test/integration/board/plan-gate.test.ts).
  await planAccepted(bot, now);
  for (let i = 0; i < 30; i++) {
    const day = '2027-03-01';
    const ok = await store.opinions.create({
      id: newOpinionId(), category: CATEGORIES[i % 8]!.key, source: SOURCES[i % 3]!.key, target: 'team', week: isoWeek(day),
      text: `意见${i}`, anonymous: true, day, dayNumber: Date.parse(day) / 86_400_000, codeHmac: `h${i}`,
    });
    expect(ok).toBe(true);
  }
  const item = (problem: string, status: LedgerItem['status'], deadline: string, leader = ZHAO): LedgerItem => {
    const base = newItem({
      problem, source: { kind: 'self' }, wind: 'formalism', goal: '目标', measures: '措施', owner: OWNER, leader, coOwners: [],
      deadline, milestones: [], commitment: '承诺', linkedRounds: [],
    }, newItemId(), { by: ADMIN, now });
    return ledgerItemSchema.parse({ ...base, status });
  };
  const entry = { at: now, actor: ADMIN, action: 'ledger.create', detail: {} };
  await store.ledger.create(item('会议过多过长', 'active', '2027-02-20'), entry); // overdue on 2 March
  await store.ledger.create(item('文件材料偏多', 'active', '2027-06-30', 'ou_leader_sun'), entry);
  await store.ledger.create(item('调研不深入', 'review', '2027-06-30'), entry);
  await store.ledger.create(item('公车使用不规范', 'closed', '2027-02-01', 'ou_leader_sun'), entry);
  // The 建章立制 register: one rule in 起草 past its due day, one in 审议, one 印发.
  const { campaign } = bot.service.deps.ctx.campaign;
  const cal = createCalendar(campaign.calendar, campaign.timezone);
  const rule = (name: string, due: string, state: Rule['state']) => {
    const id = newRuleId();
    const r = newRule({ kind: 'make', name, owner: OWNER, due, items: [], opinions: [] }, id, `rlmat-${id}`, { by: ADMIN, now }, cal).rule;
    return store.rules.create(ruleSchema.parse({ ...r, state }), { ...entry, action: 'rules.create' });
  };
  await rule('会议管理办法', '2027-02-25', 'drafting');
  await rule('公务接待规定', '2027-06-30', 'review');
  await rule('调研工作制度', '2027-02-01', 'adopted');
  // 材料报审 (clock: 2 March): 赵's 对照检查材料 not yet submitted, due 5 March; 孙's waiting for the top leader, overdue;
  // a report by 陈干事 waiting for 赵's review.
  const material = async (title: string, author: string, chain: Step[], due: string, submit: boolean, leader?: string) => {
    const m = newMaterial({ id: newMaterialId(), kind: leader ? 'selfCheck' : 'opinionReport', title, authors: [author], chain, due },
      { by: ADMIN, now });
    const v = submit ? submitVersion(m, 1, { type: 'text', text: '正文' }, { by: author, now }) : undefined;
    await store.materials.create(v?.ok ? v.material : m, { ...entry, action: 'material.create' }, leader);
  };
  await material('对照检查材料甲', ZHAO, ['topLeader', 'supervisors'], '2027-03-05', false, ZHAO);
  await material('对照检查材料乙', 'ou_leader_sun', ['topLeader', 'supervisors'], '2027-02-26', true, 'ou_leader_sun');
  await material('征求意见情况报告丙', 'ou_admin_chen', [{ person: ZHAO }, 'supervisors'], '2027-03-20', true);
  const report = milestonesOf(bot.service.deps.ctx.campaign.campaign)[1]!; // 提交征求意见情况报告, 20 May
  await store.milestones.markDone(report.id, { at: now, by: ADMIN, note: '已召开' }, { ...entry, action: 'campaign.milestoneDone' });
});
afterAll(async () => { await bot?.stop(); });

const progressTo = (chatId: string) => bot.fake.messagesTo(chatId).filter((m) => str(m.content).includes('活动进度'));
async function ask(openId: string, where: 'p2p' | 'group' = 'p2p') {
  const chatId = where === 'p2p' ? p2p(openId) : 'oc_group_1';
  const before = progressTo(chatId).length;
  const mentions = where === 'group' ? [{ key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name }] : undefined;
  const text = where === 'group' ? '@_user_1 进度' : '进度';
  await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId, chatType: where, text, mentions }));
  await bot.until(() => progressTo(chatId).length > before, 10_000, `the 进度 card for ${openId}`);
  const card = progressTo(chatId).at(-1)!.content;
  expect(validateCard(card)).toEqual([]);
  return str(card);
}

describe('进度', () => {
  it('an admin sees the phase, the milestones with their state, the figures and the overdue item by name', async () => {
    const card = await ask(ADMIN);
    expect(card).toContain('当前阶段：学习教育、听取意见（距本阶段结束还有 59 天）');
    // The first milestone (20 February) is past and not marked done: overdue, shown first.
    expect(card).toContain('2027年2月20日（周六）　动员大会暨第一次民主测评　已逾期');
    expect(card).toContain('2027年5月20日（周四）　提交征求意见情况报告　已完成');
    expect(card).toContain('专题民主生活会　未到期');
    expect(card).toContain('共收到 30 条，已办理 0 条（0%）');
    expect(card).toContain('整改中 2 项，待销号 1 项，已销号 1 项，其中逾期 1 项');
    expect(card).toContain('会议过多过长（责任人：张华）');
    expect(card).not.toContain('文件材料偏多（责任人');
    expect(card).toContain('起草 1 项，审议 1 项，印发 1 项，废止 0 项。');
    expect(card).toContain('其中 1 项已超过完成时限');
    // 标记完成 under each open milestone, for the office only.
    expect(card.match(/"a":"ms.done"/g)).toHaveLength(2);
    expect(await ask('ou_super_wu')).not.toContain('ms.done');
  });

  it('a leader sees the figures and their own items, without owners\' names', async () => {
    const card = await ask(ZHAO);
    expect(card).toContain('您负责或分管的整改事项');
    expect(card).toContain('会议过多过长');
    expect(card).toContain('调研不深入');
    expect(card).not.toContain('文件材料偏多');
    expect(card).not.toContain('张华');
  });

  it('材料报审: the office sees the overdue material with its author; a leader their own and what waits for their review', async () => {
    const admin = await ask(ADMIN);
    expect(admin).toContain('7 天内到期 1 份，逾期 1 份，退回修改 0 份，审阅通过 0 份。');
    expect(admin).toContain('【逾期】对照检查材料：对照检查材料乙（完成时限 2027年2月26日（周五），审阅中，撰写人：孙副主席）');
    const zhao = await ask(ZHAO);
    expect(zhao).toContain('7 天内到期 1 份，逾期 0 份，退回修改 0 份，审阅通过 0 份。');
    expect(zhao).toContain('对照检查材料：对照检查材料甲（完成时限 2027年3月5日（周五），待提交）');
    expect(zhao).toContain('征求意见情况报告：征求意见情况报告丙（完成时限 2027年3月20日（周六），审阅中，撰写人：陈干事）');
    for (const s of ['对照检查材料乙', '孙副主席']) expect(zhao).not.toContain(s);
    // 孙 sees their own, not 赵's.
    const sun = await ask('ou_leader_sun');
    expect(sun).toContain('对照检查材料乙');
    expect(sun).not.toContain('对照检查材料甲');
  });

  it('a member, and anyone in a group, sees figures only: no name, no item', async () => {
    for (const card of [await ask(MEMBER), await ask(ADMIN, 'group')]) {
      expect(card).toContain('整改中 2 项');
      expect(card).toContain('不显示任何人的姓名');
      expect(card).toContain('起草 1 项，审议 1 项，印发 1 项，废止 0 项。');
      expect(card).not.toContain('已超过完成时限');
      for (const name of ['张华', '刘办公室主任', '赵副主席', '会议过多过长', '调研不深入', '会议管理办法', '调研工作制度', '材料报审',
        '对照检查材料', '征求意见情况报告丙', '陈干事']) {
        expect(card).not.toContain(name);
      }
    }
  });

  it('the bot menu\'s progress key answers by direct message', async () => {
    const before = progressTo(MEMBER).length;
    await bot.push('application.bot.menu_v6', menuEvent(MEMBER, 'progress'));
    await bot.until(() => progressTo(MEMBER).length > before, 10_000, 'the 进度 card by the menu');
  });
});
