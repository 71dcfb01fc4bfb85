import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { validateCard } from '../../../cards/validate.js';
import { msg } from '../../../src/messages/index.js';
import { qrPng } from '../../../src/reports/outreach-qr.js';
import type { Link } from '../../../src/domain/outreach/link.js';
import type { FakeMessage } from '../../../src/local/fake-lark-server.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * 走访 (issue #17, part A): outreach links made, listed, extended and revoked through signed callbacks; the address goes
 * to its creator by direct message as a card (the URL as text), an image message (the QR code) and a printable PNG file.
 */

const ADMIN = 'ou_admin_liu';
const ZHAO = 'ou_leader_zhao';
const SUN = 'ou_leader_sun';
const MEMBER = 'ou_member_01';
const PUBLIC = 'https://union.example.cn';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ env: { PUBLIC_URL: PUBLIC } }); });
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const day = (offset: number) => `${new Date(TEST_START + offset * 86_400_000).toISOString().slice(0, 10)} +0800`;
const links = () => bot.service.deps.ctx.store.outreachLinks;
const say = async (openId: string, text: string) => {
  const before = bot.fake.messages.length;
  const chatId = bot.fake.state.p2pChatId(openId);
  await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId, chatType: 'p2p', text }));
  await bot.idle();
  return bot.fake.messages.slice(before);
};
const form = (over: Record<string, unknown> = {}) => ({
  ol_contact: '某某公司工会联系点', ol_source: 'enterprise', ol_day: day(3), ol_until: day(30), ol_round: 'none', ol_group: '_other',
  ol_cap: '50', ol_leader: 'none', ...over,
});
/** Clicks as `openId` and waits for what the click queued; answers the callback and the messages it caused. */
async function click(openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const before = bot.fake.messages.length;
  const json = await bot.click(openId, value, formValue);
  await bot.idle();
  if (json?.card) expect(validateCard(json.card.data), str(json.card.data).slice(0, 200)).toEqual([]);
  return { json, sent: bot.fake.messages.slice(before) };
}
const bytesOf = (m: FakeMessage) => {
  const c = m.content as { image_key?: string; file_key?: string };
  return bot.fake.state.files.get(c.image_key ?? c.file_key ?? '')!;
};
const newest = async (): Promise<Link> => (await links().list())[0]!;

describe('走访: outreach links for the office', () => {
  let link: Link;

  it('走访 answers the office by direct message with the (empty) list; 新建 opens the form', async () => {
    const answer = await say(ADMIN, '走访');
    expect(answer).toHaveLength(1);
    expect(str(answer[0]!.content)).toContain(msg.outreach.list.empty.zh);
    expect((await say(ADMIN, '/outreach'))[0]!.msgType).toBe('interactive');
    const { json } = await click(ADMIN, { a: 'ol.new' });
    expect(str(json.card.data)).toContain('ol_contact');
  });

  it('an admin creates a link: the list shows it; the URL card, the QR image and the printable PNG go to the admin', async () => {
    const { json, sent } = await click(ADMIN, { a: 'ol.create' }, form());
    expect(json.toast.type, str(json)).toBe('success');
    expect(str(json.card.data)).toContain('某某公司工会联系点');
    link = await newest();
    expect(link).toMatchObject({ contact: '某某公司工会联系点', source: 'enterprise', cap: 50, entries: 0, createdBy: ADMIN });
    const url = `${PUBLIC}/o/${link.token}`;
    // Nothing in the answer in place names the address: it may be shown wherever the card was clicked.
    expect(str(json)).not.toContain(link.token);
    expect(sent.every((m) => m.receiveId === ADMIN)).toBe(true);
    const cards = sent.filter((m) => m.msgType === 'interactive');
    expect(cards).toHaveLength(1);
    expect(str(cards[0]!.content)).toContain(url);
    const images = sent.filter((m) => m.msgType === 'image');
    expect(images).toHaveLength(1);
    const qr = bytesOf(images[0]!).data;
    expect(qr.subarray(0, 8)).toEqual(PNG);
    expect(qr.equals(await qrPng(url))).toBe(true);
    const files = sent.filter((m) => m.msgType === 'file');
    expect(files).toHaveLength(1);
    const sheet = bytesOf(files[0]!);
    expect(sheet.fileName).toBe('某某公司工会联系点-二维码.png');
    expect(sheet.data.subarray(0, 8)).toEqual(PNG);
    expect(sheet.data.length).toBeGreaterThan(qr.length);
  });

  it('二维码 sends the image and the file again, under new keys', async () => {
    const { json, sent } = await click(ADMIN, { a: 'ol.qr', id: link.id });
    expect(json.toast.type).toBe('success');
    expect(sent.map((m) => m.msgType).sort()).toEqual(['file', 'image', 'interactive']);
  });

  it('延期 sets a new end of validity; a day in the past changes nothing', async () => {
    expect(str((await click(ADMIN, { a: 'ol.extendForm', id: link.id })).json.card.data)).toContain('ol_x_until');
    const past = await click(ADMIN, { a: 'ol.extend', id: link.id }, { ol_x_until: day(-1) });
    expect(past.json.toast.type).toBe('warning');
    expect((await links().get(link.id))!.validUntil).toBe(link.validUntil);
    const ok = await click(ADMIN, { a: 'ol.extend', id: link.id }, { ol_x_until: day(60) });
    expect(ok.json.toast.type, str(ok.json)).toBe('success');
    expect((await links().get(link.id))!.validUntil).toBeGreaterThan(link.validUntil + 29 * 86_400_000);
  });

  it('撤销 asks first, then revokes for good: a revoked link can be neither extended nor sent again', async () => {
    expect(str((await click(ADMIN, { a: 'ol.revokeAsk', id: link.id })).json.card.data)).toContain(msg.outreach.revoke.warn.zh);
    const r = await click(ADMIN, { a: 'ol.revoke', id: link.id });
    expect(r.json.toast.type).toBe('success');
    expect(str(r.json.card.data)).toContain(msg.outreach.states.revoked.zh);
    const revoked = (await links().get(link.id))!;
    expect(revoked.revokedAt).toBeDefined();
    const again = await click(ADMIN, { a: 'ol.extend', id: link.id }, { ol_x_until: day(90) });
    expect(again.json.toast.content).toBe(msg.outreach.toast.revokedAlready.zh);
    expect((await links().get(link.id))!.validUntil).toBe(revoked.validUntil);
    expect((await click(ADMIN, { a: 'ol.qr', id: link.id })).sent).toEqual([]);
  });
});

