import type { Campaign } from '../../campaign.js';
import { instantOf, type WorkCalendar } from '../calendar.js';

type Phase = Campaign['phases'][number];

/** When a phase is announced: its first working morning, 09:00 on the first working day from its start. */
const ANNOUNCE_TIME = '09:00';

interface PhaseAnnouncement {
  key: string;
  /** The phase's start day when it was planned: an announcement whose phase has moved since is stale. */
  start: string;
  at: number;
}

export function announceAt(phase: Pick<Phase, 'start'>, cal: WorkCalendar): number {
  const day = cal.isWorkday(phase.start) ? phase.start : cal.nextWorkday(phase.start);
  return cal.sendTime(instantOf(day, ANNOUNCE_TIME, cal.timeZone));
}

/**
 * The announcements still ahead at `now`. One planned at an earlier start stays in the queue and runs even
 * if the worker was down at its time; a service first started after a phase's announcing time does not
 * announce that beginning late.
 */
export function pendingAnnouncements(phases: readonly Phase[], cal: WorkCalendar, now: number): PhaseAnnouncement[] {
  return phases.map((p) => ({ key: p.key, start: p.start, at: announceAt(p, cal) })).filter((a) => a.at > now);
}

/** The phase an announcement is about, as the file says now; undefined when it was removed or moved. */
export function phaseOf(phases: readonly Phase[], key: string, start: string): (Phase & { index: number }) | undefined {
  const i = phases.findIndex((p) => p.key === key);
  return i >= 0 && phases[i]!.start === start ? { ...phases[i]!, index: i } : undefined;
}
