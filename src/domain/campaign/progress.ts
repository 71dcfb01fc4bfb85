import type { Campaign } from '../../campaign.js';
import type { Role } from '../commands.js';
import type { LedgerStatus } from '../ledger/item.js';
import type { LookbackTally } from '../ledger/lookback.js';
import { countByState, type RuleState } from '../rules/rule.js';
import { materialsProgress, type MaterialRow, type MaterialsProgress } from './progress-materials.js';
import { milestonesOf, milestoneState, type MilestoneDone, type MilestoneState } from './milestones.js';
import { talksProgress, type MeetingRow, type TalkRow, type TalksProgress } from './progress-talks.js';

/**
 * The 进度 dashboard (DESIGN §2.7) as data: what the stores hold, cut to what the reader may see. Pure: the
 * handler loads, this decides, cards/campaign/progress.ts draws. Admins, supervisors and the top leader see
 * everything; a leader the campaign figures and their own items; anyone else (and any card in a group) the
 * phase, milestones and counts with no person's name.
 */
export type ProgressAudience = 'full' | 'leader' | 'public';

export function audienceOf(roles: readonly Role[], inGroup: boolean): ProgressAudience {
  if (inGroup) return 'public';
  if (roles.some((r) => r === 'admin' || r === 'supervisor' || r === 'topLeader')) return 'full';
  return roles.includes('leader') ? 'leader' : 'public';
}

/** The milestones shown: open overdue ones first, then the next ones from today, three in all. */
const MILESTONES_SHOWN = 3;
/** Items named in the overdue list (full view) or the leader's own list. */
const ITEMS_NAMED = 10;

export interface ProgressInput {
  campaign: Pick<Campaign, 'name' | 'phases'>;
  today: string;
  audience: ProgressAudience;
  caller: string;
  milestonesDone: ReadonlyMap<string, MilestoneDone>;
  /** By source group: received (`count`) and handled (no longer 已收到). */
  opinions: { total: number; handled: number; bySource: { label: string; count: number; handled: number }[] };
  evaluation?: { title: string; voted: number; electorate: number };
  satisfaction?: { title: string; verdict: 'met' | 'continue' | 'insufficient' };
  study: { label: string; attendance: number }[];
  ledger: { seq: number; problem: string; status: LedgerStatus; overdue: boolean; owner: string; leader: string; ownerName: string }[];
  lookback?: LookbackTally;
  /** Whether the ledger's items are public (the 整改方案 is accepted, or the board is not gated: DESIGN §2.9). */
  ledgerPublic: boolean;
  /** The 建章立制 register: each rule's state and whether it is overdue (no name: the card shows counts only). */
  rules: { state: RuleState; overdue: boolean }[];
  /** Materials for review (材料报审); the handler loads none for the public view (./progress-materials.ts). */
  materials: readonly MaterialRow[];
  /** 谈心谈话 (never a note) and 生活会; names '' for the public view (./progress-talks.ts). */
  talks?: readonly TalkRow[];
  meetings?: readonly MeetingRow[];
}

interface PhaseNow {
  where: 'before' | 'in' | 'between' | 'after' | 'none';
  /** The current phase (in), the next one (before, between), or the last one (after). */
  phase?: { index: number; name: string; start: string; end: string };
  /** Days until the phase ends (in) or begins (before, between). */
  days?: number;
}

