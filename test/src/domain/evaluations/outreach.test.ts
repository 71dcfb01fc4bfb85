import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCardAction } from '../../../../cards/actions.js';
import { ballotCard, votedCard } from '../../../../cards/evaluations/ballot.js';
import { stepBallotCard } from '../../../../cards/evaluations/ballot-steps.js';
import { cellCount, stepPages } from '../../../../src/domain/evaluations/ballot-steps.js';
import { outreachAdminCard } from '../../../../cards/evaluations/outreach.js';
import { validateCard } from '../../../../cards/validate.js';
import { exportJobSchema } from '../../../../src/reports/export-job.js';
import { parseBallot } from '../../../../src/domain/evaluations/ballot.js';
import { parseRoundForm } from '../../../../src/domain/evaluations/form.js';
import { knownChats, outreachRound, parseOutreachForm, poolBySource, suggestionOf } from '../../../../src/domain/evaluations/outreach.js';
import { computeResults } from '../../../../src/domain/evaluations/results.js';
import { roundSchema, type Tallies } from '../../../../src/domain/evaluations/round.js';
import { evaluationCsv, evaluationRows, evaluationXlsx } from '../../../../src/reports/evaluation-exports.js';

const NOW = Date.UTC(2027, 2, 1, 2);
const TZ = 'Asia/Shanghai';
const base = { or_contact: '某某公司', or_source: 'enterprise', or_day: '2027-03-01 +0800', or_closes: '2027-03-03 +0800' };
const make = (over: Partial<Parameters<typeof outreachRound>[0]> = {}) =>
  outreachRound({
    contact: '某某公司', source: 'enterprise', day: '2027-03-01', closesAt: NOW + 86_400_000, k: 5, electorate: ['ou_a', 'ou_b'],
    createdBy: 'ou_admin', now: NOW, ...over,
  });

/** `n` ballots, all graded `grade` on every question. */
function ballots(n: number, grade: string): Tallies {
  const counts: Record<string, number> = {};
  for (const d of ['service', 'rights', 'activities', 'style']) counts[`union|${d}|${grade}|_other`] = n;
  return { counts, ballots: { _other: n } };
}

describe('outreach form and round', () => {
  it('parses a DM round and a chat round (picked or typed); refuses what is missing or wrong', () => {
    expect(parseOutreachForm(base, { now: NOW, timeZone: TZ }))
      .toMatchObject({ ok: true, value: { contact: '某某公司', source: 'enterprise', day: '2027-03-01', k: 5 } });
    const picked = parseOutreachForm({ ...base, or_delivery: 'chat', or_chat: 'oc_known' }, { now: NOW, timeZone: TZ });
    expect(picked).toMatchObject({ ok: true, value: { chatId: 'oc_known' } });
    const typed = parseOutreachForm(
      { ...base, or_delivery: 'chat', or_chat: 'oc_known', or_chat_id: ' oc_typed ' }, { now: NOW, timeZone: TZ },
    );
    expect(typed).toMatchObject({ ok: true, value: { chatId: 'oc_typed' } });
    expect(parseOutreachForm({ or_delivery: 'chat', or_chat_id: 'ou_x', or_k: '2', or_closes: '2020-01-01' }, { now: NOW, timeZone: TZ }))
      .toEqual({ ok: false, errors: ['contact', 'source', 'day', 'closes', 'chat', 'k'] });
  });

  it('an outreach round has one subject, the outreach questions, the satisfaction scale and its visit; ' +
    'the general form cannot make one', () => {
    const r = make({ chatId: 'oc_chat' });
    expect(r.subjects.map((s) => s.label)).toEqual(['工会工作']);
    expect(r.dimensions.map((d) => d.label)).toEqual(['服务职工', '维权帮扶', '工会活动', '作风转变']);
    expect(r.scale.map((g) => g.label)).toEqual(['满意', '基本满意', '不满意']);
    expect(r.visit).toEqual({ contact: '某某公司', source: 'enterprise', day: '2027-03-01', chatId: 'oc_chat' });
    expect(roundSchema.safeParse({ ...r, visit: undefined }).success).toBe(false);
    const general = parseRoundForm(
      { ev_title: 'x', ev_kind: 'outreach', ev_closes: '2027-03-03', ev_subj: ['team'] },
      { now: NOW, timeZone: TZ, subjectKeys: ['team'], baselines: [] },
    );
    expect(general).toMatchObject({ ok: false, errors: ['kind'] });
  });

  it('known chats: member chats, rater groups\' chats and the announcement chat, once each', () => {
    expect(knownChats({
      members: { users: [], chats: ['oc_a'] }, raterGroups: [{ key: 'g', name: 'g', members: { users: [], chats: ['oc_a', 'oc_b'] } }],
      campaign: { announceChatId: 'oc_c' } as never,
    })).toEqual(['oc_a', 'oc_b', 'oc_c']);
  });
});

