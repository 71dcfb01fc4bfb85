import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { validateCard } from '../../../cards/validate.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';
import { CAMPAIGN_PATH, startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

// The contact point's chat: seven workers the campaign file does not know.
const CHAT = 'oc_contact_point_1';
const workers = Array.from({ length: 7 }, (_, i) => `ou_worker_${String(i + 1).padStart(2, '0')}`);
const ADMIN = 'ou_admin_liu';

let bot: TestBot;
beforeAll(async () => {
  // The seventh worker joins the chat after the round is created, before it opens.
  bot = await startTestBot({ fake: { chats: [{ chatId: CHAT, name: '某某公司联系点群', members: workers.slice(0, 6) }] } });
});
afterAll(async () => { await bot?.stop(); });

const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const p2p = (openId: string) => `oc_p2pchat${openId.replace(/[^a-z0-9]/g, '')}x`;
const say = (openId: string, text: string) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text }));
const str = (x: unknown) => JSON.stringify(x);
const day = (offset: number) => `${new Date(TEST_START + offset * 86_400_000).toISOString().slice(0, 10)} +0800`;
const store = () => bot.service.deps.ctx.store.evaluations;
const GRADES = ['sat', 'basic', 'unsat'];
const ballot = (g: number, suggestion?: string) => ({
  c0: GRADES[g], c1: GRADES[g], c2: GRADES[(g + 1) % 3], c3: GRADES[g], ...(suggestion !== undefined ? { ev_sugg: suggestion } : {}),
});

async function createOutreach(contact: string, delivery: Record<string, string>): Promise<string> {
  const form = await click(ADMIN, { v: 1, a: 'ev.outreachNew' });
  expect(validateCard(form.json.card.data)).toEqual([]);
  expect(str(form.json.card.data)).toContain('oc_announce_board'); // a chat the campaign knows, offered in the form
  const r = await click(ADMIN, { v: 1, a: 'ev.outreachCreate' }, {
    or_contact: contact, or_source: 'enterprise', or_day: day(0), or_closes: day(2), or_k: '5', ...delivery,
  });
  expect(r.json.toast.type, str(r.json)).toBe('success');
  const round = (await store().list()).find((x) => x.title.includes(contact))!;
  expect(round).toMatchObject({ kind: 'outreach', status: 'draft', visit: { contact, source: 'enterprise' } });
  return round.id;
}

