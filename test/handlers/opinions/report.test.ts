import { randomBytes } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opinionReportCard } from '../../../cards/opinions/report.js';
import { validateCard } from '../../../cards/validate.js';
import type { Card } from '../../../cards/types.js';
import { onReport, onReportExport } from '../../../handlers/opinions/report.js';
import type { HandlerCtx } from '../../../handlers/context.js';
import { createExportProcessor } from '../../../jobs/export.js';
import type { ExportJob } from '../../../src/reports/export-job.js';
import { loadCampaignFile, resolveCampaign, type ResolvedCampaign } from '../../../src/campaign.js';
import { CATEGORIES, isoWeek, newOpinionId, SOURCES, targetOptions } from '../../../src/domain/opinions/opinion.js';
import { createLogger } from '../../../src/log.js';
import type { Outbox, OutboxFile, OutboxMessage } from '../../../src/outbox.js';
import { opinionsCsv, opinionsXlsx } from '../../../src/reports/exports.js';
import { opinionReportDocx } from '../../../src/reports/opinion-docx.js';
import { buildOpinionReport, type OpinionReport } from '../../../src/reports/opinion-report.js';
import { createRoleService } from '../../../src/roles.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createKeys } from '../../../src/store/keys.js';
import { createKvStore } from '../../../src/store/kv.js';
import { createOpinionStore, type OpinionStore } from '../../../src/store/opinions.js';
import { createRolesStore } from '../../../src/store/roles.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';
import { markdownContents, parseCsv, unzip } from '../../helpers/read-back.js';
import type { CommandCall } from '../../../handlers/types.js';

const HOSTILE = [
  '<at id=all></at> 大家看',
  '[x](https://evil) 点这里',
  '长'.repeat(10_000),
  '\u202Egnp.exe\u202C 反转',
  'ctl\u0000\u0007\u001b[31m\u007fend',
  'emoji 😀👍🏽 :DONE: **粗体** # 标题 `code`',
];
const FORMULAS = ['=HYPERLINK("https://evil","x")', '+1+1 加号', '-2 减号', '@SUM(A1) at'];
const DAYS = ['2024-03-04', '2024-03-06', '2024-03-12', '2024-03-19', '2024-03-27'];
const CAMPAIGN_PATH = new URL('../../../campaign.example.json', import.meta.url).pathname;
const log = createLogger('silent');

/** Random ids that cannot contain "ou_", so the anonymity scan below has no false hits. */
const safeId = (): string => { for (;;) { const id = newOpinionId(); if (!/ou_/i.test(id)) return id; } };

interface Seeded { id: string; category: string; source: string; target: string; week: string; text: string; submitter?: string }

let redis: Redis;
let prefix: string;
let store: OpinionStore;
let campaign: ResolvedCampaign;
const seeded: Seeded[] = [];

async function seed(s: OpinionStore, n: number, text: (i: number) => string): Promise<Seeded[]> {
  const targets = targetOptions(campaign.leaders).map((t) => t.key);
  const out: Seeded[] = [];
  for (let i = 0; i < n; i++) {
    const day = DAYS[i % DAYS.length];
    const o = {
      id: safeId(), category: CATEGORIES[i % 8].key, source: SOURCES[(i * 3) % 8].key, target: targets[i % targets.length],
      week: isoWeek(day), text: text(i), submitter: i % 4 === 0 ? `ou_member_0${(i % 8) + 1}` : undefined,
    };
    const codeHmac = randomBytes(16).toString('hex');
    const ok = await s.create({ ...o, codeHmac, anonymous: !o.submitter, day, dayNumber: Date.parse(day) / 86_400_000 });
    expect(ok).toBe(true);
    out.push(o);
  }
  return out;
}

const entry = { at: 1, actor: 'ou_admin_liu', action: 'test', detail: {} };

beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  prefix = randomPrefix();
  const keys = createKeys(prefix);
  store = createOpinionStore(redis, keys, createAuditStore(redis, keys));
  const directory = { resolveIds: async () => ({ byEmail: new Map(), byMobile: new Map() }) };
  campaign = await resolveCampaign(await loadCampaignFile(CAMPAIGN_PATH), directory);
  seeded.push(...await seed(store, 60, (i) => FORMULAS[i - 40] ?? (i === 0 ? HOSTILE[0] : `意见 ${i}：食堂饭菜价格偏高，希望改进。`)));
  // Groups: 0 ← 8, 16, 24 (4); 1 ← 9, 17 (3); 2 ← 10 (2).
  for (const [root, kids] of [[0, [8, 16, 24]], [1, [9, 17]], [2, [10]]] as const) {
    for (const k of kids) await store.merge(seeded[k].id, seeded[root].id, entry);
  }
  await store.update(seeded[3].id, { from: 'received', to: 'adopted', set: { tags: JSON.stringify(['食堂', '价格']) } }, entry);
  await store.update(seeded[5].id, { from: 'received', to: 'quickfix', set: { quickNote: '已调整菜价' } }, entry);
  await store.update(seeded[7].id, { from: 'received', to: 'replied', set: { reply: '感谢，已研究。' } }, entry);
});

afterAll(async () => {
  redis.disconnect();
  await deletePrefix(testRedisUrl(), prefix);
});

describe('buildOpinionReport', () => {
  it('matches a hand count of the seeded opinions', async () => {
    const r = await buildOpinionReport(store, campaign);
    const count = (f: (o: Seeded) => boolean) => seeded.filter(f).length;
    expect(r.total).toBe(60);
    expect(r.handled).toBe(3);
    expect(r.merged).toBe(6);
    for (const row of r.byCategory) expect(row.count).toBe(count((o) => o.category === row.key));
    for (const row of r.bySource) expect(row.count).toBe(count((o) => o.source === row.key));
    expect(r.byTarget.map((t) => t.key)).toEqual(targetOptions(campaign.leaders).map((t) => t.key));
    for (const row of r.byTarget) expect(row.count).toBe(count((o) => o.target === row.key));
    r.categoryBySource.rows.forEach((c, i) => r.categoryBySource.cols.forEach((s, j) =>
      expect(r.categoryBySource.cells[i][j]).toBe(count((o) => o.category === c.key && o.source === s.key))));
    r.categoryByTarget.rows.forEach((c, i) => r.categoryByTarget.cols.forEach((t, j) =>
      expect(r.categoryByTarget.cells[i][j]).toBe(count((o) => o.category === c.key && o.target === t.key))));
    const weeks = [...new Set(seeded.map((o) => o.week))].sort();
    expect(r.weekly).toEqual(weeks.map((week) => ({ week, count: count((o) => o.week === week) })));
    const byStatus = Object.fromEntries(r.byStatus.map((s) => [s.key, s.count]));
    expect(byStatus).toEqual({ received: 57, adopted: 1, quickfix: 1, ledger: 0, replied: 1, closed: 0 });
    expect(r.topGroups.map((g) => [g.rootId, g.size])).toEqual([[seeded[0].id, 4], [seeded[1].id, 3], [seeded[2].id, 2]]);
    expect(r.topGroups[1].text).toBe('意见 1：食堂饭菜价格偏高，希望改进。');
    expect(r.topGroups[1].category).toBe(CATEGORIES[1].zh);
  });
});

