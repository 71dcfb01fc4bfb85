import { z } from 'zod';
import type { Campaign } from '../../campaign.js';
import { addDays } from '../calendar.js';
import { milestoneId } from './milestone-id.js';

export { milestoneId };

type FileMilestone = Campaign['phases'][number]['milestones'][number];

/** A milestone of the campaign file with its phase, under an id stable while its phase, date and name stay. */
export interface CampaignMilestone extends FileMilestone {
  id: string;
  phaseKey: string;
  phaseIndex: number;
  phaseName: string;
}

export const milestoneIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/);

/** Every milestone of the campaign, by date (then by phase order). */
export function milestonesOf(c: Pick<Campaign, 'phases'>): CampaignMilestone[] {
  return c.phases
    .flatMap((p, phaseIndex) => p.milestones.map((m) => ({
      ...m, id: milestoneId(p.key, m), phaseKey: p.key, phaseIndex, phaseName: p.name,
    })))
    .sort((a, b) => a.date.localeCompare(b.date) || a.phaseIndex - b.phaseIndex);
}

/** An admin's record that a milestone is done: when, by whom, and a note or an https link. */
export const milestoneDoneSchema = z.strictObject({
  at: z.number(),
  by: z.string().min(1),
  note: z.string().max(500).optional(),
  link: z.url({ protocol: /^https$/ }).max(1000).optional(),
});
export type MilestoneDone = z.infer<typeof milestoneDoneSchema>;

/** Days ahead within which an open milestone counts as due soon (the T−3 reminder). */
export const DUE_SOON_DAYS = 3;

export type MilestoneState = 'done' | 'upcoming' | 'dueSoon' | 'dueToday' | 'overdue';

/** Where a milestone stands on `today` (a campaign-zone day). */
export function milestoneState(m: Pick<FileMilestone, 'date'>, done: MilestoneDone | undefined, today: string): MilestoneState {
  if (done) return 'done';
  if (m.date < today) return 'overdue';
  if (m.date === today) return 'dueToday';
  return m.date <= addDays(today, DUE_SOON_DAYS) ? 'dueSoon' : 'upcoming';
}
