import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { LOCAL_BOT } from '../../../src/local/local-mode.js';
import { validateCard } from '../../../cards/validate.js';
import { dumpPrefix, testRedisUrl } from '../../helpers/redis.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

// Each person's p2p chat with the (fake) bot: where their clicks come from and their direct messages land.
const p2p = (openId: string) => bot.fake.state.p2pChatId(openId);
const say = (openId: string, text: string) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text }));
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value, formValue }));
const lastTo = (id: string) => bot.fake.messagesTo(id).at(-1)!;
const str = (x: unknown) => JSON.stringify(x);
const codeIn = (card: unknown) => /\*\*([A-Z2-9]{4})-([A-Z2-9]{4})\*\*/.exec(str(card))!.slice(1).join('');

const form = (text: string, extra: Record<string, unknown> = {}) =>
  ({ category: 'bureaucratism', target: 'team', source: 'reps', text, anonymous: 'anonymous', ...extra });

const ANON_WRITERS = ['ou_member_01', 'ou_member_02'];

async function submit(openId: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await click(openId, { v: 1, a: 'op.submit' }, form(text, extra));
  expect(r.json.toast.type, str(r.json)).toBe('success');
  expect(validateCard(r.json.card.data)).toEqual([]);
  return codeIn(r.json.card.data);
}

