import { localParts } from '../domain/calendar.js';
import type { Meeting } from '../domain/meetings/meeting.js';
import type { Talk } from '../domain/talks/talk.js';
import { msg } from '../messages/index.js';

/**
 * 谈心谈话 and 生活会 in the campaign's archive (src/reports/archive.ts). A talk is its two people, kind, due day, state
 * and — once held — the day and place: a private note is not part of a talk (src/store/talks.ts keeps it apart) and
 * nothing here says whether one exists. A meeting is its type, title, time, place, attendees, how it came to start
 * (preconditions met, or the top leader's override and its reason), the sign-ins and the report; each attendee's record
 * (self-criticism, criticism received, measures with the ledger items they became, whether confirmed) is a row of its own.
 */

type Cell = string | number;
interface Opts { nameOf: (openId: string) => string; timeZone: string; itemSeq: (itemId: string) => number | undefined;
  reportTitle: (materialId: string) => string | undefined }

export const TALK_COLUMNS = ['谈话人', '谈话对象', '类别', '完成时限', '状态', '谈话日期', '谈话地点'];
export const MEETING_COLUMNS = ['类型', '会议名称', '召开时间', '地点', '参会人员', '列席督导组成员', '状态', '会前条件', '签到', '未签到',
  '结束时间', '专题报告'];
export const MEETING_RECORD_COLUMNS = ['会议名称', '参会人员', '自我批评', '相互批评意见', '整改措施', '本人确认', '确认时间'];

const T = msg.talks;
const G = msg.meetings;

const when = (ms: number, timeZone: string) => {
  const p = localParts(ms, timeZone);
  return `${p.day} ${p.time}`;
};

/** By due day, then the pair's names: the order the office plans in. */
export function archiveTalkRows(talks: readonly Talk[], o: Pick<Opts, 'nameOf'>): Cell[][] {
  return [...talks].sort((x, y) => x.due.localeCompare(y.due) || x.createdAt - y.createdAt || x.id.localeCompare(y.id)).map((t) => [
    o.nameOf(t.a), o.nameOf(t.b), T.kinds[t.kind].zh, t.due, T.states[t.state].zh, t.done?.day ?? '', t.done?.place ?? '',
  ]);
}

const byStart = (meetings: readonly Meeting[]) => [...meetings].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));

function preconditions(m: Meeting, o: Opts): string {
  if (m.state === 'planned') return '会议尚未开始';
  if (!m.override) return '会前条件均已满足';
  const missing = m.override.missing.length ? `\n未满足的条件：${m.override.missing.join('；')}` : '';
  return `${o.nameOf(m.override.by)}于 ${when(m.override.at, o.timeZone)} 决定在条件未满足时开始会议，理由：${m.override.reason}${missing}`;
}

function signIns(m: Meeting, o: Opts): [string, string] {
  const signed = m.attendees.filter((u) => m.signIns[u]);
  const text = signed.map((u) => `${o.nameOf(u)} ${localParts(m.signIns[u]!.at, o.timeZone).time}${m.signIns[u]!.late ? '（迟到）' : ''}`);
  return [text.join('、'), m.attendees.filter((u) => !m.signIns[u]).map(o.nameOf).join('、')];
}

export function archiveMeetingRows(meetings: readonly Meeting[], o: Opts): Cell[][] {
  return byStart(meetings).map((m) => [
    G.types[m.type].zh, m.title, when(m.start, o.timeZone), m.place, m.attendees.map(o.nameOf).join('、'), m.invited.map(o.nameOf).join('、'),
    G.states[m.state].zh, preconditions(m, o), ...signIns(m, o), m.endedAt ? when(m.endedAt, o.timeZone) : '',
    m.report ? o.reportTitle(m.report) ?? '' : '',
  ]);
}

/** One row per attendee with a record, in the meeting's attendee order. */
export function archiveMeetingRecordRows(meetings: readonly Meeting[], o: Opts): Cell[][] {
  return byStart(meetings).flatMap((m) => m.attendees.flatMap((u): Cell[][] => {
    const r = m.records[u];
    if (!r) return [];
    const measures = r.measures.map((text, i) => {
      const id = r.items[String(i)];
      const seq = id ? o.itemSeq(id) : undefined;
      return `${i + 1}. ${text}${seq ? `（${G.card.measureItem(seq).zh}）` : ''}`;
    });
    const note = r.state === 'correction' && r.note ? `：${r.note}` : '';
    return [[m.title, o.nameOf(u), r.self, r.received, measures.join('\n'), `${G.recordStates[r.state].zh}${note}`,
      r.confirmedAt ? when(r.confirmedAt, o.timeZone) : '']];
  }));
}
