import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../../../../src/campaign.js';
import { milestoneDoneSchema, milestoneId, milestonesOf, milestoneState } from '../../../../src/domain/campaign/milestones.js';
import { CAMPAIGN_PATH } from '../../../helpers/bot.js';

const c = parseCampaign(JSON.parse(readFileSync(CAMPAIGN_PATH, 'utf8')));
const done = { at: 1, by: 'ou_admin_liu' };

describe('milestones', () => {
  it('lists every milestone by date with its phase, under an id that follows its phase, date and name', () => {
    const ms = milestonesOf(c);
    expect(ms.map((m) => [m.date, m.name, m.phaseKey])).toEqual([
      ['2027-02-20', '动员大会暨第一次民主测评', 'study'], ['2027-05-20', '提交征求意见情况报告', 'criticism'],
      ['2027-06-20', '专题民主生活会', 'criticism'], ['2027-09-20', '满意度测评', 'rectify'],
    ]);
    expect(ms[0]!.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(new Set(ms.map((m) => m.id)).size).toBe(4);
    expect(milestoneId('study', { date: '2027-02-21', name: '动员大会暨第一次民主测评' })).not.toBe(ms[0]!.id);
  });

  it('is upcoming, due soon (3 days), due today, overdue, or done', () => {
    const m = { date: '2027-05-20' };
    expect(['2027-05-10', '2027-05-17', '2027-05-20', '2027-05-21'].map((d) => milestoneState(m, undefined, d)))
      .toEqual(['upcoming', 'dueSoon', 'dueToday', 'overdue']);
    expect(milestoneState(m, done, '2027-06-01')).toBe('done');
  });

  it('a done record takes a note or an https link, nothing else', () => {
    expect(milestoneDoneSchema.safeParse({ ...done, link: 'https://example.feishu.cn/docx/abc' }).success).toBe(true);
    expect(milestoneDoneSchema.safeParse({ ...done, link: 'http://example.com' }).success).toBe(false);
    expect(milestoneDoneSchema.safeParse({ ...done, note: 'x'.repeat(501) }).success).toBe(false);
    expect(milestoneDoneSchema.safeParse({ ...done, extra: 1 }).success).toBe(false);
  });
});