describe('outreach ballot', () => {
  it('ends with an optional suggestion; the ballot itself ignores it; a chat ballot says a vote is answered by a pop-up', () => {
    const dm = ballotCard(make(), 0, '');
    const chat = ballotCard(make({ chatId: 'oc_chat' }), 0, '');
    for (const c of [dm, chat, votedCard(make(), { receiptCode: 'ABCD-EFGH' }), outreachAdminCard({ chats: ['oc_a'] })]) {
      expect(validateCard(c)).toEqual([]);
    }
    // The direct-message ballot is stepped: the suggestion sits beside the final submit on the last summary page.
    expect(JSON.stringify(dm)).toContain('ev.step');
    const last = stepPages(make()).length - 1;
    const summary = stepBallotCard(make(), last, '0'.repeat(cellCount(make())));
    expect(validateCard(summary)).toEqual([]);
    expect(JSON.stringify(summary)).toContain('"name":"ev_sugg"');
    expect(JSON.stringify(chat)).toContain('提交后只会弹出提示');
    const step = parseBallot(make(), 0, { c0: 'sat', c1: 'basic', c2: 'unsat', c3: 'sat', ev_sugg: '建议' }, '');
    expect(step).toEqual({
      kind: 'complete', choices: { 'union|service': 'sat', 'union|rights': 'basic', 'union|activities': 'unsat', 'union|style': 'sat' },
    });
  });

  it('suggestions: cleaned, empty means none, over 1,000 characters refused', () => {
    expect(suggestionOf({})).toEqual({ ok: true });
    expect(suggestionOf({ ev_sugg: '  \u202E ' })).toEqual({ ok: true });
    expect(suggestionOf({ ev_sugg: ' 多搞\r\n培训 ' })).toEqual({ ok: true, text: '多搞\n培训' });
    expect(suggestionOf({ ev_sugg: '长'.repeat(1000) })).toMatchObject({ ok: true });
    expect(suggestionOf({ ev_sugg: '长'.repeat(1001) })).toEqual({ ok: false });
    expect(suggestionOf({ ev_sugg: 5 })).toEqual({ ok: false });
  });
});