export interface ProgressView {
  audience: ProgressAudience;
  campaignName: string;
  phase: PhaseNow;
  milestones: { id: string; name: string; date: string; phaseName: string; state: MilestoneState; owner?: string }[];
  opinions: ProgressInput['opinions'];
  evaluation?: ProgressInput['evaluation'];
  satisfaction?: ProgressInput['satisfaction'];
  study: ProgressInput['study'];
  ledgerCounts: Record<LedgerStatus, number> & { overdue: number };
  /** Full view: the overdue items with their owners; leader view: the caller's own items; public: none. */
  items: { seq: number; problem: string; status: LedgerStatus; overdue: boolean; ownerName?: string }[];
  lookback?: LookbackTally;
  /** Public view before the 整改方案 is accepted: no ledger figure at all (counts zero, no items, no 回头看), only "整改方案审定后公示". */
  ledgerGated: boolean;
  /** The 建章立制 register by state; `overdue` only in the full and leader views (the public view: counts by state). */
  rules: Record<RuleState, number> & { overdue?: number };
  /** 材料报审: all of them (full), the caller's own and those waiting for their review (leader); none in the public view. */
  materials?: MaterialsProgress;
  /** 谈心谈话 and 生活会: counts for all; the overdue talks named (full) or the caller's own talks (leader). */
  talks?: TalksProgress;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const between = (from: string, to: string) => Math.round(dayNumber(to) - dayNumber(from));

export function phaseNow(phases: Campaign['phases'], today: string): PhaseNow {
  if (!phases.length) return { where: 'none' };
  const indexed = phases.map((p, index) => ({ index, name: p.name, start: p.start, end: p.end }))
    .sort((a, b) => a.start.localeCompare(b.start));
  const current = indexed.find((p) => p.start <= today && today <= p.end);
  if (current) return { where: 'in', phase: current, days: between(today, current.end) };
  const next = indexed.find((p) => p.start > today);
  if (next) return { where: next === indexed[0] ? 'before' : 'between', phase: next, days: between(today, next.start) };
  return { where: 'after', phase: indexed.at(-1) };
}

export function progressView(input: ProgressInput): ProgressView {
  const { audience, today } = input;
  const all = milestonesOf(input.campaign).map((m) => ({ m, state: milestoneState(m, input.milestonesDone.get(m.id), today) }));
  const overdue = all.filter((x) => x.state === 'overdue');
  const ahead = all.filter((x) => x.m.date >= today);
  const milestones = [...overdue, ...ahead].slice(0, MILESTONES_SHOWN).map(({ m, state }) => ({
    id: m.id, name: m.name, date: m.date, phaseName: m.phaseName, state,
  }));
  const ledgerCounts = { draft: 0, active: 0, review: 0, closed: 0, overdue: 0 };
  // The public view says nothing of the ledger until its items are public (the board's gate); private views are unchanged.
  const ledgerGated = audience === 'public' && !input.ledgerPublic;
  const ledger = ledgerGated ? [] : input.ledger;
  for (const i of ledger) {
    ledgerCounts[i.status]++;
    if (i.overdue) ledgerCounts.overdue++;
  }
  const mine = (i: ProgressInput['ledger'][number]) => i.status !== 'draft' && (i.leader === input.caller || i.owner === input.caller);
  const named = audience === 'full' ? ledger.filter((i) => i.overdue) : audience === 'leader' ? ledger.filter(mine) : [];
  return {
    audience,
    campaignName: input.campaign.name,
    phase: phaseNow(input.campaign.phases, today),
    milestones,
    opinions: input.opinions,
    evaluation: input.evaluation,
    satisfaction: input.satisfaction,
    study: input.study,
    ledgerCounts,
    items: named.sort((a, b) => a.seq - b.seq).slice(0, ITEMS_NAMED).map((i) => ({
      seq: i.seq, problem: i.problem, status: i.status, overdue: i.overdue,
      ...(audience === 'full' ? { ownerName: i.ownerName } : {}),
    })),
    lookback: ledgerGated ? undefined : input.lookback,
    ledgerGated,
    materials: materialsProgress(input.materials, { audience, caller: input.caller, today, named: ITEMS_NAMED }),
    talks: talksProgress(input.talks ?? [], input.meetings ?? [], { audience, caller: input.caller, named: ITEMS_NAMED }),
    rules: {
      ...countByState(input.rules),
      ...(audience === 'public' ? {} : { overdue: input.rules.filter((r) => r.overdue).length }),
    },
  };
}
