import type { MaterialState } from '../materials/material.js';
import type { MeetingType } from './meeting.js';

/**
 * What a meeting waits for before 开始会议 (DESIGN §2.10), pure. A 专题民主生活会 needs the 民主生活会方案 accepted and
 * each attendee's 对照检查材料 accepted; every meeting needs the talks (谈心谈话) among its attendees done. Each missing
 * thing is named: the attendee and the state of their material, the pair who have not talked and their due day.
 */
export type Missing =
  | { kind: 'plan' }
  | { kind: 'selfCheck'; openId: string; state: MaterialState | 'none' }
  | { kind: 'talk'; a: string; b: string; due: string };

export interface PreconditionInput {
  type: MeetingType;
  attendees: readonly string[];
  /** Whether a 民主生活会方案 (materials kind `meetingPlan`) is accepted. */
  planAccepted: boolean;
  /** Attendee → the state of their 对照检查材料 (absent: none made yet). */
  selfChecks: Readonly<Record<string, MaterialState>>;
  /** The talks not done yet among the attendees (handlers/meetings/talks-link.ts). */
  talksMissing: readonly { a: string; b: string; due: string }[];
}

export function missingPreconditions(p: PreconditionInput): Missing[] {
  const out: Missing[] = [];
  if (p.type === 'democratic') {
    if (!p.planAccepted) out.push({ kind: 'plan' });
    for (const u of p.attendees) {
      const state = p.selfChecks[u];
      if (state !== 'accepted') out.push({ kind: 'selfCheck', openId: u, state: state ?? 'none' });
    }
  }
  for (const t of p.talksMissing) out.push({ kind: 'talk', a: t.a, b: t.b, due: t.due });
  return out;
}
