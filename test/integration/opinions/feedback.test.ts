import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../../../src/local/lark-push.js';
import { validateCard } from '../../../cards/validate.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * Results fed back to the people they are about (issue 16): 转交班子 sends an opinion about the team to every
 * leader; 转常务主席反馈 sends one about a single leader to the top leader, who passes it on with a note; that
 * leader replies and the writer reads the reply with 查询. Nobody along the way is shown the writer.
 */

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

const p2p = (openId: string) => bot.fake.state.p2pChatId(openId);
const say = (openId: string, text: string) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text }));
const click = async (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
  (await bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value: { v: 1, ...value }, formValue }))).json;
const str = (x: unknown) => JSON.stringify(x);
const codeIn = (card: unknown) => /\*\*([A-Z2-9]{4})-([A-Z2-9]{4})\*\*/.exec(str(card))!.slice(1).join('');
const cardsTo = (openId: string, text: string) => bot.fake.messagesTo(openId).filter((m) => str(m.content).includes(text));

const ADMIN = 'ou_admin_liu';
const TOP = 'ou_leader_wang';
const ZHAO = 'ou_leader_zhao';
const LEADERS = [TOP, ZHAO, 'ou_leader_sun', 'ou_leader_zhou'];
const WRITERS = ['ou_member_01', 'ou_member_02'];
const TEAM_TEXT = '班子成员下基层调研次数偏少，希望多听职工意见。';
const PERSONAL_TEXT = '赵副主席主持的会议时间太长，建议压缩。';

async function submit(openId: string, text: string, target: string): Promise<string> {
  const r = await click(openId, { a: 'op.submit' },
    { category: 'formalism', target, source: 'reps', text, anonymous: 'anonymous' });
  expect(r.toast.type, str(r)).toBe('success');
  return codeIn(r.card.data);
}
const opinionBy = async (text: string) => {
  const ops = bot.service.deps.ctx.store.opinions;
  return (await ops.getMany((await ops.openPage(0, 20)).ids)).find((o) => o.text === text)!;
};