describe('outreach results by source group and exports', () => {
  const a = { ...make({ id: 'visit_aaaa' }), status: 'closed' as const };
  const b = { ...make({ id: 'visit_bbbb', contact: '某某街道' }), status: 'closed' as const };
  const other = { ...make({ id: 'visit_cccc', source: 'reps' }), status: 'closed' as const };
  const open = { ...make({ id: 'visit_dddd' }), status: 'open' as const };
  const tallies = new Map([
    [a.id, ballots(3, 'sat')], [b.id, ballots(6, 'unsat')], [other.id, ballots(9, 'sat')], [open.id, ballots(9, 'sat')],
  ]);

  it('pools only the closed visits of the same source group, each only where its own results show', () => {
    const pooled = poolBySource([a, b, other, open], 'enterprise', tallies);
    expect(pooled).toMatchObject({ visits: 1, k: 5, tallies: { ballots: { _other: 6 } } });
    expect(computeResults(a, tallies.get(a.id)!).rows[0].total).toEqual({ shown: false, reason: 'small' });
    const shownB = computeResults(b, tallies.get(b.id)!).rows.map((r) => r.total);
    const source = computeResults(a, pooled.tallies, { k: pooled.k });
    // Pooled minus the shown visit would be the suppressed one: it must come to nothing.
    expect(source.rows.map((r) => r.total)).toEqual(shownB);
    expect(source.rows[0].total).toMatchObject({ shown: true, stats: { valid: 6, rate: 0 } });
  });

  it('the pool is judged with the largest k among its visits; a visit shown in one question only joins with that one', () => {
    const strict = { ...make({ id: 'visit_eeee', k: 8 }), status: 'closed' as const };
    const partial: Tallies = { counts: { ...ballots(3, 'sat').counts, 'union|service|sat|_other': 8 }, ballots: { _other: 8 } };
    const pooled = poolBySource([b, strict], 'enterprise', new Map([[b.id, ballots(6, 'unsat')], [strict.id, partial]]));
    expect(pooled).toMatchObject({ visits: 2, k: 8, tallies: { ballots: { _other: 14 } } });
    expect(pooled.tallies.counts).toMatchObject({ 'union|service|sat|_other': 8, 'union|service|unsat|_other': 6 });
    expect(pooled.tallies.counts['union|rights|sat|_other'] ?? 0).toBe(0);
    const rows = computeResults(a, pooled.tallies, { k: pooled.k }).rows.map((r) => r.total);
    expect(rows[0]).toMatchObject({ shown: true, stats: { valid: 14 } });
    expect(rows[1]).toEqual({ shown: false, reason: 'small' });
    expect(poolBySource([a], 'enterprise', tallies)).toEqual({ visits: 0, k: undefined, tallies: { counts: {}, ballots: {} } });
  });

  it('export rows: counts per grade, rate, scores; suppressed cells read 样本不足; ' +
    'CSV with BOM, CRLF, equal widths, formulas neutralised', async () => {
    const hostile = { ...a, title: '=1+1', visit: { ...a.visit!, contact: '@SUM(A1)' } };
    const d = {
      round: hostile, results: computeResults(hostile, tallies.get(a.id)!),
      bySource: { source: 'enterprise', visits: 1, results: computeResults(hostile, poolBySource([a, b], 'enterprise', tallies).tallies) },
    };
    const rows = evaluationRows(d);
    expect(rows[1].slice(0, 6)).toEqual(['本轮', '工会工作', '服务职工', '全部', '样本不足', '样本不足']);
    expect(rows.find((r) => String(r[0]).startsWith('来源群体'))!.slice(4, 10)).toEqual([6, 0, 0, 6, 0, 0]);
    const csv = evaluationCsv(d).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(new Set(lines.map((l) => l.split(',').length)).size).toBe(1);
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await evaluationXlsx(d)) as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => { values.push(c.value); }));
    expect(values.every((v) => typeof v === 'string' || typeof v === 'number')).toBe(true);
    expect(values).toContain('样本不足');
  });

  it('the export job and the button value are checked by the same schemas', () => {
    expect(parseCardAction({ v: 1, a: 'ev.export', round: 'visit_aaaa', format: 'xlsx' })).toBeTruthy();
    expect(parseCardAction({ v: 1, a: 'ev.export', round: 'visit_aaaa', format: 'docx' })).toBeNull();
    const job = { kind: 'evaluation-export', format: 'csv', round: 'visit_aaaa', requester: 'ou_admin', requestId: 'evt_1' };
    expect(exportJobSchema.safeParse(job).success).toBe(true);
    expect(exportJobSchema.safeParse({ ...job, format: 'docx' }).success).toBe(false);
    expect(exportJobSchema.safeParse({ ...job, voter: 'ou_x' }).success).toBe(false);
  });
});
