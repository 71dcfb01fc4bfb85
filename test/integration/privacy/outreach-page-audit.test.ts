import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseWriteHistory, formatFindings, type Act, type Person } from '../../helpers/aof/audit.js';
import { startAuditedBot, type AuditedBot } from '../../helpers/aof/session.js';
import { codeOf, csrfOf, newLink, openOutreachRound, pageClient } from '../../helpers/outreach-page.js';

/**
 * The public outreach page under the write-history audit (issue #17, DESIGN §3): people outside the tenant submit
 * opinions, ratings and a contact wish through `/o/<token>` behind a proxy (TRUST_PROXY=1), each with a distinctive
 * address and user agent. Neither the address nor the user agent may appear anywhere in the append-only file or the
 * logs, no write may tie a submit to its visitor, and the contact text is written only under its own contact key.
 */

const VISITORS = [
  { label: 'visitor 1', address: '203.0.113.77', ua: 'Mozilla/5.0 (Linux; Android 14; AuditPhone-7731) Mobile Safari/537.36' },
  { label: 'visitor 2', address: '2001:db8::5e1:c0de', ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AuditFruit/4242' },
];
const TEXTS = ['食堂饭菜价格偏高，建议工会帮助协调。', '希望增加夜班职工的班车，方便回家。'];
const CONTACT = '王师傅 电话 13712345678';

let a: AuditedBot;
let round = '';
beforeAll(async () => {
  a = await startAuditedBot({ env: { TRUST_PROXY: '1' } });
  round = await openOutreachRound(a.bot, '某某公司');
});
afterAll(async () => { await a?.stop(); });

const acts: Act[] = [];

describe('the outreach page under the write-history audit', () => {
  it('two visitors submit through the page (an opinion with ratings; one leaves a contact)', async () => {
    const link = await newLink(a.bot, { roundId: round });
    for (const [i, v] of VISITORS.entries()) {
      const c = pageClient(a.bot.url, `10.9.8.7, ${v.address}`, { 'user-agent': v.ua });
      const form = await c.get(`/o/${link.token}`);
      expect(form.status).toBe(200);
      await a.bot.idle();
      const from = a.redis.mark();
      const r = await c.post(`/o/${link.token}`, {
        csrf: csrfOf(form.text), category: 'service', target: 'team', text: TEXTS[i], r0: 'sat', r1: 'sat', r2: 'basic', r3: 'unsat',
        ...(i === 0 ? { wish: '1', contact: CONTACT } : {}),
      });
      expect(r.status, r.text).toBe(200);
      const code = codeOf(r.text)!;
      await a.bot.idle();
      acts.push({ label: `page submit of ${v.label}`, actor: v.label, from, to: a.redis.mark(),
        secrets: [TEXTS[i], code, code.replace('-', '')] });
    }
  });

  it('neither address nor user agent appears in the AOF or the logs; no write ties a submit to its visitor', () => {
    const aof = a.redis.commands().map((c) => c.join(' ')).join('\n');
    const logs = a.bot.logs.join('\n');
    for (const v of VISITORS) {
      for (const mark of [v.address, v.ua, v.ua.split(' ').at(-2)!]) {
        expect(aof.includes(mark), `AOF holds ${mark}`).toBe(false);
        expect(logs.includes(mark), `logs hold ${mark}`).toBe(false);
      }
    }
    expect(aof.includes('10.9.8.7')).toBe(false);
    const people: Person[] = VISITORS.map((v) => ({ label: v.label, ids: { address: v.address, user_agent: v.ua } }));
    const { findings, specific } = analyseWriteHistory({ units: a.redis.units(), logs: a.bot.logs, people, acts });
    if (findings.length) throw new Error(formatFindings(findings));
    for (const act of acts) expect(specific.get(act)!.size, act.label).toBeGreaterThan(0);
  });

  it('the contact is written only under its own key, never in the opinion\'s hash, a log line or another command', () => {
    const holders = a.redis.commands().filter((c) => c.some((x) => x.includes('13712345678')));
    expect(holders).toHaveLength(1);
    expect(holders[0][0].toUpperCase()).toBe('SET');
    expect(holders[0][1]).toMatch(/:\{op\}:contact:[\w-]+$/);
    expect(a.bot.logs.some((l) => l.includes('13712345678'))).toBe(false);
  });
});
