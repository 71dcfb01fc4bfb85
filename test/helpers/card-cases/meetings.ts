import { correctionCard, meetingFormCard, meetingListCard, overrideCard } from '../../../cards/meetings/form.js';
import { meetingCard, recordCard, type MeetingCan } from '../../../cards/meetings/meeting.js';
import type { Card } from '../../../cards/types.js';
import type { Meeting } from '../../../src/domain/meetings/meeting.js';
import type { Missing } from '../../../src/domain/meetings/preconditions.js';
import { msg } from '../../../src/messages/index.js';

/** View models for the 生活会 cards: empty, full (40 attendees, 10 measures each), long and hostile text everywhere a user can type. */

// The same hostile strings as card-cases.ts HOSTILE (imported from there this file would load before it).
const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990)];
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;
const NOW = Date.UTC(2027, 5, 8, 6, 30);
const TZ = 'Asia/Shanghai';
const long = '长'.repeat(1000);
const people = Array.from({ length: 40 }, (_, i) => `ou_p${i}`);
const names = Object.fromEntries(people.map((u, i) => [u, i % 5 ? `人员${i}` : hostile(i).slice(0, 40)]));

function meeting(i: number, over: Partial<Meeting> = {}): Meeting {
  const state = (['planned', 'started', 'ended'] as const)[i % 3]!;
  const records: Meeting['records'] = state === 'planned' ? {} : Object.fromEntries(people.map((u, k) => [u, {
    self: k % 2 ? long : hostile(k), received: hostile(k + 1),
    // The measures come from one field of ≤ 1,000 characters (src/domain/meetings/form.ts): at most 10 lines sharing them.
    measures: Array.from({ length: 10 }, (_, n) => (n % 2 ? long.slice(0, 95) : hostile(n).slice(0, 95))),
    items: { 0: 'item_000000001' }, state: (['pending', 'confirmed', 'correction'] as const)[k % 3]!, note: long.slice(0, 500),
    by: 'ou_admin', at: NOW,
  }]));
  return {
    id: `mtg_${String(i).padStart(8, '0')}`, type: i % 2 ? 'organizational' : 'democratic',
    title: i % 2 ? '长'.repeat(100) : hostile(i).slice(0, 100),
    start: NOW, place: hostile(i + 2).slice(0, 100), attendees: people, invited: people.slice(0, 10), state,
    ...(i === 4 ? { override: { by: 'ou_p0', at: NOW, reason: long.slice(0, 500), missing: [hostile(1)] } } : {}),
    signIns: Object.fromEntries(people.slice(0, 20).map((u, k) => [u, { at: NOW, late: k % 2 === 0 }])),
    records, history: [], createdAt: NOW, createdBy: 'ou_admin', updatedAt: NOW, ...over,
  };
}

const ALL: MeetingCan = { edit: true, start: true, override: true, end: true, survey: true, record: true, signIn: true, readAll: true };
const NONE: MeetingCan = {
  edit: false, start: false, override: false, end: false, survey: false, record: false, signIn: false, readAll: false,
};
const missing: Missing[] = [
  { kind: 'plan' }, ...people.map((u, k): Missing => ({ kind: 'selfCheck', openId: u, state: k % 2 ? 'returned' : 'none' })),
  { kind: 'talk', a: 'ou_p1', b: 'ou_p2', due: '2027-06-05' },
];
const formPeople = Array.from({ length: 120 }, (_, i) => ({ openId: `ou_q${i}`, name: i % 7 ? `人员${i}` : hostile(i) }));

export const MEETING_CASES: Record<string, (() => Card)[]> = {
  meetingCard: [0, 1, 2, 3, 4, 5].flatMap((i) => [
    () => meetingCard({ meeting: meeting(i), names, viewer: 'ou_p1', timeZone: TZ, can: ALL, missing, itemSeqs: { item_000000001: 12 },
      reportTitle: hostile(i), roundTitle: long.slice(0, 100), banner: msg.meetings.notices.confirm(hostile(i)), showBack: true }),
    () => meetingCard({ meeting: meeting(i), names: {}, viewer: 'ou_p3', timeZone: TZ, can: { ...NONE, signIn: true }, missing: [] }),
    () => meetingCard({ meeting: meeting(i, { attendees: ['ou_x'], invited: [], records: {}, signIns: {} }), names: {}, viewer: 'ou_y',
      timeZone: TZ, can: NONE }),
  ]),
  recordCard: [1, 2, 4].flatMap((i) => [
    () => recordCard({ meeting: meeting(i), subject: 'ou_p2', names, itemSeqs: { item_000000001: 3 }, editable: true }),
    () => recordCard({ meeting: meeting(i), subject: 'ou_p1', names, itemSeqs: {}, editable: false }),
    () => recordCard({ meeting: meeting(i, { records: {} }), subject: 'ou_p5', names: {}, itemSeqs: {}, editable: true }),
  ]),
  meetingFormCard: [
    () => meetingFormCard({
      people: formPeople, leaders: ['ou_q1', 'ou_q2', 'ou_gone'], supervisors: formPeople.slice(0, 12), timeZone: TZ,
    }),
    () => meetingFormCard({ people: formPeople, leaders: [], supervisors: [], timeZone: TZ, meeting: meeting(0) }),
    () => meetingFormCard({ people: [], leaders: [], supervisors: [], timeZone: TZ }),
  ],
  correctionCard: [() => correctionCard(meeting(1), 'ou_p1'), () => correctionCard(meeting(4), 'ou_p2')],
  overrideCard: [() => overrideCard(meeting(0), missing.map((_, k) => hostile(k).slice(0, 300))), () => overrideCard(meeting(3), [])],
  meetingListCard: [
    () => meetingListCard({ meetings: Array.from({ length: 60 }, (_, i) => meeting(i)), admin: true, timeZone: TZ }),
    () => meetingListCard({ meetings: [], admin: true, timeZone: TZ }),
    () => meetingListCard({ meetings: [], admin: false, timeZone: TZ }),
  ],
};