describe('opinionReportCard', () => {
  it('is a valid card with four charts and three export buttons', async () => {
    const card = opinionReportCard(await buildOpinionReport(store, campaign), { campaignName: campaign.campaign.name, day: '2024-03-28' });
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json.match(/"tag":"chart"/g)).toHaveLength(4);
    for (const f of ['xlsx', 'csv', 'docx']) expect(json).toContain(`{"v":1,"a":"rp.export","format":"${f}"}`);
  });

  it('keeps hostile opinion text out of markdown, and stays valid', async () => {
    const p = randomPrefix();
    const keys = createKeys(p);
    const s = createOpinionStore(redis, keys, createAuditStore(redis, keys));
    try {
      const rows = await seed(s, HOSTILE.length * 2, (i) => HOSTILE[i % HOSTILE.length]);
      for (let i = 0; i < HOSTILE.length; i++) await s.merge(rows[i + HOSTILE.length].id, rows[i].id, entry);
      const report = await buildOpinionReport(s, campaign);
      expect(report.topGroups).toHaveLength(HOSTILE.length);
      for (const g of report.topGroups) {
        expect([...g.text].length).toBeLessThanOrEqual(80);
        expect(g.text).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/);
      }
      const card = opinionReportCard(report, { campaignName: campaign.campaign.name, day: '2024-03-28' });
      expect(validateCard(card)).toEqual([]);
      for (const content of markdownContents(card)) {
        expect(content).not.toMatch(/<at|\]\(|https:\/\/evil|:DONE:|\*\*粗体|\u202e|长长长/i);
      }
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await opinionsXlsx(s, campaign)) as unknown as ArrayBuffer);
      expect(wb.getWorksheet('明细')!.actualRowCount).toBe(HOSTILE.length * 2 + 1);
      expect(unzip(await opinionReportDocx(report, campaign)).get('word/document.xml')!.toString()).toContain('大家看');
      expect(parseCsv((await opinionsCsv(s, campaign)).toString('utf8').slice(1))).toHaveLength(HOSTILE.length * 2 + 1);
    } finally {
      await deletePrefix(testRedisUrl(), p);
    }
  });

  it('caps weeks, targets and groups so big campaigns stay under the limits', () => {
    const many = (n: number, f: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ({ key: f(i), label: `${f(i)}${'名'.repeat(40)}`, count: i + 1 }));
    const report: OpinionReport = {
      total: 99_999, handled: 50_000, merged: 10_000,
      byCategory: many(8, (i) => `c${i}`), bySource: many(8, (i) => `s${i}`), byTarget: many(60, (i) => `leader-${i}`),
      byStatus: many(6, (i) => `st${i}`),
      categoryBySource: { rows: [], cols: [], cells: [] }, categoryByTarget: { rows: [], cols: [], cells: [] },
      weekly: Array.from({ length: 200 }, (_, i) => ({
        week: `${2020 + Math.floor(i / 52)}-W${String((i % 52) + 1).padStart(2, '0')}`, count: i,
      })),
      topGroups: Array.from({ length: 50 }, (_, i) => ({
        rootId: `r${i}`, text: `${HOSTILE[1]}${'字'.repeat(80)}`, size: 50 - i, category: '其他', status: '已收到',
      })),
    };
    const card: Card = opinionReportCard(report, { campaignName: '活'.repeat(100), day: '2024-03-28' });
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('仅显示最近 26 周');
    expect(json).toContain('另有 40 组未显示');
  });
});

