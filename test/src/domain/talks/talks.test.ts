import { describe, expect, it } from 'vitest';
import { createCalendar, instantOf } from '../../../../src/domain/calendar.js';
import { DONE_FORM, MOVE_FORM, NOTE_FORM, parseDoneForm, parseMoveForm, parseNote } from '../../../../src/domain/talks/form.js';
import { planTalkReminders, talkStepLive } from '../../../../src/domain/talks/reminders.js';
import { generatePlan, logReminder, moveDue, newTalk, pairKey, recordDone, talkSchema } from '../../../../src/domain/talks/talk.js';

const SH = 'Asia/Shanghai';
const cal = createCalendar({ workdays: [1, 2, 3, 4, 5], holidays: ['2027-05-20'], extraWorkdays: [],
  quietHours: { from: '21:00', to: '08:00' } }, SH);
const NOW = instantOf('2027-05-03', '10:00', SH);

describe('the generated plan', () => {
  it('pairs the top leader with each leader, the leaders with each other and each with their members, no pair twice', () => {
    const plan = generatePlan({
      topLeader: 'ou_t', leaders: ['ou_a', 'ou_b', 'ou_t'], due: '2027-06-30',
      membersOf: new Map([['ou_t', ['ou_m1']], ['ou_a', ['ou_m2', 'ou_b', 'ou_a']], ['ou_b', ['ou_m2']]]),
      existing: new Set([pairKey('ou_b', 'ou_m2')]),
    });
    expect(plan.map((p) => `${p.a}-${p.b}-${p.kind}`)).toEqual([
      'ou_t-ou_a-topLeader', 'ou_t-ou_b-topLeader', 'ou_a-ou_b-leaders', 'ou_t-ou_m1-topLeader', 'ou_a-ou_m2-members',
    ]);
  });

  it('15 leaders make 105 pairs among themselves and 14 with the top leader', () => {
    const leaders = Array.from({ length: 14 }, (_, i) => `ou_l${i}`);
    const plan = generatePlan({ topLeader: 'ou_t', leaders, due: '2027-06-30', membersOf: new Map(), existing: new Set() });
    expect(plan).toHaveLength(14 + 91);
  });
});

describe('a talk', () => {
  const tk = newTalk({ a: 'ou_a', b: 'ou_b', kind: 'leaders', due: '2027-05-21' }, 'talk_0000001', { by: 'ou_admin', now: NOW });

  it('is recorded held by a party only, once; its JSON has no room for a note', () => {
    expect(recordDone(tk, { day: '2027-05-03', place: '会议室' }, { by: 'ou_c', now: NOW })).toEqual({ ok: false, reason: 'notParty' });
    const r = recordDone(tk, { day: '2027-05-03', place: '会议室' }, { by: 'ou_b', now: NOW });
    expect(r.ok && r.talk.done).toEqual({ at: NOW, by: 'ou_b', day: '2027-05-03', place: '会议室' });
    const again = r.ok && recordDone(r.talk, { day: '2027-05-03', place: 'x' }, { by: 'ou_a', now: NOW });
    expect(again).toEqual({ ok: false, reason: 'done' });
    expect(talkSchema.safeParse({ ...tk, note: 'x' }).success).toBe(false);
  });

  it('reminds at 09:00 on the working day before and on the next working morning after the due day; a reminder is logged once', () => {
    expect(planTalkReminders('2027-05-21', NOW, cal)).toEqual([
      { step: 'd1', at: instantOf('2027-05-19', '09:00', SH) }, // 5月20日 is a holiday: the working day before it
      { step: 'over', at: instantOf('2027-05-24', '08:00', SH) }, // Saturday 00:00 → Monday at the end of the quiet hours
    ]);
    expect(planTalkReminders('2027-05-03', NOW, cal).map((s) => s.step)).toEqual(['over']);
    const logged = logReminder(tk, 'g0-d1', NOW)!;
    expect(logReminder(logged, 'g0-d1', NOW)).toBeUndefined();
    expect(talkStepLive(tk, 0)).toBe(true);
    expect(talkStepLive(tk, 1)).toBe(false);
  });

  it('forms: a day not after today and a place; a note of at most 1,000 characters', () => {
    const future = { [DONE_FORM.day]: '2027-05-04 +0800', [DONE_FORM.place]: 'x' };
    expect(parseDoneForm(future, '2027-05-03')).toEqual({ ok: false, errors: ['future'] });
    expect(parseDoneForm({ [DONE_FORM.day]: '2027-05-03 +0800' }, '2027-05-03')).toEqual({ ok: false, errors: ['place'] });
    expect(parseDoneForm({ [DONE_FORM.place]: '长'.repeat(101) }, '2027-05-03')).toEqual({ ok: false, errors: ['day', 'place'] });
    expect(parseNote({ [NOTE_FORM.text]: '长'.repeat(1000) })).toHaveLength(1000);
    expect(parseNote({ [NOTE_FORM.text]: '长'.repeat(1001) })).toBeUndefined();
    expect(parseNote({})).toBe('');
  });

  it('moves a planned due day to a new generation (history keeps the day, never a note); not a held one, not to the same day', () => {
    const r = moveDue(tk, '2027-06-01', { by: 'ou_a', now: NOW });
    expect(r.ok && r.talk).toMatchObject({ due: '2027-06-01', gen: 1, state: 'planned' });
    expect(r.ok && r.talk.history.at(-1)).toEqual({ at: NOW, by: 'ou_a', action: 'due', detail: '2027-06-01' });
    expect(r.ok && talkStepLive(r.talk, 0)).toBe(false);
    expect(moveDue(tk, '2027-05-21', { by: 'ou_a', now: NOW })).toEqual({ ok: false, reason: 'sameDue' });
    const held = recordDone(tk, { day: '2027-05-03', place: '会议室' }, { by: 'ou_b', now: NOW });
    expect(held.ok && moveDue(held.talk, '2027-06-01', { by: 'ou_a', now: NOW })).toEqual({ ok: false, reason: 'done' });
    expect(parseMoveForm({ [MOVE_FORM.due]: '2027-05-03 +0800' }, '2027-05-03')).toEqual({ ok: true, due: '2027-05-03' });
    expect(parseMoveForm({ [MOVE_FORM.due]: '2027-05-02 +0800' }, '2027-05-03')).toEqual({ ok: false, error: 'past' });
    expect(parseMoveForm({}, '2027-05-03')).toEqual({ ok: false, error: 'due' });
  });
});
