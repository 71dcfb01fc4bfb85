import { shortDigest } from '../digest.js';

/**
 * A milestone's id: stable while its phase, date and name stay (moved or renamed, it is another milestone).
 * Apart from milestones.ts so that the campaign file's resolution (src/campaign.ts) can key people by it.
 */
export const milestoneId = (phaseKey: string, m: { date: string; name: string }) =>
  shortDigest(`${phaseKey}\u0000${m.date}\u0000${m.name}`, 12);
