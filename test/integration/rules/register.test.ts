import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { keyedHmac } from '../../../src/domain/hmac.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { ISSUE_FORM, RULE_FORM } from '../../../src/domain/rules/form.js';
import { RULES_COLUMNS } from '../../../src/reports/rules-exports.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * The 建章立制 register through signed callbacks on the injected clock: a rule goes 起草 → 审议 → 印发 as its draft
 * material moves (the stand-in of handlers/rules/material-link.ts), a 废 rule goes to 废止, refusals and stale clicks
 * change nothing, and the XLSX export matches the register row by row.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const MEMBER = 'ou_member_05';
const SUPERVISOR = 'ou_super_wu';
const TZ = 'Asia/Shanghai';
const CODE = 'KQ7M3XPA';
let clock = instantOf('2027-07-01', '10:00', TZ);
let bot: TestBot;
let itemId = '';
let opinionId = '';

const str = (x: unknown) => JSON.stringify(x);
const click = async (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
  (await bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value: { v: 1, ...value }, formValue }))).json;
const ctx = () => bot.service.deps.ctx;
const rules = () => ctx().store.rules;
const material = (id: string, state: 'drafting' | 'inReview' | 'returned' | 'accepted') => rules().standInMaterials.set(id, state);
async function pending(id: string): Promise<string[]> {
  const jobs = await bot.service.deps.queues.rules.getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.map((j) => j.id ?? '').filter((j) => j.startsWith(`rl-${id}-`)).map((j) => j.slice(`rl-${id}-`.length)).sort();
}

beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
  const { store, anonSecret } = ctx();
  const item = await store.ledger.create(newItem({
    problem: '会议多、文件多', source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: OWNER, leader: 'ou_leader_zhao',
    coOwners: [], deadline: '2027-08-01', milestones: [], commitment: '', linkedRounds: [],
  }, newItemId(), { by: ADMIN, now: clock }), { at: clock, actor: ADMIN, action: 'ledger.create', detail: {} });
  itemId = item.id;
  opinionId = 'opinion_rules0001';
  await store.opinions.create({ id: opinionId, codeHmac: keyedHmac(anonSecret, 'receipt', CODE), category: 'formalism', target: 'team',
    source: 'cadres', text: '请规范会议', anonymous: true, day: '2027-06-20', dayNumber: 1, week: '2027-W25' });
});
afterAll(async () => { await bot?.stop(); });

const form = (over: Record<string, unknown> = {}) => ({
  [RULE_FORM.kind]: 'make', [RULE_FORM.name]: '会议管理办法', [RULE_FORM.owner]: OWNER, [RULE_FORM.due]: '2027-07-20 +0800',
  [RULE_FORM.items]: [itemId], [RULE_FORM.opinions]: 'kq7m-3xpa', ...over,
});

