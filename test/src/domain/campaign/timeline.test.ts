import { describe, expect, it } from 'vitest';
import { loadCampaignFile } from '../../../../src/campaign.js';
import { milestoneId } from '../../../../src/domain/campaign/milestone-id.js';
import {
  applyEdit, effectiveMilestonePeople, effectivePhases, NO_OVERRIDES, phaseOnDay, timelineError, timelineOverridesSchema,
} from '../../../../src/domain/campaign/timeline.js';
import { parseAddForm, parseEditForm, parsePhaseForm, TIMELINE_FORM } from '../../../../src/domain/campaign/settings-form.js';

const file = (await loadCampaignFile(new URL('../../../../campaign.example.json', import.meta.url).pathname)).phases;
const [study, criticism] = file as [typeof file[0], typeof file[0]];
const report = criticism.milestones[0]!; // 提交征求意见情况报告, 2027-05-20, owner 李明
const reportId = milestoneId('criticism', report);

describe('effectivePhases', () => {
  it('is the file itself without edits', () => {
    expect(effectivePhases(file, NO_OVERRIDES)).toEqual(file);
  });

  it('moves a phase, and a milestone (a new id), removes one, adds one, sets an owner', () => {
    let o = applyEdit(file, NO_OVERRIDES, { kind: 'phase', key: 'criticism', start: '2027-05-06', end: '2027-06-30' });
    o = applyEdit(file, o, { kind: 'move', source: { kind: 'file', id: reportId }, date: '2027-05-25' });
    o = applyEdit(file, o, { kind: 'owner', source: { kind: 'file', id: reportId }, owner: 'ou_admin_liu' });
    o = applyEdit(file, o, { kind: 'remove', source: { kind: 'file', id: milestoneId('study', study.milestones[0]!) } });
    const added = { phaseKey: 'criticism', name: '调研座谈', date: '2027-05-10', owner: 'ou_member_02' };
    o = applyEdit(file, o, { kind: 'add', milestone: added });
    expect(timelineOverridesSchema.parse(o)).toEqual(o);
    const phases = effectivePhases(file, o);
    expect(phases[0]!.milestones).toEqual([]);
    expect(phases[1]).toMatchObject({ key: 'criticism', start: '2027-05-06', end: '2027-06-30' });
    expect(phases[1]!.milestones.map((m) => [m.date, m.name])).toEqual([
      ['2027-05-10', '调研座谈'], ['2027-05-25', '提交征求意见情况报告'], ['2027-06-20', '专题民主生活会'],
    ]);
    const people = effectiveMilestonePeople(file, o, new Map([[reportId, { remind: ['ou_admin_liu'], owner: 'ou_member_01' }]]));
    // The moved milestone keeps the file's people under its new id, with the owner set in chat.
    expect(people.get(milestoneId('criticism', { name: report.name, date: '2027-05-25' })))
      .toEqual({ remind: ['ou_admin_liu'], owner: 'ou_admin_liu' });
    expect(people.get(milestoneId('criticism', { name: '调研座谈', date: '2027-05-10' }))).toEqual({ remind: [], owner: 'ou_member_02' });
    // Back to the file's dates: the phase's edit goes.
    expect(applyEdit(file, o, { kind: 'phase', key: 'criticism', start: '2027-05-01', end: '2027-06-30' }).phases).toEqual({});
  });

  it('removes an added milestone, and moves one', () => {
    const o = applyEdit(file, NO_OVERRIDES, { kind: 'add', milestone: { phaseKey: 'study', name: '学习', date: '2027-03-01' } });
    const moved = applyEdit(file, o, { kind: 'move', source: { kind: 'added', index: 0 }, date: '2027-03-02' });
    expect(moved.added[0]!.date).toBe('2027-03-02');
    expect(applyEdit(file, o, { kind: 'remove', source: { kind: 'added', index: 0 } }).added).toEqual([]);
  });
});

describe('timelineError', () => {
  const moved = (start: string, end: string) =>
    effectivePhases(file, applyEdit(file, NO_OVERRIDES, { kind: 'phase', key: 'criticism', start, end }));
  it('accepts the file and a move that keeps the phases apart', () => {
    expect(timelineError(file)).toBeUndefined();
    expect(timelineError(moved('2027-05-06', '2027-06-25'))).toBeUndefined();
  });
  it('refuses an inverted phase, an overlap, and a milestone left outside its phase', () => {
    expect(timelineError(moved('2027-06-01', '2027-05-30'))).toEqual({ kind: 'inverted', phase: '查摆问题、开展批评' });
    expect(timelineError(moved('2027-04-30', '2027-06-30')))
      .toEqual({ kind: 'overlap', phase: '查摆问题、开展批评', other: '学习教育、听取意见' });
    expect(timelineError(moved('2027-05-21', '2027-06-30')))
      .toEqual({ kind: 'outsidePhase', milestone: '提交征求意见情况报告', phase: '查摆问题、开展批评' });
  });
  it('finds the phase of a day', () => {
    expect(phaseOnDay(file, '2027-05-01')?.key).toBe('criticism');
    expect(phaseOnDay(file, '2026-01-01')).toBeUndefined();
  });
});

describe('the settings forms', () => {
  const known = new Set(['ou_a']);
  it('reads the date pickers and refuses what is not a real day', () => {
    expect(parsePhaseForm({ [TIMELINE_FORM.phaseStart(1)]: '2027-05-06 +0800', [TIMELINE_FORM.phaseEnd(1)]: '2027-06-30 +0800' }, 1))
      .toEqual({ ok: true, start: '2027-05-06', end: '2027-06-30' });
    expect(parsePhaseForm({ [TIMELINE_FORM.phaseStart(1)]: '2027-02-30', [TIMELINE_FORM.phaseEnd(1)]: '2027-06-30' }, 1))
      .toEqual({ ok: false, error: 'day' });
  });
  it('checks a new milestone: name 1–100, a day, an owner the bot knows, a deliverable ≤ 200', () => {
    const ok = { [TIMELINE_FORM.addName]: ' 调研 ', [TIMELINE_FORM.addDate]: '2027-05-10 +0800', [TIMELINE_FORM.addOwner]: 'ou_a' };
    expect(parseAddForm(ok, known)).toEqual({ ok: true, name: '调研', date: '2027-05-10', owner: 'ou_a' });
    expect(parseAddForm({ ...ok, [TIMELINE_FORM.addName]: '' }, known)).toEqual({ ok: false, error: 'name' });
    expect(parseAddForm({ ...ok, [TIMELINE_FORM.addName]: '长'.repeat(101) }, known)).toEqual({ ok: false, error: 'name' });
    expect(parseAddForm({ ...ok, [TIMELINE_FORM.addOwner]: 'ou_x' }, known)).toEqual({ ok: false, error: 'owner' });
    expect(parseAddForm({ ...ok, [TIMELINE_FORM.addDeliverable]: 'x'.repeat(201) }, known)).toEqual({ ok: false, error: 'deliverable' });
    expect(parseEditForm({ [TIMELINE_FORM.editDate]: '2027-05-11', [TIMELINE_FORM.editOwner]: '-' }, known))
      .toEqual({ ok: true, date: '2027-05-11' });
  });
});
