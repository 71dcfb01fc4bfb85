import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditedBot, type AuditedBot } from '../../helpers/aof/session.js';

/**
 * Results fed back under the write-history audit (issue 16): anonymous opinions about one leader reach that
 * leader through the top leader (转常务主席反馈, with a note), one about the team reaches every leader (转交班子);
 * the leaders answer and each writer reads the answer with `查询 <code>`. No command in the AOF, no job and no
 * log line may hold a writer's identity next to their opinion's text, id, receipt code or anything written with it.
 */

const str = (x: unknown) => JSON.stringify(x);
const ADMIN = 'ou_admin_liu';
const TOP = 'ou_leader_wang';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const WRITERS = [
  { who: 'ou_member_01', target: 'leader-1', text: '赵副主席下基层太少，职工反映的问题长期没人回应。' },
  { who: 'ou_member_02', target: 'leader-2', text: '孙副主席分管的经费审批流程繁琐，报销要跑五六趟。' },
  { who: 'ou_member_03', target: 'team', text: '领导班子开会多、调研少，希望多到车间听听意见。' },
];
const ANSWERS: Record<string, string> = { 'leader-1': '下月起每周下基层一天。', 'leader-2': '报销改为一次办结。', team: '班子每月集体调研一次。' };

let a: AuditedBot;
beforeAll(async () => { a = await startAuditedBot(); });
afterAll(async () => { await a?.stop(); });

const codes = new Map<string, string>();
const forms = (code: string) => [code, `${code.slice(0, 4)}-${code.slice(4)}`];
const opinionOf = async (text: string) => {
  const ops = a.bot.service.deps.ctx.store.opinions;
  return (await ops.getMany((await ops.openPage(0, 20)).ids)).find((o) => o.text === text)!;
};

describe('feedback routing under the write-history audit', () => {
  it('each writer submits anonymously (an audited act each)', async () => {
    for (const w of WRITERS) {
      await a.say(w.who, '提意见');
      await a.bot.idle();
      await a.act(`opinion of ${w.who}`, w.who, async () => {
        const r = await a.click(w.who, { a: 'op.submit' }, {
          category: 'bureaucratism', target: w.target, source: 'reps', text: w.text, anonymous: 'anonymous',
        });
        expect(r.toast.type, str(r)).toBe('success');
        const code = /\*\*([A-Z2-9]{4})-([A-Z2-9]{4})\*\*/.exec(str(r.card.data))!.slice(1).join('');
        codes.set(w.who, code);
        return { secrets: [w.text, ...forms(code)] };
      });
    }
  });

  it('the office routes them; the top leader passes the personal ones on with a note; the leaders answer', async () => {
    for (const w of WRITERS) {
      const o = await opinionOf(w.text);
      const r = await a.click(ADMIN, { a: 'tr.do', id: o.id, op: w.target === 'team' ? 'team' : 'top' });
      expect(r.toast.type, str(r)).toBe('success');
    }
    await a.bot.idle();
    for (const w of WRITERS.filter((x) => x.target !== 'team')) {
      const o = await opinionOf(w.text);
      const r = await a.click(TOP, { a: 'fb.pass', id: o.id }, { fb_note: '请本人认真研究答复。' },
        { messageId: a.bot.fake.messagesTo(TOP).find((m) => str(m.content).includes(o.id))!.messageId });
      expect(r.toast.type, str(r)).toBe('success');
    }
    await a.bot.idle();
    const answerer: Record<string, string> = { 'leader-1': ZHAO, 'leader-2': SUN, team: TOP };
    for (const w of WRITERS) {
      const o = await opinionOf(w.text);
      const who = answerer[w.target];
      const card = a.bot.fake.messagesTo(who).find((m) => str(m.content).includes(`"a":"lr.reply","id":"${o.id}"`))!;
      expect(card, `${who} got ${w.target}`).toBeDefined();
      const r = await a.click(who, { a: 'lr.reply', id: o.id }, { leader_reply: ANSWERS[w.target] }, { messageId: card.messageId });
      expect(r.toast.type, str(r)).toBe('success');
    }
    await a.bot.idle();
  });

  it('each writer looks the answer up by code (an audited act each)', async () => {
    for (const w of WRITERS) {
      const code = codes.get(w.who)!;
      await a.act(`look-up by ${w.who}`, w.who, async () => {
        expect((await a.say(w.who, `查询 ${code}`)).status).toBe(200);
        await a.bot.until(() => str(a.bot.fake.messagesTo(a.idsOf(w.who).chatId).at(-1)?.content).includes(ANSWERS[w.target]),
          5000, `the answer for ${w.who}`);
        return { secrets: [w.text, ...forms(code)] };
      });
    }
  });

  it('no command in the AOF and no log line ties an opinion, its routing or its answer to its writer', () => {
    expect(a.acts).toHaveLength(6);
    a.assertClean();
    const { specific } = a.audit();
    for (const act of a.acts.filter((x) => x.label.startsWith('opinion'))) expect(specific.get(act)!.size, act.label).toBeGreaterThan(0);
  });
});
