/**
 * 结束活动 (DESIGN §2.7–2.8): the gates that say why, the top leader's written override, the end record,
 * and when the purge of the campaign's data may run. Pure: the handler passes the stores' figures in.
 */
import { z } from 'zod';
import type { Campaign } from '../../campaign.js';
import { addDays, localParts } from '../calendar.js';
import type { LedgerStatus } from '../ledger/item.js';
import { milestonesOf, type MilestoneDone } from './milestones.js';
import { campaignWindow } from './window.js';
import { charCount } from '../text.js';

/** One reason the campaign may not end yet. Only `notOver` stands against the top leader's override. */
export type EndReason =
  | { kind: 'notOver'; until: string }
  | { kind: 'ledger'; seq: number; problem: string; status: Exclude<LedgerStatus, 'closed'> }
  | { kind: 'milestone'; name: string; date: string }
  | { kind: 'satisfaction'; title: string; verdict: 'continue' | 'insufficient' };

interface GateInput {
  campaign: Pick<Campaign, 'phases'>;
  /** Today in the campaign zone (`YYYY-MM-DD`). */
  today: string;
  ledger: readonly { seq: number; problem: string; status: LedgerStatus }[];
  milestonesDone: ReadonlyMap<string, MilestoneDone>;
  /** The latest closed satisfaction round with a verdict, if any. */
  satisfaction?: { title: string; verdict: 'met' | 'continue' | 'insufficient' };
}

/** Every reason against ending now, in the order the card lists them (empty: the campaign may end). */
export function endGates(input: GateInput): EndReason[] {
  const out: EndReason[] = [];
  const { until } = campaignWindow(input.campaign);
  if (until !== undefined && input.today <= until) out.push({ kind: 'notOver', until });
  for (const i of [...input.ledger].sort((a, b) => a.seq - b.seq)) {
    if (i.status !== 'closed') out.push({ kind: 'ledger', seq: i.seq, problem: i.problem, status: i.status });
  }
  for (const m of milestonesOf(input.campaign)) {
    if (!input.milestonesDone.has(m.id)) out.push({ kind: 'milestone', name: m.name, date: m.date });
  }
  const s = input.satisfaction;
  if (s && s.verdict !== 'met') out.push({ kind: 'satisfaction', title: s.title, verdict: s.verdict });
  return out;
}

/** Whether the top leader may end the campaign over these reasons (never before its last day has passed). */
export const canOverride = (reasons: readonly EndReason[]): boolean => !reasons.some((r) => r.kind === 'notOver');

export const OVERRIDE_FORM = { reason: 'ce_reason' };
export const OVERRIDE_REASON_MAX = 500;
export type OverrideError = 'empty' | 'long';

/** The override's written reason: required, ≤ 500 characters (Lark enforces `max_length` in the client only). */
export function parseOverrideForm(fv: Record<string, unknown>): { ok: true; reason: string } | { ok: false; error: OverrideError } {
  const v = fv[OVERRIDE_FORM.reason];
  const reason = typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '';
  if (!reason) return { ok: false, error: 'empty' };
  if (charCount(reason) > OVERRIDE_REASON_MAX) return { ok: false, error: 'long' };
  return { ok: true, reason };
}

/** The end of the campaign as stored: when, by whom, the override's reason; then the purge, when it ran. */
export const campaignEndSchema = z.strictObject({
  at: z.number().int(),
  by: z.string().min(1),
  override: z.string().max(OVERRIDE_REASON_MAX).optional(),
  purgedAt: z.number().int().optional(),
  purgedBy: z.string().min(1).optional(),
});
export type CampaignEnd = z.infer<typeof campaignEndSchema>;

/** The purge may run from this many days after the end (campaign clock). */
const PURGE_AFTER_DAYS = 30;

/** The first campaign-zone day the purge may run. */
export const purgeFrom = (end: Pick<CampaignEnd, 'at'>, timeZone: string): string =>
  addDays(localParts(end.at, timeZone).day, PURGE_AFTER_DAYS);

export const canPurge = (end: Pick<CampaignEnd, 'at'>, now: number, timeZone: string): boolean =>
  localParts(now, timeZone).day >= purgeFrom(end, timeZone);