describe('exports', () => {
  it('XLSX: 汇总 and 明细 read back, one row per opinion, no identities anywhere', async () => {
    const buf = await opinionsXlsx(store, campaign);
    const raw = [...unzip(buf).values()].map((b) => b.toString('utf8')).join('\n');
    expect(raw).not.toContain('ou_');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细']);
    const detail = wb.getWorksheet('明细')!;
    const values = (r: number) => (detail.getRow(r).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    expect(values(1)).toEqual(['编号', '日期', '类别', '来源', '对象', '内容', '状态', '标签', '归并到', '答复', '立行立改说明']);
    expect(detail.actualRowCount).toBe(61);
    const byId = new Map(Array.from({ length: 60 }, (_, i) => values(i + 2)).map((row) => [row[0], row]));
    expect([...byId.keys()].sort()).toEqual(seeded.map((o) => o.id).sort());
    expect(byId.get(seeded[3].id)!.slice(1, 8))
      .toEqual([DAYS[3], CATEGORIES[3].zh, SOURCES[1].zh, '孙副主席（副主席）', seeded[3].text, '已采纳', '食堂、价格']);
    expect(byId.get(seeded[8].id)![8]).toBe(seeded[0].id);
    expect(byId.get(seeded[5].id)![10]).toBe('已调整菜价');
    expect(byId.get(seeded[7].id)![9]).toBe('感谢，已研究。');
    const summary = wb.getWorksheet('汇总')!;
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual(['合计', 60]);
    wb.eachSheet((ws) => ws.eachRow((row) => expect(JSON.stringify(row.values)).not.toContain('ou_')));
  });

  it('CSV: BOM, CRLF, RFC 4180, formulas neutralised, no identities', async () => {
    const buf = await opinionsCsv(store, campaign);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text).not.toContain('ou_');
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(61);
    for (const row of rows) expect(row).toHaveLength(11);
    const texts = rows.slice(1).map((r) => r[5]);
    for (const f of FORMULAS) expect(texts).toContain(`'${f}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('DOCX: a zip with word/document.xml and the four sections', async () => {
    const report = await buildOpinionReport(store, campaign);
    const files = unzip(await opinionReportDocx(report, campaign));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = files.get('word/document.xml')!.toString('utf8');
    for (const h of ['一、基本情况', '二、意见建议分类汇总', '三、主要问题', '四、下一步打算', '征求意见情况报告']) expect(xml).toContain(h);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('共收到意见建议 60 条');
    expect(xml).not.toContain('ou_');
    expect(files.get('word/styles.xml')!.toString('utf8')).toContain('仿宋');
  });
});

describe('report handlers and the export job', () => {
  const sent: OutboxMessage[] = [];
  const files: OutboxFile[] = [];
  const jobs: ExportJob[] = [];
  const outbox = {
    send: async (m: OutboxMessage) => { sent.push(m); },
    sendFile: async (f: OutboxFile) => { files.push(f); },
  } as Partial<Outbox> as Outbox;

  function ctx(): HandlerCtx {
    const keys = createKeys(prefix);
    const audit = createAuditStore(redis, keys);
    const kv = createKvStore(redis, keys);
    const roles = createRoleService(campaign, createRolesStore(redis, keys, audit), kv, { chatMembers: async () => [] }, log);
    const partial = {
      campaign, outbox, roles, log, now: () => Date.parse('2024-03-28T02:00:00Z'),
      store: { kv, audit, opinions: store, roles: createRolesStore(redis, keys, audit) },
      exports: { enqueue: async (j: ExportJob) => { jobs.push(j); } },
    };
    return partial as unknown as HandlerCtx;
  }
  const call = (roles: CommandCall['roles']): CommandCall => ({
    eventId: 'ev1', callerOpenId: 'ou_super_wu', origin: { kind: 'p2p', chatId: 'oc_p2p', messageId: 'om_1' },
    key: 'report', args: '', mentions: [], roles, available: [],
  });

  it('onReport sends the card to admins and supervisors only', async () => {
    await onReport(call(['supervisor', 'anyone']), ctx());
    expect(sent).toHaveLength(1);
    expect(sent[0].body.type === 'card' && validateCard(sent[0].body.card)).toEqual([]);
    await onReport({ ...call(['anyone']), eventId: 'ev2' }, ctx());
    expect(sent[1].body).toEqual({ type: 'text', text: '无权限：意见报告仅限活动办和督导组查看。' });
  });

  it('onReportExport checks the role on the server, enqueues and audits', async () => {
    const c = ctx();
    const event = (operatorOpenId: string) => ({ type: 'card_action' as const, eventId: 'evexport1', operatorOpenId, value: {} });
    const denied = await onReportExport({ v: 1, a: 'rp.export', format: 'xlsx' }, event('ou_member_01'), c);
    expect(denied).toMatchObject({ toast: { type: 'error' } });
    expect(jobs).toHaveLength(0);
    const ok = await onReportExport({ v: 1, a: 'rp.export', format: 'docx' }, event('ou_super_wu'), c);
    expect(ok).toMatchObject({ toast: { type: 'success', content: '正在生成，稍后通过私信发送' } });
    expect(jobs).toEqual([{ kind: 'opinion-export', format: 'docx', requester: 'ou_super_wu', requestId: 'evexport1' }]);
    const audited = (await c.store.audit.recent(5)).find((e) => e.action === 'opinion.export');
    expect(audited).toMatchObject({ actor: 'ou_super_wu', detail: { format: 'docx' } });
  });

  it('the processor builds the file and sends it by direct message; bad data fails for good', async () => {
    const process = createExportProcessor({ opinions: store, campaign, outbox, log, now: () => Date.parse('2024-03-28T20:00:00Z') });
    const job = (data: unknown) => ({ id: 'j1', data }) as Job;
    await process(job({ kind: 'opinion-export', format: 'csv', requester: 'ou_super_wu', requestId: 'abc123' }));
    expect(files[0]).toMatchObject({
      key: 'export-abc123', to: { openId: 'ou_super_wu' }, fileName: '征求意见汇总-2024-03-29.csv', fileType: 'stream',
    });
    await process(job({ kind: 'opinion-export', format: 'docx', requester: 'ou_super_wu', requestId: 'abc124' }));
    expect(files[1]).toMatchObject({ fileName: '征求意见情况报告-2024-03-29.docx', fileType: 'doc' });
    const bad = job({ kind: 'opinion-export', format: 'pdf', requester: 'x', requestId: 'a:b' });
    await expect(process(bad)).rejects.toBeInstanceOf(UnrecoverableError);
    const small = createExportProcessor({ opinions: store, campaign, outbox, log, maxFileBytes: 1000 });
    await small(job({ kind: 'opinion-export', format: 'csv', requester: 'ou_super_wu', requestId: 'abc125' }));
    expect(files).toHaveLength(2);
    expect(sent.at(-1)).toMatchObject({ key: 'export-abc125', to: { openId: 'ou_super_wu' }, body: { type: 'text' } });
  });
});