describe('outreach rounds (走进职工): a ballot posted into the contact point\'s chat', () => {
  let a = '';
  let b = '';

  it('refuses a bad form and a chat the bot cannot read', async () => {
    const bad = await click(
      ADMIN, { v: 1, a: 'ev.outreachCreate' }, { or_contact: '', or_source: 'nope', or_delivery: 'chat', or_chat_id: 'x' },
    );
    expect(bad.json.toast.type).toBe('warning');
    expect(validateCard(bad.json.card.data)).toEqual([]);
    const unknown = await click(ADMIN, { v: 1, a: 'ev.outreachCreate' }, {
      or_contact: '无人群', or_source: 'enterprise', or_day: day(0), or_closes: day(2), or_delivery: 'chat', or_chat_id: 'oc_missing_chat',
    });
    expect(unknown.json.toast.content).toContain('读不到这个群的成员');
    expect((await click('ou_member_01', { v: 1, a: 'ev.outreachNew' })).json.toast.type).toBe('error');
  });

  it('an admin creates a round for the visit and posts its ballot into the chat (typed chat_id); ' +
    'the electorate is the chat\'s members', async () => {
    a = await createOutreach('某某公司', { or_delivery: 'chat', or_chat_id: CHAT });
    expect(await store().turnout(a)).toEqual({ voted: 0, electorate: 6 });
    bot.fake.state.chats.get(CHAT)!.members.push(workers[6]);
    expect((await click(ADMIN, { v: 1, a: 'ev.open', round: a })).json.toast.type).toBe('success');
    expect(await store().turnout(a)).toEqual({ voted: 0, electorate: 7 });
    // Fixed once open.
    expect(await store().replaceVoters(a, { ou_intruder: '_other' })).toBe(false);
    await bot.idle();
    const posted = bot.fake.messagesTo(CHAT).filter((m) => str(m.content).includes('ev.vote'));
    expect(posted).toHaveLength(1);
    expect(validateCard(posted[0].content)).toEqual([]);
    expect(str(posted[0].content)).toContain('ev_sugg');
    for (const w of workers) expect(bot.fake.messagesTo(w)).toHaveLength(0);
  });

  it('six members vote on the same card, each answered by a toast only; ' +
    'a second vote, a non-member and an over-long suggestion are refused', async () => {
    const suggestions: Record<number, string> = {
      0: '希望工会多组织一线职工的技能培训。', 2: '食堂饭菜价格偏高，建议工会帮助协调。', 4: '=HYPERLINK("http://x")，困难职工帮扶要更及时',
    };
    for (let i = 0; i < 6; i++) {
      const r = await click(workers[i], { v: 1, a: 'ev.vote', round: a, page: 0, prior: '' }, ballot(i % 2, suggestions[i] ?? ''));
      expect(r.json.toast.type, str(r.json)).toBe('success');
      expect(r.json.card, workers[i]).toBeUndefined();
    }
    const again = await click(workers[0], { v: 1, a: 'ev.vote', round: a, page: 0, prior: '' }, ballot(2, '再提一条'));
    expect(again.json.toast.content).toContain('只能提交一次');
    expect(again.json.card).toBeUndefined();
    for (const outsider of ['ou_member_01', 'ou_outsider']) {
      const r = await click(outsider, { v: 1, a: 'ev.vote', round: a, page: 0, prior: '' }, ballot(0));
      expect(r.json.toast.content).toContain('不在本次测评的参评人员范围');
      expect(r.json.card).toBeUndefined();
    }
    const long = await click(workers[6], { v: 1, a: 'ev.vote', round: a, page: 0, prior: '' }, ballot(0, '长'.repeat(1001)));
    expect(long.json.toast.type).toBe('warning');
    expect(long.json.card).toBeUndefined();
    expect(await store().turnout(a)).toEqual({ voted: 6, electorate: 7 });
    // The opinion a refused second vote carried was not stored.
    expect((await bot.service.deps.ctx.store.opinions.counts()).total).toBe(3);
  });

  it('a second visit of the same source group by direct message: the voter\'s card is replaced and shows a receipt code', async () => {
    b = await createOutreach('某某街道', { or_delivery: 'dm' });
    await click(ADMIN, { v: 1, a: 'ev.open', round: b });
    await bot.idle();
    expect(bot.fake.messagesTo('ou_member_01').filter((m) => str(m.content).includes(b))).toHaveLength(1);
    const r = await click('ou_member_01', { v: 1, a: 'ev.vote', round: b, page: 0, prior: '' }, ballot(0, '职工之家活动室开放时间太短。'));
    expect(r.json.toast.type).toBe('success');
    expect(validateCard(r.json.card.data)).toEqual([]);
    expect(str(r.json.card.data)).toMatch(/回执码 [A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect((await click('ou_member_02', { v: 1, a: 'ev.vote', round: b, page: 0, prior: '' }, ballot(1))).json.toast.type).toBe('success');
  });

  it('suggestions are anonymous opinions with the source group and the visit, listed in 意见处理', async () => {
    const ops = bot.service.deps.ctx.store.opinions;
    const all = await ops.getMany(await ops.allPage(0, 100));
    expect(all).toHaveLength(4);
    for (const o of all) {
      expect(o).toMatchObject({ anonymous: true, source: 'enterprise', category: 'service', target: 'office', status: 'received' });
      expect(o.submitter).toBeUndefined();
      expect(o.visit).toMatch(/^某某(公司|街道)（\d{4}-\d{2}-\d{2}）$/);
    }
    await say(ADMIN, '意见处理');
    await bot.idle();
    const list = bot.fake.messagesTo(p2p(ADMIN)).at(-1)!;
    expect(validateCard(list.content)).toEqual([]);
    expect(str(list.content)).toContain('企业工会联系点');
    expect(str(list.content)).toContain('走访 某某公司');
    expect(str(list.content)).toContain('食堂饭菜价格偏高');
  });

  it('results per visit and per source group: the small visit is suppressed and left out of the pool, so no subtraction gives it',
    async () => {
    for (const id of [a, b]) expect((await click(ADMIN, { v: 1, a: 'ev.close', round: id })).json.toast.type).toBe('success');
    const ra = await click(ADMIN, { v: 1, a: 'ev.results', round: a });
    expect(validateCard(ra.json.card.data)).toEqual([]);
    expect(str(ra.json.card.data)).toContain('走访：某某公司');
    expect(str(ra.json.card.data)).not.toContain('样本不足"');
    const rb = await click('ou_super_wu', { v: 1, a: 'ev.results', round: b });
    const card = str(rb.json.card.data);
    expect(validateCard(rb.json.card.data)).toEqual([]);
    expect(card).toContain('样本不足');
    expect(card).toContain('来源群体「企业工会联系点」（合并已结束走访 1 次');
    // Pooled: only the visit whose own results show (6 ballots); the suppressed visit's 2 are not added.
    expect(card).toMatch(/"n":"6"/);
    expect(card).not.toMatch(/"n":"8"/);
    expect((await click('ou_member_03', { v: 1, a: 'ev.results', round: b })).json.toast.type).toBe('error');
  });

  it('exports of aggregates only arrive as files (XLSX, CSV with a BOM), for admins and supervisors; audited', async () => {
    expect((await click(ADMIN, { v: 1, a: 'ev.export', round: a, format: 'xlsx' })).json.toast.type).toBe('success');
    expect((await click('ou_super_wu', { v: 1, a: 'ev.export', round: b, format: 'csv' })).json.toast.type).toBe('success');
    expect((await click('ou_member_01', { v: 1, a: 'ev.export', round: a, format: 'csv' })).json.toast.type).toBe('error');
    await bot.idle();
    expect(bot.fake.messagesTo(ADMIN).filter((m) => m.msgType === 'file')).toHaveLength(1);
    expect(bot.fake.messagesTo('ou_super_wu').filter((m) => m.msgType === 'file')).toHaveLength(1);
    const files = [...bot.fake.state.files.values()].filter((f) => f.fileName.startsWith('测评结果汇总'));
    const xlsx = files.find((f) => f.fileName.endsWith('.xlsx'))!;
    const csv = files.find((f) => f.fileName.endsWith('.csv'))!;

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.data as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { cells.push(String(c.value)); })));
    expect(cells.join('\n')).not.toContain('ou_');
    expect(cells).toContain('服务职工');
    expect(cells).toContain('满意率(%)');
    expect(cells.some((c) => c.startsWith('来源群体：企业工会联系点'))).toBe(true);

    const text = csv.data.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toContain('样本不足');
    expect(text).not.toContain('ou_');
    const audit = await bot.service.deps.ctx.store.audit.recent();
    expect(audit.filter((x) => x.action === 'evaluation.export')).toHaveLength(2);
  });

  it('anonymity: no voter id in any opinion, register or ballot box; none in the logs', async () => {
    await bot.idle();
    const dump = await dumpPrefix(testRedisUrl(), bot.prefix);
    const voters = [...workers.slice(0, 6), 'ou_member_01', 'ou_member_02'];
    for (const [key, value] of dump) {
      if (key.includes('{op}') || /:(register|box)$/.test(key)) {
        expect(`${key} ${value}`, key).not.toContain('ou_');
      }
      if (key.includes(`{ev:${a}}`) && !key.endsWith(':voters')) for (const w of workers) expect(`${key} ${value}`).not.toContain(w);
    }
    const logs = bot.logs.join('\n');
    for (const v of voters) expect(logs).not.toContain(v);
    expect(CAMPAIGN_PATH).toBeTruthy();
  });
});
