import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { keyedHmac } from '../../../src/domain/hmac.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { REVIEW_FORM, VERSION_FORM } from '../../../src/domain/materials/form.js';
import { ISSUE_FORM, RULE_FORM } from '../../../src/domain/rules/form.js';
import { RULES_COLUMNS } from '../../../src/reports/rules-exports.js';
import { validateCard } from '../../../cards/validate.js';
import { restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * The 建章立制 register on real materials, through signed callbacks on the injected clock: a rule goes 起草 → 审议 by
 * itself when its owner submits the draft material, stays 审议 when the top leader returns it, and once the top leader
 * and the 督导组 pass the latest version the office gets the rule card to 印发 it — once, across a worker restart. A 废
 * rule goes to 废止 the same way; refusals and stale clicks change nothing; the XLSX export matches the register.
 */

const ADMIN = 'ou_admin_liu';
const ADMIN2 = 'ou_admin_chen';
const OWNER = 'ou_member_01';
const MEMBER = 'ou_member_05';
const TOP = 'ou_leader_wang';
const SUPERVISOR = 'ou_super_wu';
const TZ = 'Asia/Shanghai';
const CODE = 'KQ7M3XPA';
let clock = instantOf('2027-07-01', '10:00', TZ);
const bots = restartingBots({ now: () => clock });
let bot: TestBot;
let itemId = '';
let opinionId = '';

const str = (x: unknown) => JSON.stringify(x);
const click = (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) => bot.click(openId, value, formValue);
const ok = async (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) => {
  const r = await click(openId, value, formValue);
  expect(r.toast?.type, str(r)).toBe('success');
  await bot.idle();
  return r;
};
const ctx = () => bot.service.deps.ctx;
const rules = () => ctx().store.rules;
const materials = () => ctx().store.materials;
const said = (openId: string, words: string) => bot.fake.messages.filter((m) => m.receiveId === openId && str(m.content).includes(words));
async function pending(id: string): Promise<string[]> {
  const jobs = await bot.service.deps.queues.rules.getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.map((j) => j.id ?? '').filter((j) => j.startsWith(`rl-${id}-`)).map((j) => j.slice(`rl-${id}-`.length)).sort();
}

beforeAll(async () => {
  bot = await bots.start();
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
afterAll(async () => { await bots.stopAll(); });

const form = (over: Record<string, unknown> = {}) => ({
  [RULE_FORM.kind]: 'make', [RULE_FORM.name]: '会议管理办法', [RULE_FORM.owner]: OWNER, [RULE_FORM.due]: '2027-07-20 +0800',
  [RULE_FORM.items]: [itemId], [RULE_FORM.opinions]: 'kq7m-3xpa', ...over,
});


describe('a rule 起草 → 审议 → 印发 on its material, and its export', () => {
  let id = '';
  let mat = '';

  it('the form refuses what is wrong and keeps what was typed; a good one makes a 起草 rule with a real material', async () => {
    const bad = await click(ADMIN, { a: 'rl.save' }, form({ [RULE_FORM.opinions]: 'ZZZZ9999', [RULE_FORM.due]: '2027-06-01 +0800' }));
    expect(bad.toast.type, str(bad)).toBe('warning');
    expect(str(bad.card)).toContain('会议管理办法');
    expect(await rules().list()).toEqual([]);
    const r = await ok(ADMIN, { a: 'rl.save' }, form());
    expect(validateCard(r.card.data)).toEqual([]);
    const [rule] = await rules().list();
    id = rule!.id;
    mat = rule!.material;
    expect(rule).toMatchObject({
      seq: 1, kind: 'make', owner: OWNER, due: '2027-07-20', state: 'drafting', items: [itemId], opinions: [opinionId],
    });
    // Only the opinion's id is kept: never its receipt code.
    expect(str(rule)).not.toContain(CODE);
    expect(await materials().get(mat)).toMatchObject({
      kind: 'rule', title: '会议管理办法', authors: [OWNER], due: '2027-07-20', state: 'drafting', chain: ['topLeader', 'supervisors'],
    });
    expect(await pending(id)).toEqual(['1-d0', '1-d1', '1-d3', '1-due', '1-late3']);
    expect(said(OWNER, '您是这项制度的牵头人')).toHaveLength(1);
    expect(said(OWNER, '所属制度：#1 会议管理办法')).toHaveLength(1);
  });

  it('the rule card: opinions by category and day, the material state and its button for those who may open it', async () => {
    const card = str((await click(OWNER, { a: 'rl.open', id })).card);
    expect(card).toContain('形式主义 6月20日');
    expect(card).not.toContain(opinionId);
    expect(card).not.toContain('请规范会议');
    expect(card).toContain('起草材料：起草中');
    expect(card).toContain(`"a":"mt.open","id":"${mat}"`);
    // A member who is not the owner reads neither the draft rule nor its material.
    expect((await click(MEMBER, { a: 'rl.open', id })).toast.type).toBe('error');
    expect((await click(MEMBER, { a: 'mt.open', id: mat })).toast.type).toBe('error');
    const material = str((await click(OWNER, { a: 'mt.open', id: mat })).card);
    expect(material).toContain('所属制度：#1 会议管理办法');
    expect(material).toContain(`"a":"rl.open","id":"${id}"`);
  });

  it('印发 is refused while the material is drafted; only the owner submits a version, and the rule moves to 审议 by itself', async () => {
    const before = str(await rules().get(id));
    const early = await click(ADMIN, { a: 'rl.issue', id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' });
    expect(early.toast).toMatchObject({ type: 'warning', content: '这项制度的状态已变化，请刷新后再试' });
    expect((await click(MEMBER, { a: 'mt.version', id: mat, n: 1 }, { [VERSION_FORM.text]: '冒名' })).toast.type).toBe('error');
    expect(str(await rules().get(id))).toBe(before);
    clock += 3_600_000;
    await ok(OWNER, { a: 'mt.version', id: mat, n: 1 }, { [VERSION_FORM.text]: '会议管理办法（征求意见稿）' });
    const rule = await rules().get(id);
    expect(rule).toMatchObject({ state: 'review', since: { review: clock } });
    expect(rule!.history.at(-1)).toMatchObject({ by: 'system', what: 'review', from: 'drafting', to: 'review', note: 'v1' });
    const audit = (await ctx().store.audit.recent(100)).filter((e) => e.action === 'rules.review');
    expect(audit).toMatchObject([{ actor: 'system', detail: { id, material: mat, version: 1 } }]);
    expect(said(OWNER, '制度进入审议环节')).toHaveLength(1);
    expect(said(TOP, '烦请')).toHaveLength(1);
  });

  it('the top leader returns it: the rule stays 审议, the card says so, the owner is told; 印发 still waits', async () => {
    clock += 3_600_000;
    const r = await click(TOP, { a: 'mt.return', id: mat, n: 1, s: 0 }, { [REVIEW_FORM.returnComment]: '请补充会议审批程序' });
    expect(r.toast.type, str(r)).toBe('success');
    await bot.idle();
    expect((await rules().get(id))!.state).toBe('review');
    expect(said(OWNER, '请补充会议审批程序')).toHaveLength(1);
    const card = str((await click(OWNER, { a: 'rl.open', id })).card);
    expect(card).toContain('起草材料已退回修改，制度仍处于审议环节');
    const issue = await click(ADMIN, { a: 'rl.issue', id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' });
    expect(issue.toast).toMatchObject({ type: 'warning', content: '起草材料尚未审阅通过，暂不能印发或废止' });
    expect(said(ADMIN, '可以印发了')).toHaveLength(0);
  });

  it('version 2 passes the top leader and the 督导组: the office gets the rule card to 印发 it, once, across a restart', async () => {
    clock += 3_600_000;
    await ok(OWNER, { a: 'mt.version', id: mat, n: 2 }, { [VERSION_FORM.text]: '会议管理办法（修改稿）' });
    await ok(TOP, { a: 'mt.pass', id: mat, n: 2, s: 0 });
    expect(said(ADMIN, '可以印发了')).toHaveLength(0);
    await ok(SUPERVISOR, { a: 'mt.pass', id: mat, n: 2, s: 1 });
    expect((await materials().get(mat))!.state).toBe('accepted');
    expect((await rules().get(id))!.state).toBe('review');
    for (const admin of [ADMIN, ADMIN2]) {
      const ready = said(admin, '可以印发了');
      expect(ready, admin).toHaveLength(1);
      expect(str(ready[0]!.content)).toContain('rl.issue');
    }
    // Only once: the owner's notice of 审议 is not sent again either.
    await bot.stop();
    bot = await bots.start();
    await bot.idle();
    for (const admin of [ADMIN, ADMIN2]) expect(said(admin, '可以印发了'), admin).toHaveLength(0);
    expect(said(OWNER, '制度进入审议环节')).toHaveLength(0);
  });

  it('印发 refuses a bad link or a future day, then records the day; reminders stop', async () => {
    const before = str(await rules().get(id));
    const bads = [{ [ISSUE_FORM.day]: '2027-07-02 +0800' }, { [ISSUE_FORM.day]: '2027-07-01 +0800', [ISSUE_FORM.link]: 'javascript:x' }];
    for (const fv of bads) {
      const bad = await click(ADMIN, { a: 'rl.issue', id }, fv);
      expect(bad.toast.type, str(fv)).toBe('warning');
      expect(validateCard(bad.card.data)).toEqual([]);
    }
    expect((await click(OWNER, { a: 'rl.issue', id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' })).toast.type).toBe('error');
    expect(str(await rules().get(id))).toBe(before);
    await ok(ADMIN, { a: 'rl.issue', id }, {
      [ISSUE_FORM.day]: '2027-07-01 +0800', [ISSUE_FORM.docNo]: '区总工〔2027〕12号',
      [ISSUE_FORM.link]: 'https://example.feishu.cn/docx/abc',
    });
    expect(await rules().get(id)).toMatchObject({ state: 'adopted', issuedOn: '2027-07-01', docNo: '区总工〔2027〕12号', gen: 2 });
    expect(await pending(id)).toEqual([]);
    const audit = (await ctx().store.audit.recent(200)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['rules.create', 'rules.review', 'rules.adopt', 'material.pass', 'material.return']));
  });

  it('a member who is not the owner reads the issued rule (not its material), and the register lists it', async () => {
    const open = await click(MEMBER, { a: 'rl.open', id });
    expect(open.card, str(open)).toBeDefined();
    expect(str(open.card)).toContain('会议管理办法');
    expect(str(open.card)).not.toContain('mt.open');
    const chatId = `oc_p2p_${MEMBER}`;
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: MEMBER, chatId, chatType: 'p2p', text: '制度' }));
    await bot.idle();
    const list = bot.fake.messages.filter((m) => m.receiveId === chatId && str(m.content).includes('建章立制清单'));
    expect(list).toHaveLength(1);
    expect(str(list[0]!.content)).toContain('会议管理办法');
  });

  it('a 废 rule goes 起草 → 审议 → 废止 with its material', async () => {
    await ok(ADMIN, { a: 'rl.save' }, form({ [RULE_FORM.kind]: 'abolish', [RULE_FORM.name]: '旧考勤规定', [RULE_FORM.opinions]: '' }));
    const rule = (await rules().list()).find((r) => r.name === '旧考勤规定')!;
    await ok(OWNER, { a: 'mt.version', id: rule.material, n: 1 }, { [VERSION_FORM.text]: '关于废止旧考勤规定的说明' });
    expect((await rules().get(rule.id))!.state).toBe('review');
    await ok(TOP, { a: 'mt.pass', id: rule.material, n: 1, s: 0 });
    await ok(SUPERVISOR, { a: 'mt.pass', id: rule.material, n: 1, s: 1 });
    expect(said(ADMIN, '可以废止了')).toHaveLength(1);
    await ok(ADMIN, { a: 'rl.issue', id: rule.id }, { [ISSUE_FORM.day]: '2027-07-01 +0800' });
    expect(await rules().get(rule.id)).toMatchObject({ state: 'abolished', issuedOn: '2027-07-01' });
    // A draft rule for the export's third row.
    await ok(ADMIN, { a: 'rl.save' }, form({ [RULE_FORM.kind]: 'revise', [RULE_FORM.name]: '公务接待制度', [RULE_FORM.items]: [] }));
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
