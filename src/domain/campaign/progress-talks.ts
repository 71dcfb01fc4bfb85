import type { MeetingState, RecordState } from '../meetings/meeting.js';

/**
 * 谈心谈话 and 生活会 on the 进度 card and in the weekly digest (issue 16), pure: the rows the handler loads, cut by
 * audience. Everyone sees the counts — talks held / planned, meetings held / planned, records confirmed / in all; the
 * full view (admins, 督导组, the top leader) also the overdue talks named, a leader their own talks and their state; the
 * public view (members, any group) no name at all. A talk's private note is never an input here.
 */

export interface TalkRow {
  a: string;
  b: string;
  /** The parties' names ('' when the handler loads no names: the public view). */
  aName: string;
  bName: string;
  due: string;
  state: 'planned' | 'done';
  /** Still planned, and its due day is over. */
  overdue: boolean;
}

export interface MeetingRow {
  title: string;
  state: MeetingState;
  /** Each attendee's record, when one is kept (names '' for the public view). */
  records: { openId: string; name: string; state: RecordState }[];
}

export interface TalksProgress {
  talks: { done: number; planned: number; overdue: number };
  /** Held: ended; planned: every meeting the office made. */
  meetings: { held: number; planned: number };
  records: { confirmed: number; total: number };
  /** Full view: the overdue talks, both parties named; leader view: the caller's talks, the other party named; public: none. */
  named: { names: string[]; due: string; state: 'planned' | 'done'; overdue: boolean }[];
}

const byDue = (x: TalkRow, y: TalkRow) => x.due.localeCompare(y.due) || `${x.a}${x.b}`.localeCompare(`${y.a}${y.b}`);

/** The 进度 section; undefined while no talk and no meeting is planned. */
export function talksProgress(
  talks: readonly TalkRow[], meetings: readonly MeetingRow[], o: { audience: 'full' | 'leader' | 'public'; caller: string; named: number },
): TalksProgress | undefined {
  if (!talks.length && !meetings.length) return undefined;
  const records = meetings.flatMap((m) => m.records);
  const mine = talks.filter((t) => t.a === o.caller || t.b === o.caller)
    .sort((x, y) => Number(x.state === 'done') - Number(y.state === 'done') || byDue(x, y));
  const named = o.audience === 'full'
    ? talks.filter((t) => t.overdue).sort(byDue).map((t) => ({ names: [t.aName, t.bName], due: t.due, state: t.state, overdue: true }))
    : o.audience === 'leader'
      ? mine.map((t) => ({ names: [t.a === o.caller ? t.bName : t.aName], due: t.due, state: t.state, overdue: t.overdue }))
      : [];
  return {
    talks: { done: talks.filter((t) => t.state === 'done').length, planned: talks.length, overdue: talks.filter((t) => t.overdue).length },
    meetings: { held: meetings.filter((m) => m.state === 'ended').length, planned: meetings.length },
    records: { confirmed: records.filter((r) => r.state === 'confirmed').length, total: records.length },
    named: named.slice(0, o.named),
  };
}

export interface DigestTalks {
  /** Overdue talks, both parties named, by due day. */
  overdue: { a: string; b: string; due: string }[];
  /** Records kept at a meeting and not confirmed by their subject yet (waiting, or a correction asked). */
  unconfirmed: { title: string; name: string; state: RecordState }[];
}

/** The weekly digest's part (its readers, the top leader and the office, may see names). */
export function digestTalks(talks: readonly TalkRow[], meetings: readonly MeetingRow[]): DigestTalks {
  return {
    overdue: talks.filter((t) => t.overdue).sort(byDue).map((t) => ({ a: t.aName, b: t.bName, due: t.due })),
    unconfirmed: meetings.filter((m) => m.state !== 'planned').flatMap((m) => m.records.filter((r) => r.state !== 'confirmed')
      .map((r) => ({ title: m.title, name: r.name, state: r.state }))),
  };
}