describe('走访: leaders see their own visits only; others nothing', () => {
  let sunLink: Link;

  it('a leader creates a link for a visit they lead (the leader is them, whatever the form says)', async () => {
    const { json } = await click(ZHAO, { a: 'ol.create' }, form({ ol_contact: '赵副主席走访点', ol_leader: SUN }));
    expect(json.toast.type, str(json)).toBe('success');
    expect(await newest()).toMatchObject({ contact: '赵副主席走访点', leader: ZHAO, createdBy: ZHAO });
    const byAdmin = await click(ADMIN, { a: 'ol.create' }, form({ ol_contact: '孙副主席走访点', ol_leader: SUN }));
    expect(byAdmin.json.toast.type).toBe('success');
    sunLink = await newest();
    expect(sunLink.leader).toBe(SUN);
  });

  it('a leader\'s list holds their links only; another\'s link is refused on every button (a forged value)', async () => {
    const list = str((await say(ZHAO, '走访'))[0]!.content);
    expect(list).toContain('赵副主席走访点');
    expect(list).not.toContain('孙副主席走访点');
    expect(list).not.toContain('某某公司工会联系点');
    expect(str((await say(SUN, '走访链接'))[0]!.content)).toContain('孙副主席走访点');
    for (const a of ['ol.qr', 'ol.extendForm', 'ol.extend', 'ol.revokeAsk', 'ol.revoke']) {
      const r = await click(ZHAO, { a, id: sunLink.id }, a === 'ol.extend' ? { ol_x_until: day(90) } : undefined);
      expect(r.json.toast, a).toMatchObject({ type: 'error', content: msg.errors.noPermissionFor.zh });
      expect(r.sent, a).toEqual([]);
    }
    expect(await links().get(sunLink.id)).toEqual(sunLink);
    expect((await click(SUN, { a: 'ol.revokeAsk', id: sunLink.id })).json.card).toBeDefined();
  });

  it('a member is refused: the command, the form, a create with a good form (nothing stored)', async () => {
    const before = (await links().list()).length;
    expect(str((await say(MEMBER, '走访'))[0]!.content)).toContain(msg.errors.noPermissionFor.zh);
    for (const a of ['ol.list', 'ol.new', 'ol.create']) {
      const r = await click(MEMBER, { a }, a === 'ol.create' ? form() : undefined);
      expect(r.json.toast, a).toMatchObject({ type: 'error' });
      expect(r.sent).toEqual([]);
    }
    expect(await links().list()).toHaveLength(before);
  });
});

describe('走访: bad input', () => {
  it('an empty contact, a past end, cap 0, a group not in the round: the form again, field marked, nothing stored', async () => {
    const { store, campaign } = bot.service.deps.ctx;
    const { defaultRound } = await import('../../../src/domain/evaluations/round.js');
    const round = defaultRound(campaign, { title: '满意度测评', kind: 'satisfaction', closesAt: TEST_START + 20 * 86_400_000,
      createdBy: ADMIN, now: TEST_START, electorate: [] });
    await store.evaluations.create(round, { at: TEST_START, actor: ADMIN, action: 'evaluation.create', detail: {} });
    const before = (await links().list()).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ ol_contact: '  ' }, msg.outreach.invalid.contact.zh], [{ ol_until: day(-2) }, msg.outreach.invalid.until.zh],
      [{ ol_cap: '0' }, msg.outreach.invalid.cap.zh], [{ ol_round: round.id, ol_group: 'retirees' }, msg.outreach.invalid.group.zh],
    ];
    for (const [over, note] of cases) {
      const r = await click(ADMIN, { a: 'ol.create' }, form(over));
      expect(r.json.toast.type, str(over)).toBe('warning');
      expect(str(r.json.card.data), str(over)).toContain(note);
      expect(r.sent).toEqual([]);
    }
    expect(await links().list()).toHaveLength(before);
    const ok = await click(ADMIN, { a: 'ol.create' }, form({ ol_contact: '测评联系点', ol_round: round.id, ol_group: 'cadres' }));
    expect(ok.json.toast.type).toBe('success');
    expect(await newest()).toMatchObject({ roundId: round.id, group: 'cadres' });
    expect(str(ok.json.card.data)).toContain('机关干部');
  });
});

describe('走访: the token stays out of the audit log and the logs', () => {
  it('audits create, extend and revoke by link id, never the token', async () => {
    const all = await links().list();
    const audit = await bot.service.deps.ctx.store.audit.recent(500);
    const mine = audit.filter((e) => e.action.startsWith('outreach.link.'));
    expect(new Set(mine.map((e) => e.action))).toEqual(new Set(['outreach.link.create', 'outreach.link.extend', 'outreach.link.revoke']));
    const text = str(audit);
    for (const l of all) {
      expect(text).toContain(l.id);
      expect(text).not.toContain(l.token);
      expect(bot.logs.join('\n')).not.toContain(l.token);
    }
  });
});
