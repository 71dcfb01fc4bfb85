import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditedBot, type AuditedBot } from '../../helpers/aof/session.js';

/**
 * Anonymous opinions and their look-ups under the write-history audit: several writers submit, an admin
 * triages and replies, each writer looks their opinion up with `查询 <code>` (as typed, lower case and
 * without the dash too). No command in the AOF and no log line may hold a writer's identity next to
 * their opinion's text, its receipt code or anything written only with it.
 */

const str = (x: unknown) => JSON.stringify(x);
const WRITERS = ['ou_member_01', 'ou_member_02', 'ou_member_03'];
const TEXTS = ['机关开会太多，文件层层转发，基层疲于应付。', '工会经费使用情况不公开，希望定期公示。', '职工书屋开放时间太短，下班后用不上。'];
const ADMIN = 'ou_admin_liu';

let a: AuditedBot;
beforeAll(async () => { a = await startAuditedBot(); });
afterAll(async () => { await a?.stop(); });

const codes = new Map<string, string>();
const forms = (code: string) => [code, `${code.slice(0, 4)}-${code.slice(4)}`];

describe('anonymous opinions and look-ups under the write-history audit', () => {
  it('each writer asks for the form and submits anonymously (an audited act each)', async () => {
    for (const [i, w] of WRITERS.entries()) {
      await a.say(w, '提意见');
      await a.bot.idle();
      await a.act(`opinion of ${w}`, w, async () => {
        const r = await a.click(w, { a: 'op.submit' }, {
          category: 'bureaucratism', target: 'team', source: 'reps', text: TEXTS[i], anonymous: 'anonymous',
        });
        expect(r.toast.type, str(r)).toBe('success');
        const code = /\*\*([A-Z2-9]{4})-([A-Z2-9]{4})\*\*/.exec(str(r.card.data))!.slice(1).join('');
        codes.set(w, code);
        return { secrets: [TEXTS[i], ...forms(code)] };
      });
    }
    // A named opinion is no act: its writer is meant to be known.
    await a.say('ou_member_04', '提意见');
    await a.bot.idle();
    const named = await a.click('ou_member_04', { a: 'op.submit' }, {
      category: 'service', target: 'office', source: 'reps', text: '希望增加职工书屋开放时间。', anonymous: 'named',
    });
    expect(named.toast.type).toBe('success');
  });

  it('an admin replies to one; each writer looks theirs up (an audited act each) and sees its status', async () => {
    const ops = a.bot.service.deps.ctx.store.opinions;
    const all = await ops.getMany((await ops.openPage(0, 10)).ids);
    const first = all.find((o) => o.text === TEXTS[0])!;
    expect((await a.click(ADMIN, { a: 'tr.do', id: first.id, op: 'reply' }, { reply_text: '已精简会议。' })).toast.type).toBe('success');
    await a.bot.idle();
    for (const [i, w] of WRITERS.entries()) {
      const code = codes.get(w)!;
      const typed = [`查询 ${code.slice(0, 4)}-${code.slice(4)}`, `查询 ${code.toLowerCase()}`, `status ${code}`][i];
      await a.act(`look-up by ${w}`, w, async () => {
        expect((await a.say(w, typed)).status).toBe(200);
        await a.bot.until(() => str(a.bot.fake.messagesTo(a.idsOf(w).chatId).at(-1)?.content).includes(i === 0 ? '已精简会议' : '已收到'),
          5000, `the status card for ${w}`);
        return { secrets: [TEXTS[i], ...forms(code), code.toLowerCase()] };
      });
    }
  });

  it('no command in the AOF and no log line ties an opinion or a look-up to its writer', () => {
    expect(a.acts).toHaveLength(6);
    a.assertClean();
    // Each opinion's own writes were seen (its id, its code's HMAC), not only its text and code.
    const { specific } = a.audit();
    for (const act of a.acts.filter((x) => x.label.startsWith('opinion'))) expect(specific.get(act)!.size, act.label).toBeGreaterThan(0);
  });
});
