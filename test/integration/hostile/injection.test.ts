import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { opinionsCsv, opinionsXlsx } from '../../../src/reports/exports.js';
import { ledgerXlsx } from '../../../src/reports/ledger-exports.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { cleanText } from '../../../src/domain/opinions/opinion.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { planAccepted } from '../../helpers/plan-gate.js';
import { TEST_START } from '../../helpers/clock.js';
import { markdownContents, parseCsv, unzip } from '../../helpers/read-back.js';

/**
 * Text a hostile user may legitimately send (it is accepted and stored): it must never act as markup where it
 * is shown (no `<at id=all>`, link or emphasis of theirs in a markdown element), lose its control characters,
 * and never run as a formula in an export (a cell starting with = + - @, tab or CR).
 */

const ADMIN = 'ou_admin_liu';
const MEMBER = 'ou_member_02';
const AT_ALL = '<at id=all></at>';
const LINK = '[点此领取](https://evil.example/x)';
const FORMULAS = ['=cmd|\' /C calc\'!A0', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1,2)', '\t=1+1', '\r=1+1'];
const INJECTED = `${AT_ALL} ${LINK} **粗体** <font color='red'>红字</font> \u202Eevil\u0007 会议太多`;

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

const submit = (text: string) => bot.click(MEMBER, { a: 'op.submit' },
  { category: 'formalism', target: 'team', source: 'cadres', text, anonymous: 'anonymous' });
const ctx = () => bot.service.deps.ctx;
const markdownOf = (card: unknown) => markdownContents(card).join('\n');

async function allOpinions() {
  const ids = await ctx().store.opinions.allPage(0, 1000);
  return ctx().store.opinions.getMany(ids);
}

function expectInert(markdown: string) {
  expect(markdown).not.toContain('<at id=all>');
  expect(markdown).not.toContain('](https://evil.example');
  expect(markdown).not.toContain('**粗体**');
  expect(markdown).not.toContain('<font');
}

describe('markup and formula injection', () => {
  it('an opinion with <at id=all>, a link, emphasis and control characters is stored clean and shown inert', async () => {
    expect((await submit(INJECTED)).toast.type).toBe('success');
    for (const f of FORMULAS) expect((await submit(`${f} 会议太多太长`)).toast.type).toBe('success');
    const stored = (await allOpinions()).find((o) => o.text.includes('会议太多') && o.text.includes(AT_ALL))!;
    expect(stored.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E]/);
    // The office reads it in triage: the list and the opinion's own card.
    const list = await bot.click(ADMIN, { a: 'tr.page', page: 0 });
    expectInert(markdownOf(list.card));
    const one = await bot.click(ADMIN, { a: 'tr.open', id: stored.id, page: 0 });
    expect(JSON.stringify(one.card)).toContain('会议太多');
    expectInert(markdownOf(one.card));
  });

  it('a typed message with markup gets the hint, which does not echo it as markup', async () => {
    const before = bot.fake.messages.length;
    await bot.push('im.message.receive_v1', messageEvent({
      senderOpenId: MEMBER, chatId: `oc_p2p_${MEMBER}`, chatType: 'p2p', text: INJECTED,
    }));
    await bot.idle();
    const answers = bot.fake.messages.slice(before);
    expect(answers.length).toBeGreaterThan(0);
    for (const m of answers) expectInert(markdownOf(m.content));
  });

  it('a ledger item with markup in its problem and commitment is inert on the public board', async () => {
    await planAccepted(bot, TEST_START); // the board shows items once the 整改方案 is accepted
    const item = await ctx().store.ledger.create(newItem({
      problem: `${AT_ALL} ${LINK} **粗体**`, source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '',
      owner: 'ou_member_01', leader: 'ou_leader_zhao', coOwners: [], deadline: '2027-04-20', milestones: [],
      commitment: `<font color='red'>${LINK}</font>`, linkedRounds: [],
    }, newItemId(), { by: ADMIN, now: TEST_START }), { at: TEST_START, actor: ADMIN, action: 'ledger.create', detail: {} });
    expect((await bot.click(ADMIN, { a: 'lg.activate', id: item.id })).toast.type).toBe('success');
    const boardCards = () => bot.fake.messagesTo('oc_announce_board').filter((m) => m.msgType === 'interactive');
    await bot.until(() => JSON.stringify(boardCards().map((m) => m.content)).includes('点此领取'), 15_000, 'the board posted');
    const board = boardCards();
    expect(JSON.stringify(board.map((m) => m.content))).toContain('点此领取');
    for (const m of board) expectInert(markdownOf(m.content));
  });

  it('the opinion CSV neutralises every formula-like cell; the XLSX holds them as text, never as formulas', async () => {
    const { store, campaign } = ctx();
    const rows = parseCsv((await opinionsCsv(store.opinions, campaign)).toString('utf8').replace(/^\uFEFF/, ''));
    const textCol = rows.slice(1).map((r) => r[5]);
    // Stored text is trimmed (a leading tab or line break goes), so each reaches the export starting with = + - or @.
    for (const f of FORMULAS) expect(textCol, f).toContain(`'${cleanText(`${f} 会议太多太长`)}`);
    for (const r of rows) for (const c of r) expect(c, c).not.toMatch(/^[=+\-@\t\r]/);
    const xlsx = unzip(await opinionsXlsx(store.opinions, campaign));
    const sheets = [...xlsx].filter(([name]) => name.startsWith('xl/worksheets/')).map(([, b]) => b.toString('utf8'));
    expect(sheets.length).toBeGreaterThan(0);
    for (const s of sheets) expect(s).not.toMatch(/<f[ >]/);
    expect([...xlsx.values()].map((b) => b.toString('utf8')).join('')).toContain('=cmd|');
  });

  it('the ledger XLSX holds a formula-like problem as text', async () => {
    const item = newItem({
      problem: '=HYPERLINK("https://evil.example","点我")', source: { kind: 'self' }, wind: 'formalism', goal: '+1', measures: '@SUM(1)',
      owner: 'ou_member_01', leader: 'ou_leader_zhao', coOwners: [], deadline: '2027-04-20', milestones: [], commitment: '-1',
      linkedRounds: [],
    }, newItemId(), { by: ADMIN, now: TEST_START });
    const xlsx = unzip(await ledgerXlsx([{ ...item, seq: 1 }], {
      title: '整改台账', nameOf: (id: string) => id, timeZone: 'Asia/Shanghai', now: TEST_START,
    }));
    const sheets = [...xlsx].filter(([name]) => name.startsWith('xl/worksheets/')).map(([, b]) => b.toString('utf8'));
    for (const s of sheets) expect(s).not.toMatch(/<f[ >]/);
    expect([...xlsx.values()].map((b) => b.toString('utf8')).join('')).toContain('HYPERLINK');
  });
});
