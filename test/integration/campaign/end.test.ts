import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { milestonesOf } from '../../../src/domain/campaign/milestones.js';
import { OVERRIDE_FORM } from '../../../src/domain/campaign/end.js';
import { defaultRound } from '../../../src/domain/evaluations/round.js';
import { cellsOf } from '../../../src/domain/evaluations/ballot.js';
import { ledgerItemSchema, newItemId, type LedgerItem } from '../../../src/domain/ledger/item.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { isoWeek, newOpinionId } from '../../../src/domain/opinions/opinion.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { newRuleId, ruleSchema } from '../../../src/domain/rules/rule.js';
import { newRule } from '../../../src/domain/rules/transitions.js';
import { newMaterialId, type Material } from '../../../src/domain/materials/material.js';
import { newMaterial, pass, returnForRevision, submitVersion, type Change } from '../../../src/domain/materials/transitions.js';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { testRedisUrl } from '../../helpers/redis.js';

/**
 * 结束活动 end to end (issue #12): refusals list their reasons, the top leader's override is audited, the archive
 * reaches every admin and holds no writer of an opinion and no voter, and the purge waits 30 days, then deletes
 * only this prefix's campaign data. Members may do none of it.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const ADMIN2 = 'ou_admin_chen';
const TOP = 'ou_leader_wang';
const MEMBER = 'ou_member_03';
const WRITER = 'ou_named_writer_x'; // a named opinion's writer, nowhere else in the campaign
const VOTER = 'ou_voter_secret_x'; // the one voter of the satisfaction round
const VOTER_HMAC = 'hmacOfTheVoterAbCdEf0123456789';
const ANON_CODE_HMAC = 'anonCodeHmacXyZ0123456789';
let clock = instantOf('2027-09-29', '10:00', SH); // the last phase ends Thursday 30 September
const clock0 = clock;
let bot: TestBot;
const str = (x: unknown) => JSON.stringify(x);
const p2p = (openId: string) => `oc_p2p_${openId}`;
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const ctx = () => bot.service.deps.ctx;

async function ask(openId: string): Promise<string> {
  const before = bot.fake.messagesTo(p2p(openId)).length;
  await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text: '结束活动' }));
  await bot.until(() => bot.fake.messagesTo(p2p(openId)).length > before, 10_000, `the answer to ${openId}`);
  const m = bot.fake.messagesTo(p2p(openId)).at(-1)!;
  if (m.msgType === 'interactive') expect(validateCard(m.content)).toEqual([]);
  return str(m.content);
}

beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
  const { store, campaign } = ctx();
  const now = clock;
  const day = '2027-09-01';
  const opinion = { category: 'style', source: 'member', target: 'team', week: isoWeek(day), day, dayNumber: Date.parse(day) / 86_400_000 };
  expect(await store.opinions.create({ ...opinion, id: newOpinionId(), text: '匿名意见：会议太多', anonymous: true, codeHmac: ANON_CODE_HMAC }))
    .toBe(true);
  expect(await store.opinions.create({
    ...opinion, id: newOpinionId(), text: '署名意见：材料太多', anonymous: false, codeHmac: 'namedCodeHmac0123456789', submitter: WRITER,
  })).toBe(true);
  const item = (problem: string, status: LedgerItem['status']): LedgerItem => ledgerItemSchema.parse({
    ...newItem({
      problem, source: { kind: 'self' }, wind: 'formalism', goal: '目标', measures: '措施', owner: 'ou_member_02', leader: 'ou_leader_zhao',
      coOwners: [], deadline: '2027-09-01', milestones: [], commitment: '承诺', linkedRounds: [],
    }, newItemId(), { by: ADMIN, now }), status,
  });
  const entry = { at: now, actor: ADMIN, action: 'ledger.create', detail: {} };
  await store.ledger.create(item('会议过多过长', 'closed'), entry);
  const surveyItem = await store.ledger.create(item('调研不深入', 'review'), entry);
  // The 整改方案 accepted by 陈干事 on 1 July; one rule of the 建章立制 register, 印发, linked to an item.
  await store.planGate.setPlanAccepted(instantOf('2027-07-01', '15:30', SH), ADMIN2);
  const ruleId = newRuleId();
  const cal = createCalendar(campaign.campaign.calendar, campaign.campaign.timezone);
  const rule = newRule({ kind: 'make', name: '调研工作制度', owner: 'ou_member_02', due: '2027-08-31', items: [surveyItem.id], opinions: [] },
    ruleId, `rlmat-${ruleId}`, { by: ADMIN, now }, cal).rule;
  await store.rules.create(ruleSchema.parse({ ...rule, state: 'adopted', issuedOn: '2027-08-20' }), { ...entry, action: 'rules.create' });
  // 赵's 对照检查材料: a file returned by the top leader, then a text he accepted.
  const chainPeople = { topLeader: TOP, supervisors: ['ou_super_wu'] };
  const ok = (c: Change): Material => {
    if (!c.ok) throw new Error(c.reason);
    return c.material;
  };
  const zhao = { by: 'ou_leader_zhao', now };
  let m = newMaterial({ id: newMaterialId(), kind: 'selfCheck', title: '赵副主席对照检查材料', authors: [zhao.by], chain: ['topLeader'],
    due: '2027-06-10' }, { by: ADMIN, now });
  const file = { type: 'file' as const, fileKey: 'file_v3_secretKey', fileName: '对照检查材料（初稿）.docx', messageId: 'om_secretMsg', size: 2048 };
  m = ok(submitVersion(m, 1, file, zhao));
  m = ok(returnForRevision(m, 1, 0, '请认真修改，查摆要具体', { by: TOP, now }, chainPeople));
  m = ok(submitVersion(m, 2, { type: 'text', text: '第二稿正文' }, zhao));
  m = ok(pass(m, 2, 0, { by: TOP, now: now + 60_000 }, chainPeople));
  await store.materials.create(m, { ...entry, action: 'material.create' }, zhao.by);
  const ms = milestonesOf(campaign.campaign);
  for (const m of ms.slice(0, -1)) {
    await store.milestones.markDone(m.id, { at: now, by: ADMIN, note: '已完成' }, { ...entry, action: 'campaign.milestoneDone' });
  }
  const round = defaultRound(campaign, {
    title: '第二次满意度测评', kind: 'satisfaction', closesAt: now + 3_600_000, createdBy: ADMIN, now, electorate: [VOTER],
  });
  await store.evaluations.create(round, { ...entry, action: 'evaluation.create' });
  expect(await store.evaluations.open(round.id, now, { ...entry, action: 'evaluation.open' }, (u) => `elig-${u}`)).toBe('ok');
  const choices = Object.fromEntries(cellsOf(round).map((c) => [`${c.subject.key}|${c.dimension.key}`, round.scale.at(-1)!.key]));
  expect(await store.evaluations.castBallot(round.id, VOTER_HMAC, round.groups[0]!.key, choices, now)).toBe('ok');
  expect(await store.evaluations.close(round.id, now, { ...entry, action: 'evaluation.close' })).toBe('ok');
  await store.evaluations.setVerdict(round.id, 'continue');
});
afterAll(async () => { await bot?.stop(); });

describe('结束活动', () => {
  it('before the last day has passed: refused with every reason, and no override, even for the top leader', async () => {
    const card = await ask(ADMIN);
    for (const s of ['暂不能结束活动', '以下 4 项尚未满足结束条件', '活动最后一天（2027年9月30日（周四））尚未过去',
      '整改事项 2. 调研不深入：待销号，尚未销号', '时间节点“满意度测评”（计划日期 2027年9月20日（周一））尚未标记完成',
      '最近一轮满意度测评「第二次满意度测评」未达到目标']) expect(card).toContain(s);
    expect(card).not.toContain('会议过多过长');
    expect(await ask(TOP)).not.toContain('ce.override');
    expect(await ask(MEMBER)).not.toContain('结束条件');
    const r = await click(ADMIN, { v: 1, a: 'ce.end' });
    expect(r.json.toast.type).toBe('warning');
    expect(str(r.json.card)).toContain('活动最后一天');
    expect(await ctx().store.campaignEnd.get()).toBeUndefined();
  });

  it('after the last day: an admin is still refused over open items; the top leader gets the form', async () => {
    clock = instantOf('2027-10-08', '10:00', SH);
    const card = await ask(ADMIN);
    expect(card).toContain('以下 3 项尚未满足结束条件');
    expect(card).not.toContain('ce.override');
    expect((await click(ADMIN, { v: 1, a: 'ce.end' })).json.toast.type).toBe('warning');
    expect((await click(ADMIN, { v: 1, a: 'ce.override' }, { [OVERRIDE_FORM.reason]: '理由' })).json.toast.type).toBe('error');
    expect((await click(MEMBER, { v: 1, a: 'ce.end' })).json.toast.type).toBe('error');
    expect(await ask(TOP)).toContain('ce.override');
    for (const fv of [{}, { [OVERRIDE_FORM.reason]: '   ' }, { [OVERRIDE_FORM.reason]: '长'.repeat(501) }]) {
      const r = await click(TOP, { v: 1, a: 'ce.override' }, fv);
      expect(r.json.toast.type, str(fv)).toBe('warning');
      expect(str(r.json.card)).toContain('ce.override');
    }
    expect(await ctx().store.campaignEnd.get()).toBeUndefined();
  });

  it('the top leader ends it with a written reason: audited, the admins told, the archive sent to each of them', async () => {
    const reason = '经党组研究，剩余事项转入常态化整改，由活动办跟踪督办。';
    const r = await click(TOP, { v: 1, a: 'ce.override' }, { [OVERRIDE_FORM.reason]: reason });
    expect(r.json.toast.type).toBe('success');
    expect(str(r.json.card)).toContain(`结束理由：${reason}`);
    expect(await ctx().store.campaignEnd.get()).toEqual({ at: clock, by: TOP, override: reason });
    const audit = (await ctx().store.audit.recent(10)).filter((e) => e.action === 'campaign.end');
    expect(audit).toEqual([{ at: clock, actor: TOP, action: 'campaign.end', detail: {
      override: reason, open: { ledger: [2], milestones: ['满意度测评'], satisfaction: 'continue' },
    } }]);
    expect((await click(ADMIN, { v: 1, a: 'ce.end' })).json.toast.type).toBe('info');
    await bot.idle();
    for (const admin of [ADMIN, ADMIN2]) {
      expect(bot.fake.messagesTo(admin).filter((m) => m.msgType === 'file')).toHaveLength(1);
      expect(str(bot.fake.messagesTo(admin))).toContain('结束了活动，归档文件随后发送给您');
    }
    expect((await bot.service.deps.queues.export.getJobs(['completed'])).map((j) => j.data))
      .toEqual([{ kind: 'archive', format: 'xlsx', requester: TOP, requestId: expect.any(String) }]);
  });

  it('the archive holds every part, and no writer of an opinion and no voter in any cell', async () => {
    const files = [...bot.fake.state.files.values()].filter((f) => f.fileName.startsWith('活动归档'));
    expect(files.length).toBeGreaterThanOrEqual(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[0]!.data as unknown as ArrayBuffer);
    const sheets: string[] = [];
    const cells: string[] = [];
    const rows = new Map<string, string[]>();
    wb.eachSheet((ws) => {
      sheets.push(ws.name);
      ws.eachRow((row) => row.eachCell((c) => { cells.push(typeof c.value === 'object' ? str(c.value) : String(c.value)); }));
      const lines: string[] = [];
      ws.eachRow((row) => { lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')); });
      rows.set(ws.name, lines);
    });
    expect(sheets).toEqual(['活动概况', '阶段与时间节点', '意见建议汇总', '意见建议明细', '测评结果1', '集中学习汇总', '集中学习考勤',
      '集中学习心得体会', '整改台账', '整改事项记录', '材料报审', '材料审阅记录', '谈心谈话', '生活会', '生活会记录',
      '建章立制', '操作记录']);
    const all = cells.join('\n');
    expect(rows.get('活动概况')).toEqual(expect.arrayContaining(['整改方案审定时间|2027-07-01 15:30', '整改方案审定人|陈干事']));
    expect(rows.get('建章立制')).toContain('1|调研工作制度|立|张华|2027-08-31|印发|2027-08-20|#2 调研不深入');
    const when = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(rows.get('材料报审')).toContain(`对照检查材料|赵副主席对照检查材料|赵副主席|主要负责同志|2027-06-10|审阅通过|${when(clock0 + 60_000)}|2`);
    expect(rows.get('材料审阅记录')!.slice(1).map((r) => r.split('|').slice(3).join('|'))).toEqual([
      '刘办公室主任|建立||赵副主席对照检查材料', '赵副主席|提交新版本|1|对照检查材料（初稿）.docx', '王主席|退回修改|1|请认真修改，查摆要具体',
      '赵副主席|提交新版本|2|第二稿正文', '王主席|审阅通过|2|', '王主席|全部审阅通过|2|',
    ]);
    const audit = rows.get('操作记录')!.join('\n');
    expect(audit).toContain('|建章立制|rules.create|');
    expect(audit).toContain('|材料报审|material.create|');
    expect(audit).toContain('|陈干事|公示|board.planAccepted');
    for (const s of ['匿名意见：会议太多', '署名意见：材料太多', '第二次满意度测评', '调研不深入', '满意度测评', 'campaign.end', '王主席']) {
      expect(all).toContain(s);
    }
    for (const secret of [WRITER, VOTER, VOTER_HMAC, ANON_CODE_HMAC, 'namedCodeHmac', 'file_v3_secretKey', 'om_secretMsg']) {
      expect(all).not.toContain(secret);
    }
  });

  it('the purge: refused before 30 days and to members; then it deletes only this prefix\'s campaign data, audited', async () => {
    const redis = new Redis(testRedisUrl());
    const prefix = bot.prefix;
    const neighbours = [`${prefix}x:keep`, `other-${prefix}:keep`];
    try {
      for (const k of neighbours) await redis.set(k, '1', 'EX', 600);
      clock = instantOf('2027-11-06', '23:00', SH);
      const early = await click(ADMIN, { v: 1, a: 'ce.purge' });
      expect(early.json.toast.type).toBe('warning');
      expect(early.json.toast.content).toContain('2027年11月7日（周日）');
      expect((await click(ADMIN, { v: 1, a: 'ce.purgeConfirm' })).json.toast.type).toBe('warning');
      clock = instantOf('2027-11-07', '09:00', SH);
      expect((await click(MEMBER, { v: 1, a: 'ce.purge' })).json.toast.type).toBe('error');
      expect((await click(TOP, { v: 1, a: 'ce.purgeConfirm' })).json.toast.type).toBe('error');
      expect(await ctx().store.opinions.counts()).not.toEqual({});
      const confirm = await click(ADMIN, { v: 1, a: 'ce.purge' });
      expect(str(confirm.json.card)).toContain('将永久删除');
      await bot.idle();
      const done = await click(ADMIN, { v: 1, a: 'ce.purgeConfirm' });
      expect(done.json.toast.type).toBe('success');
      expect(str(done.json.card)).toContain('清除了活动数据');

      const left: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        left.push(...found);
      } while (cursor !== '0');
      const own = left.filter((k) => !k.startsWith(`${prefix}:{bull}:`));
      // The card event claimed by the click after the purge is the one key written since, besides the two kept (the end
      // record, the list of audit streams) and the purge's audit entry, in the stream of the end record's slot.
      expect(own.filter((k) => !k.startsWith(`${prefix}:seen:`)).sort())
        .toEqual([`${prefix}:audit:streams`, `${prefix}:campaign:end`, `${prefix}:{${prefix}:campaign:end}:audit`].sort());
      for (const k of neighbours) expect(await redis.get(k)).toBe('1');
      expect(await ctx().store.campaignEnd.get()).toMatchObject({ by: TOP, purgedAt: clock, purgedBy: ADMIN });
      expect(await ctx().store.audit.recent(10))
        .toEqual([{ at: clock, actor: ADMIN, action: 'campaign.purge', detail: { keys: expect.any(Number) } }]);
      expect(await ctx().store.ledger.list()).toEqual([]);
      expect((await click(ADMIN, { v: 1, a: 'ce.purgeConfirm' })).json.toast.type).toBe('info');
      expect(await ask(ADMIN)).toContain('清除了活动数据');
    } finally {
      for (const k of neighbours) await redis.del(k);
      redis.disconnect();
    }
  });
});
