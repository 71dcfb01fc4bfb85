import type { Campaign } from '../../campaign.js';
import { addDays, DAY_MS } from '../calendar.js';
import type { LedgerItem } from '../ledger/item.js';
import { milestonesOf, milestoneState, type MilestoneDone } from './milestones.js';
import { digestMaterials, type DigestMaterialLine, type MaterialRow } from './progress-materials.js';
import { digestTalks, type DigestTalks, type MeetingRow, type TalkRow } from './progress-talks.js';

/**
 * The weekly digest to the top leader and the office (DESIGN §2.7), as data: what falls due this week, what
 * is overdue (named), materials for review overdue, returned or due this week (its readers see every material),
 * the overdue talks and the meeting records not confirmed by their subject, what changed in the last seven days, and
 * the turnout and study trend. Pure.
 */
interface DigestInput {
  campaign: Pick<Campaign, 'phases'>;
  /** The Monday the digest is for (a campaign-zone day). */
  monday: string;
  now: number;
  ledger: (Pick<LedgerItem, 'seq' | 'problem' | 'status' | 'deadline' | 'history' | 'owner'> & { overdue: boolean; ownerName: string })[];
  milestonesDone: ReadonlyMap<string, MilestoneDone>;
  opinions: { thisWeek: number; lastWeek: number; total: number; handled: number };
  evaluation?: { title: string; voted: number; electorate: number };
  study: { label: string; attendance: number }[];
  materials: readonly MaterialRow[];
  /** 谈心谈话 (never a note) and 生活会, with names. */
  talks?: readonly TalkRow[];
  meetings?: readonly MeetingRow[];
}

interface DigestLine { label: string; date?: string; who?: string }

export interface DigestView {
  monday: string;
  sunday: string;
  due: DigestLine[];
  overdue: DigestLine[];
  changes: { started: number; submitted: number; closed: number; reopened: number; milestonesDone: number };
  opinions: DigestInput['opinions'];
  evaluation?: DigestInput['evaluation'];
  study: DigestInput['study'];
  /** 材料报审: overdue, then returned for revision, then due this week. */
  materials: DigestMaterialLine[];
  /** Overdue talks and unconfirmed meeting records. */
  talks: DigestTalks;
}

/** Lines per list on the card; the rest is counted. */
export const DIGEST_LINES = 15;

export function weeklyDigest(input: DigestInput): DigestView {
  const { monday } = input;
  const sunday = addDays(monday, 6);
  const since = input.now - 7 * DAY_MS;
  const milestones = milestonesOf(input.campaign).map((m) => ({ m, done: input.milestonesDone.get(m.id) }));
  const openItems = input.ledger.filter((i) => i.status === 'active');
  const due: DigestLine[] = [
    ...milestones.filter(({ m, done }) => !done && m.date >= monday && m.date <= sunday).map(({ m }) => ({ label: m.name, date: m.date })),
    ...openItems.filter((i) => i.deadline && i.deadline >= monday && i.deadline <= sunday && !i.overdue)
      .map((i) => ({ label: `${i.seq}. ${i.problem}`, date: i.deadline, who: i.ownerName })),
  ].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const overdue: DigestLine[] = [
    ...milestones.filter(({ m, done }) => milestoneState(m, done, monday) === 'overdue').map(({ m }) => ({ label: m.name, date: m.date })),
    ...openItems.filter((i) => i.overdue).map((i) => ({ label: `${i.seq}. ${i.problem}`, date: i.deadline, who: i.ownerName })),
  ];
  const recent = input.ledger.flatMap((i) => i.history.filter((h) => h.at > since && h.at <= input.now));
  const count = (what: string) => recent.filter((h) => h.what === what).length;
  return {
    monday, sunday, due, overdue,
    changes: {
      started: count('activate'), submitted: count('submit'), closed: count('close'), reopened: count('reopen'),
      milestonesDone: [...input.milestonesDone.values()].filter((d) => d.at > since && d.at <= input.now).length,
    },
    opinions: input.opinions, evaluation: input.evaluation, study: input.study,
    materials: digestMaterials(input.materials, monday, sunday),
    talks: digestTalks(input.talks ?? [], input.meetings ?? []),
  };
}
