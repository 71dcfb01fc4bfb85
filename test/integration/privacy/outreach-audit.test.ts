import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_START } from '../../helpers/clock.js';
import { startAuditedBot, type AuditedBot } from '../../helpers/aof/session.js';

/**
 * Outreach (走进职工) under the write-history audit: workers vote on the ballot posted into the contact
 * point's chat, some leaving a suggestion (stored as an anonymous opinion); then members vote on a visit's
 * ballot by direct message, a suggestion answered with a receipt code. No command in the AOF and no log
 * line may tie a visit record or a suggestion to the worker who gave it.
 */

const CHAT = 'oc_contact_point_1';
const workers = Array.from({ length: 4 }, (_, i) => `ou_worker_${String(i + 1).padStart(2, '0')}`);
const ADMIN = 'ou_admin_liu';
const GRADES = ['sat', 'basic', 'unsat'];
const str = (x: unknown) => JSON.stringify(x);
const day = (offset: number) => `${new Date(TEST_START + offset * 86_400_000).toISOString().slice(0, 10)} +0800`;
const ballot = (g: number, suggestion?: string) => ({
  c0: GRADES[g], c1: GRADES[g], c2: GRADES[(g + 1) % 3], c3: GRADES[g], ...(suggestion !== undefined ? { ev_sugg: suggestion } : {}),
});
const SUGGESTIONS = ['希望工会多组织一线职工的技能培训。', '食堂饭菜价格偏高，建议工会帮助协调。', '', '困难职工帮扶要更及时。'];

let a: AuditedBot;
beforeAll(async () => {
  a = await startAuditedBot({ fake: { chats: [{ chatId: CHAT, name: '某某公司联系点群', members: workers }] } });
});
afterAll(async () => { await a?.stop(); });

const store = () => a.bot.service.deps.ctx.store.evaluations;

async function openOutreach(contact: string, delivery: Record<string, string>): Promise<string> {
  await a.click(ADMIN, { a: 'ev.outreachNew' });
  const r = await a.click(ADMIN, { a: 'ev.outreachCreate' }, {
    or_contact: contact, or_source: 'enterprise', or_day: day(0), or_closes: day(2), or_k: '3', ...delivery,
  });
  expect(r.toast.type, str(r)).toBe('success');
  const id = (await store().list()).find((x) => x.title.includes(contact))!.id;
  expect((await a.click(ADMIN, { a: 'ev.open', round: id })).toast.type).toBe('success');
  await a.bot.idle();
  return id;
}

describe('outreach visit records and suggestions under the write-history audit', () => {
  it('workers vote on the card in the contact point\'s chat, three with a suggestion (an audited act each)', async () => {
    const round = await openOutreach('某某公司', { or_delivery: 'chat', or_chat_id: CHAT });
    const card = a.bot.fake.messagesTo(CHAT).find((m) => str(m.content).includes('ev.vote'))!;
    for (const [i, w] of workers.entries()) {
      await a.act(`visit record of ${w}`, w, async () => {
        const r = await a.click(w, { a: 'ev.vote', round, page: 0, prior: '' }, ballot(i % 3, SUGGESTIONS[i]),
          { chatId: CHAT, messageId: card.messageId });
        expect(r.toast.type, str(r)).toBe('success');
        return { content: GRADES, secrets: SUGGESTIONS[i] ? [SUGGESTIONS[i]] : [] };
      });
    }
    expect(await store().turnout(round)).toEqual({ voted: 4, electorate: 4 });
  });

  it('members vote on a visit\'s ballot by direct message, suggestions answered with a receipt code', async () => {
    const round = await openOutreach('某某街道', { or_delivery: 'dm' });
    const texts: Record<string, string> = { ou_member_01: '职工之家活动室开放时间太短。', ou_member_02: '希望增加夜班职工的班车。' };
    for (const [w, text] of Object.entries(texts)) {
      await a.act(`suggestion of ${w}`, w, async () => {
        const r = await a.click(w, { a: 'ev.vote', round, page: 0, prior: '' }, ballot(1, text));
        expect(r.toast.type, str(r)).toBe('success');
        const code = /回执码 ([A-Z2-9]{4})-([A-Z2-9]{4})/.exec(str(r.card.data))!.slice(1);
        return { content: GRADES, secrets: [text, code.join(''), code.join('-')] };
      });
    }
    expect((await a.bot.service.deps.ctx.store.opinions.counts()).total).toBe(5);
  });

  it('no command in the AOF and no log line ties a record or a suggestion from the contact point\'s chat to its author', () => {
    const inChat = a.acts.filter((x) => x.label.startsWith('visit record'));
    expect(inChat).toHaveLength(4);
    a.assertClean(inChat);
    // Each record's own writes were seen (its register entry; a suggestion's opinion id), not only its text.
    const { specific } = a.audit(inChat);
    for (const act of inChat) expect(specific.get(act)!.size, act.label).toBeGreaterThan(0);
  });

  it('no command in the AOF and no log line ties a suggestion given by direct message to its author', () => {
    // Fails while a direct-message ballot's outbox key carries the register HMAC next to to.openId (#13 finding 1).
    const byDm = a.acts.filter((x) => x.label.startsWith('suggestion'));
    expect(byDm).toHaveLength(2);
    a.assertClean(byDm);
  });
});