describe('a rule 起草 → 审议 → 印发, and its export', () => {
  let id = '';
  let mat = '';

  it('the form refuses what is wrong and keeps what was typed; a good one makes a 起草 rule with its material and reminders', async () => {
    const bad = await click(ADMIN, { a: 'rl.save' }, form({ [RULE_FORM.opinions]: 'ZZZZ9999', [RULE_FORM.due]: '2027-06-01 +0800' }));
    expect(bad.toast.type, str(bad)).toBe('warning');
    expect(str(bad.card)).toContain('会议管理办法');
    expect(await rules().list()).toEqual([]);
    const r = await click(ADMIN, { a: 'rl.save' }, form());
    expect(r.toast.type, str(r)).toBe('success');
    expect(validateCard(r.card.data)).toEqual([]);
    const [rule] = await rules().list();
    id = rule!.id;
    mat = rule!.material;
    expect(rule).toMatchObject({
      seq: 1, kind: 'make', owner: OWNER, due: '2027-07-20', state: 'drafting', items: [itemId], opinions: [opinionId],
    });
    // Only the opinion's id is kept: never its receipt code.
    expect(str(rule)).not.toContain(CODE);
    expect(await rules().standInMaterials.get(mat)).toBe('drafting');
    expect(await pending(id)).toEqual(['1-d0', '1-d1', '1-d3', '1-due', '1-late3']);
    await bot.idle();
    expect(bot.fake.messages.filter((m) => m.receiveId === OWNER && str(m.content).includes('您是这项制度的牵头人'))).toHaveLength(1);
  });

  it('提交审议 is refused while the material is not in review, and for anyone but the owner or an admin', async () => {
    const before = str(await rules().get(id));
    const early = await click(OWNER, { a: 'rl.review', id });
    expect(early.toast).toMatchObject({ type: 'warning', content: '起草材料尚未报审，请先在「材料」中提交报审' });
    for (const who of [MEMBER, SUPERVISOR]) expect((await click(who, { a: 'rl.review', id })).toast.type, who).toBe('error');
    const issue = await click(ADMIN, { a: 'rl.issue', id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' });
    expect(issue.toast.type).toBe('warning');
    expect(str(await rules().get(id))).toBe(before);
  });

  it('the owner submits once the material is in review; a second (stale) click changes nothing', async () => {
    await material(mat, 'inReview');
    clock += 3_600_000;
    const r = await click(OWNER, { a: 'rl.review', id });
    expect(r.toast.type, str(r)).toBe('success');
    const rule = await rules().get(id);
    expect(rule!.state).toBe('review');
    const stale = await click(OWNER, { a: 'rl.review', id });
    expect(stale.toast).toMatchObject({ type: 'warning', content: '这项制度的状态已变化，请刷新后再试' });
    expect(str(await rules().get(id))).toBe(str(rule));
  });

  it('印发 waits for the accepted material, refuses a bad link or a future day, then records the day; reminders stop', async () => {
    const early = await click(ADMIN, { a: 'rl.issue', id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' });
    expect(early.toast).toMatchObject({ type: 'warning', content: '起草材料尚未审阅通过，暂不能印发或废止' });
    await material(mat, 'accepted');
    const before = str(await rules().get(id));
    const bads = [{ [ISSUE_FORM.day]: '2027-07-02 +0800' }, { [ISSUE_FORM.day]: '2027-07-01 +0800', [ISSUE_FORM.link]: 'javascript:x' }];
    for (const fv of bads) {
      const bad = await click(ADMIN, { a: 'rl.issue', id }, fv);
      expect(bad.toast.type, str(fv)).toBe('warning');
      expect(validateCard(bad.card.data)).toEqual([]);
    }
    expect((await click(OWNER, { a: 'rl.issue', id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' })).toast.type).toBe('error');
    expect(str(await rules().get(id))).toBe(before);
    const r = await click(ADMIN, { a: 'rl.issue', id }, {
      [ISSUE_FORM.day]: '2027-07-01 +0800', [ISSUE_FORM.docNo]: '区总工〔2027〕12号',
      [ISSUE_FORM.link]: 'https://example.feishu.cn/docx/abc',
    });
    expect(r.toast.type, str(r)).toBe('success');
    expect(await rules().get(id)).toMatchObject({ state: 'adopted', issuedOn: '2027-07-01', docNo: '区总工〔2027〕12号', gen: 2 });
    expect(await pending(id)).toEqual([]);
    const audit = (await ctx().store.audit.recent(100)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['rules.create', 'rules.review', 'rules.adopt']));
  });

  it('a member who is not the owner reads the issued rule, and the register lists it', async () => {
    const open = await click(MEMBER, { a: 'rl.open', id });
    expect(open.card, str(open)).toBeDefined();
    expect(str(open.card)).toContain('会议管理办法');
    const chatId = `oc_p2p_${MEMBER}`;
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: MEMBER, chatId, chatType: 'p2p', text: '制度' }));
    await bot.idle();
    const list = bot.fake.messages.filter((m) => m.receiveId === chatId && str(m.content).includes('建章立制清单'));
    expect(list).toHaveLength(1);
    expect(str(list[0]!.content)).toContain('会议管理办法');
  });

  it('a 废 rule goes 起草 → 审议 → 废止', async () => {
    const made = await click(ADMIN, { a: 'rl.save' },
      form({ [RULE_FORM.kind]: 'abolish', [RULE_FORM.name]: '旧考勤规定', [RULE_FORM.opinions]: '' }));
    expect(made.toast.type).toBe('success');
    const rule = (await rules().list()).find((r) => r.name === '旧考勤规定')!;
    await material(rule.material, 'inReview');
    expect((await click(ADMIN, { a: 'rl.review', id: rule.id })).toast.type).toBe('success');
    await material(rule.material, 'accepted');
    const r = await click(ADMIN, { a: 'rl.issue', id: rule.id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' });
    expect(r.toast.type, str(r)).toBe('success');
    expect(await rules().get(rule.id)).toMatchObject({ state: 'abolished', issuedOn: '2027-07-01' });
    // A draft rule for the export's third row.
    expect((await click(ADMIN, { a: 'rl.save' }, form({ [RULE_FORM.kind]: 'revise', [RULE_FORM.name]: '公务接待制度', [RULE_FORM.items]: [] })))
      .toast.type).toBe('success');
  });

  it('the XLSX export (readers only) matches the register row by row', async () => {
    expect((await click(MEMBER, { a: 'rl.export' })).toast.type).toBe('error');
    expect((await click(SUPERVISOR, { a: 'rl.export' })).toast.type).toBe('success');
    await bot.idle();
    const files = [...bot.fake.state.files.values()].filter((f) => f.fileName.startsWith('建章立制清单'));
    expect(files).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[0]!.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toEqual([...RULES_COLUMNS]);
    // The register as stored, in 序号 order, is what the file holds.
    const stateOf: Record<string, string> = { 印发: 'adopted', 废止: 'abolished', 起草: 'drafting' };
    expect((await rules().list()).map((r) => [r.seq, r.name, r.state]))
      .toEqual(rows.slice(2).map((r) => [r[0], r[1], stateOf[r[5] as string]]));
    expect(rows.slice(2)).toEqual([
      [1, '会议管理办法', '立', '李明', '2027-07-20', '印发', '2027-07-01', '#1 会议多、文件多'],
      [2, '旧考勤规定', '废', '李明', '2027-07-20', '废止', '2027-07-01', '#1 会议多、文件多'],
      [3, '公务接待制度', '改', '李明', '2027-07-20', '起草', '', ''],
    ]);
  });
});