describe('opinions: form → anonymous submit → receipt → triage → reply → lookup', () => {
  let code = '';

  it('提意见 answers a valid form card; asked in a group, by direct message with a note in the group', async () => {
    await say('ou_member_01', '提意见');
    await bot.push('im.message.receive_v1', messageEvent({
      senderOpenId: 'ou_member_02', chatId: 'oc_group_1', chatType: 'group', text: '@_user_1 提意见',
      mentions: [{ key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name }],
    }));
    await bot.idle();
    const formCard = lastTo(p2p('ou_member_01'));
    expect(validateCard(formCard.content)).toEqual([]);
    expect(str(formCard.content)).toContain('活动办和领导都看不到是谁写的');
    expect(bot.fake.messagesTo('ou_member_02').some((m) => str(m.content).includes('opinion_form'))).toBe(true);
    expect(str(lastTo('oc_group_1').content)).toContain('私信');
    expect(str(lastTo('oc_group_1').content)).not.toContain('opinion_form');
  });

  it('意见处理 and 意见报告 asked in a group answer by direct message, with only a note in the group', async () => {
    for (const [who, text] of [['ou_admin_liu', '@_user_1 意见处理'], ['ou_super_wu', '@_user_1 意见报告']]) {
      await bot.push('im.message.receive_v1', messageEvent({
        senderOpenId: who, chatId: 'oc_group_1', chatType: 'group', text,
        mentions: [{ key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name }],
      }));
    }
    await bot.idle();
    expect(bot.fake.messagesTo('ou_admin_liu').some((m) => m.msgType === 'interactive')).toBe(true);
    expect(bot.fake.messagesTo('ou_super_wu').some((m) => m.msgType === 'interactive')).toBe(true);
    const inGroup = bot.fake.messagesTo('oc_group_1').slice(-2);
    expect(inGroup.map((m) => m.msgType)).toEqual(['text', 'text']);
    for (const m of inGroup) expect(str(m.content)).toContain('私信');
  });

  it('refuses invalid input with a toast and stores nothing', async () => {
    const before = await bot.service.deps.ctx.store.opinions.counts();
    for (const bad of [
      form('短'), form('x'.repeat(1001)), form('有效的意见内容', { category: 'nope' }), form('有效的意见内容', { target: 'leader-99' }), {},
    ]) {
      const r = await click('ou_member_01', { v: 1, a: 'op.submit' }, bad);
      expect(r.status).toBe(200);
      expect(r.json.toast.type).toBe('error');
      expect(r.json.card).toBeUndefined();
    }
    expect(await bot.service.deps.ctx.store.opinions.counts()).toEqual(before);
  });

  it('a valid anonymous submit replaces the form with a receipt code', async () => {
    code = await submit('ou_member_01', '机关开会太多，文件层层转发，基层疲于应付。');
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
    await expect(bot.service.deps.ctx.store.opinions.counts())
      .resolves.toMatchObject({ total: 1, 'c:bureaucratism': 1, 's:reps': 1, 't:team': 1 });
  });

  it('查询 before any reply shows 已收到; a wrong code is "not found"', async () => {
    await say('ou_member_01', `查询 ${code.toLowerCase()}`);
    await bot.until(() => str(lastTo(p2p('ou_member_01')).content).includes('已收到'), 5000, 'status card');
    await say('ou_member_01', '查询 ZZZZ-ZZZZ');
    await bot.until(() => str(lastTo(p2p('ou_member_01')).content).includes('没有找到'), 5000, 'not found');
  });

  it('an admin triages it and replies; the lookup shows the reply (full-width input too)', async () => {
    await say('ou_admin_liu', '意见处理');
    await bot.idle();
    const list = lastTo(p2p('ou_admin_liu'));
    expect(validateCard(list.content)).toEqual([]);
    expect(str(list.content)).toContain('机关开会太多');
    const id = /"a":"tr.open","id":"([A-Za-z0-9_-]+)"/.exec(str(list.content))![1];

    const opened = await click('ou_admin_liu', { v: 1, a: 'tr.open', id, page: 0 });
    expect(validateCard(opened.json.card.data)).toEqual([]);
    // The item card never shows who wrote it.
    expect(str(opened.json.card.data)).not.toContain('ou_member_01');
    const replied = await click('ou_admin_liu', { v: 1, a: 'tr.do', id, op: 'reply' }, { reply_text: '已精简会议，文件直接下发到基层。' });
    expect(replied.json.toast.type).toBe('success');

    await say('ou_member_01', `查询　${code.slice(0, 4).toLowerCase()}－${code.slice(4)}`.normalize('NFKC')
      .replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
    await bot.until(() => str(lastTo(p2p('ou_member_01')).content).includes('已精简会议'), 5000, 'reply in the status card');
    expect(str(lastTo(p2p('ou_member_01')).content)).toContain('已答复');
    const audit = await bot.service.deps.ctx.store.audit.recent();
    expect(audit[0]).toMatchObject({ actor: 'ou_admin_liu', action: 'opinion.reply' });
  });

  it('merged opinions share one reply; a forwarded opinion reaches the leader without its writer', async () => {
    const a = await submit('ou_member_02', '工会经费使用情况不公开，希望定期公示。', { category: 'rules', source: 'cadres' });
    const b = await submit('ou_member_02', '建议公开工会经费收支明细。', { category: 'rules', source: 'cadres' });
    const { ids } = await bot.service.deps.ctx.store.opinions.openPage(0, 10);
    const all = await bot.service.deps.ctx.store.opinions.getMany(ids);
    const idA = all.find((o) => o.text.startsWith('工会经费'))!.id;
    const idB = all.find((o) => o.text.startsWith('建议公开'))!.id;
    expect((await click('ou_admin_chen', { v: 1, a: 'tr.do', id: idB, op: 'merge' }, { merge_into: idA })).json.toast.type).toBe('success');
    const fwd = await click('ou_admin_chen', { v: 1, a: 'tr.do', id: idA, op: 'forward' }, { forward_to: 'ou_leader_zhao' });
    expect(fwd.json.toast.type).toBe('success');
    await bot.idle();
    const toLeader = lastTo('ou_leader_zhao');
    expect(validateCard(toLeader.content)).toEqual([]);
    expect(str(toLeader.content)).toContain('工会经费使用情况不公开');
    expect(str(toLeader.content)).not.toContain('ou_member_02');
    // Only a leader it was forwarded to may answer.
    expect((await click('ou_leader_sun', { v: 1, a: 'lr.reply', id: idA }, { leader_reply: '我来答' })).json.toast.type).toBe('error');
    const lr = await click('ou_leader_zhao', { v: 1, a: 'lr.reply', id: idA }, { leader_reply: '下月起每季度公示经费收支。' });
    expect(lr.json.toast.type).toBe('success');
    await say('ou_member_02', `status ${b}`);
    await bot.until(() => str(lastTo(p2p('ou_member_02')).content).includes('每季度公示'), 5000, 'shared reply');
    expect((await bot.service.deps.ctx.store.opinions.counts()).merged).toBe(1);
    void a;
  });

  it('a named opinion keeps its writer, who is told of the reply', async () => {
    await submit('ou_member_03', '希望增加职工书屋开放时间。', { anonymous: 'named', category: 'service' });
    const { ids } = await bot.service.deps.ctx.store.opinions.openPage(0, 10);
    const named = (await bot.service.deps.ctx.store.opinions.getMany(ids)).find((o) => !o.anonymous)!;
    expect(named.submitter).toBe('ou_member_03');
    await click('ou_admin_liu', { v: 1, a: 'tr.do', id: named.id, op: 'reply' }, { reply_text: '已延长至晚八点。' });
    await bot.idle();
    expect(str(lastTo('ou_member_03').content)).toContain('已延长至晚八点');
  });

  it('hostile text is stored literally and never rendered as a mention or a link', async () => {
    const hostile = '<at id=all></at> [点我](https://evil.example) \u202Eevil\u202C 😀 **粗体** \u0007';
    const c = await submit('ou_member_01', hostile);
    await say('ou_admin_liu', '意见处理');
    await bot.idle();
    const everywhere = [lastTo(p2p('ou_admin_liu')).content];
    const { ids } = await bot.service.deps.ctx.store.opinions.openPage(0, 20);
    const o = (await bot.service.deps.ctx.store.opinions.getMany(ids)).find((x) => x.text.includes('evil.example'))!;
    expect(o.text).not.toMatch(/[\u202E\u0007]/);
    everywhere.push((await click('ou_admin_liu', { v: 1, a: 'tr.open', id: o.id, page: 0 })).json.card.data);
    for (const card of everywhere) {
      expect(validateCard(card)).toEqual([]);
      const markdown = JSON.stringify(card).match(/"tag":"markdown","content":"(?:[^"\\]|\\.)*"/g) ?? [];
      for (const m of markdown) {
        expect(m).not.toContain('<at');
        expect(m).not.toContain('](https://evil');
      }
    }
    expect(c).toHaveLength(8);
  });

  it('the report: a card with charts for admins and supervisors, exports sent as files; members may not', async () => {
    await say('ou_super_wu', '意见报告');
    await say('ou_member_05', '意见报告');
    await bot.idle();
    const report = lastTo(p2p('ou_super_wu'));
    expect(validateCard(report.content)).toEqual([]);
    expect(str(report.content)).toContain('"tag":"chart"');
    expect(str(lastTo(p2p('ou_member_05')).content)).toContain('无权限');
    for (const format of ['xlsx', 'csv', 'docx']) {
      const r = await click('ou_admin_liu', { v: 1, a: 'rp.export', format });
      expect(r.json.toast.type, format).toBe('success');
    }
    expect((await click('ou_member_05', { v: 1, a: 'rp.export', format: 'csv' })).json.toast.type).toBe('error');
    await bot.idle();
    const files = bot.fake.messagesTo('ou_admin_liu').filter((m) => m.msgType === 'file');
    expect(files).toHaveLength(3);
    expect(bot.fake.state.files.size).toBeGreaterThanOrEqual(3);
    const audit = await bot.service.deps.ctx.store.audit.recent();
    expect(audit.filter((a) => a.action === 'opinion.export')).toHaveLength(3);
  });

  it('anonymity: the writers\' open_id and p2p chat_id appear nowhere in Redis or the logs', async () => {
    await bot.idle();
    const dump = await dumpPrefix(testRedisUrl(), bot.prefix);
    expect(dump.size).toBeGreaterThan(0);
    const haystack = [...dump].map(([k, v]) => `${k} ${v}`).join('\n') + '\n' + bot.logs.join('\n');
    for (const who of ANON_WRITERS) {
      expect(haystack).not.toContain(who);
      expect(haystack).not.toContain(p2p(who));
    }
    // The named writer is stored with the opinion, as chosen.
    expect(haystack).toContain('ou_member_03');
  });
});