describe('转交班子 and 转常务主席反馈', () => {
  let personalCode = '';
  it('two members write anonymously: one about the team, one about 赵副主席 (leader-1)', async () => {
    await submit(WRITERS[0], TEAM_TEXT, 'team');
    personalCode = await submit(WRITERS[1], PERSONAL_TEXT, 'leader-1');
    expect(personalCode).toMatch(/^[A-Z2-9]{8}$/);
  });

  it('the triage card offers each route only where it applies; a wrong route changes nothing', async () => {
    const team = await opinionBy(TEAM_TEXT);
    const personal = await opinionBy(PERSONAL_TEXT);
    const teamCard = await click(ADMIN, { a: 'tr.open', id: team.id, page: 0 });
    expect(str(teamCard.card.data)).toContain('"op":"team"');
    expect(str(teamCard.card.data)).not.toContain('"op":"top"');
    const personalCard = await click(ADMIN, { a: 'tr.open', id: personal.id, page: 0 });
    expect(str(personalCard.card.data)).toContain('"op":"top"');
    expect((await click(ADMIN, { a: 'tr.do', id: personal.id, op: 'team' })).toast.type).toBe('warning');
    expect((await click(ADMIN, { a: 'tr.do', id: team.id, op: 'top' })).toast.type).toBe('warning');
    expect((await click(ZHAO, { a: 'tr.do', id: team.id, op: 'team' })).toast.type).toBe('error');
    await bot.idle();
    expect((await opinionBy(PERSONAL_TEXT)).forwardedTo).toEqual([]);
    for (const l of LEADERS) expect(cardsTo(l, TEAM_TEXT)).toHaveLength(0);
  });

  it('转交班子: every leader gets one card (twice pressed: still one), the writer shown to none', async () => {
    const team = await opinionBy(TEAM_TEXT);
    const r = await click(ADMIN, { a: 'tr.do', id: team.id, op: 'team' });
    expect(r.toast.type, str(r)).toBe('success');
    expect(validateCard(r.card.data)).toEqual([]);
    await click(ADMIN, { a: 'tr.do', id: team.id, op: 'team' });
    await bot.idle();
    for (const l of LEADERS) {
      const got = cardsTo(l, TEAM_TEXT);
      expect(got, l).toHaveLength(1);
      expect(validateCard(got[0].content)).toEqual([]);
      expect(str(got[0].content)).toContain('转交班子的职工意见建议');
      for (const w of WRITERS) expect(str(got[0].content)).not.toContain(w);
    }
    const after = await opinionBy(TEAM_TEXT);
    expect([...after.forwardedTo].sort()).toEqual([...LEADERS].sort());
    expect(after.status).toBe('received');
    // Any leader may answer it on the existing path.
    const reply = await click('ou_leader_sun', { a: 'lr.reply', id: team.id }, { leader_reply: '班子将每月安排下基层调研。' });
    expect(reply.toast.type, str(reply)).toBe('success');
  });

  it('转常务主席反馈: only the top leader gets it first; only they may pass it on', async () => {
    const personal = await opinionBy(PERSONAL_TEXT);
    const r = await click(ADMIN, { a: 'tr.do', id: personal.id, op: 'top' });
    expect(r.toast.type, str(r)).toBe('success');
    await bot.idle();
    const top = cardsTo(TOP, PERSONAL_TEXT);
    expect(top).toHaveLength(1);
    expect(validateCard(top[0].content)).toEqual([]);
    expect(str(top[0].content)).toContain('"a":"fb.pass"');
    expect(str(top[0].content)).toContain('赵副主席');
    for (const w of WRITERS) expect(str(top[0].content)).not.toContain(w);
    for (const l of LEADERS.slice(1)) expect(cardsTo(l, PERSONAL_TEXT), l).toHaveLength(0);
    expect((await click(ADMIN, { a: 'tr.do', id: personal.id, op: 'top' })).toast.type).toBe('warning');
    // Nobody but the top leader may pass it on; and the subject may not answer before it reaches them.
    for (const who of [ADMIN, ZHAO, 'ou_super_wu', WRITERS[1]]) {
      expect((await click(who, { a: 'fb.pass', id: personal.id }, { fb_note: '看看' })).toast.type, who).toBe('error');
    }
    expect((await click(ZHAO, { a: 'lr.reply', id: personal.id }, { leader_reply: '抢答' })).toast.type).toBe('error');
    // A value naming someone else does not parse: the subject is the opinion's target, read on the server.
    const forged = await click(TOP, { a: 'fb.pass', id: personal.id, to: 'ou_leader_sun' }, { fb_note: '转孙' });
    expect(forged.card).toBeUndefined();
    expect((await opinionBy(PERSONAL_TEXT)).feedback).toBe('top');
  });

  it('the top leader passes it with a note (audited as theirs); the subject answers; the writer reads it with 查询', async () => {
    const personal = await opinionBy(PERSONAL_TEXT);
    const r = await click(TOP, { a: 'fb.pass', id: personal.id }, { fb_note: '请认真研究，一周内答复。' });
    expect(r.toast.type, str(r)).toBe('success');
    expect(validateCard(r.card.data)).toEqual([]);
    expect(str(r.card.data)).not.toContain('"a":"fb.pass"');
    expect((await click(TOP, { a: 'fb.pass', id: personal.id }, {})).toast.type).toBe('warning');
    await bot.idle();
    const mine = cardsTo(ZHAO, PERSONAL_TEXT);
    expect(mine).toHaveLength(1);
    expect(str(mine[0].content)).toContain('请认真研究，一周内答复。');
    expect(str(mine[0].content)).toContain('常务主席转给您');
    for (const w of WRITERS) expect(str(mine[0].content)).not.toContain(w);
    expect(cardsTo('ou_leader_sun', PERSONAL_TEXT)).toHaveLength(0);
    const audit = await bot.service.deps.ctx.store.audit.recent(50);
    const pass = audit.find((e) => e.action === 'opinion.feedback_pass')!;
    expect(pass.actor).toBe(TOP);
    expect(pass.detail).toMatchObject({ id: personal.id, to: ZHAO });
    expect(audit.find((e) => e.action === 'opinion.to_top')!.actor).toBe(ADMIN);
    for (const w of WRITERS) expect(str(audit)).not.toContain(w);

    expect((await click('ou_leader_sun', { a: 'lr.reply', id: personal.id }, { leader_reply: '不归我' })).toast.type).toBe('error');
    const reply = await click(ZHAO, { a: 'lr.reply', id: personal.id }, { leader_reply: '已压缩会议时间，每次不超过一小时。' });
    expect(reply.toast.type, str(reply)).toBe('success');
    expect(str(reply.card.data)).toContain('已压缩会议时间');
    await say(WRITERS[1], `查询 ${personalCode}`);
    await bot.until(() => str(bot.fake.messagesTo(p2p(WRITERS[1])).at(-1)?.content).includes('已压缩会议时间'), 5000, 'the reply by 查询');
  });
});
