import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import { card, clip, div, hr, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';

const C = msg.campaign;

/** Milestones listed on the card; a phase with more points to 进度 for the rest (none has near as many). */
const MAX_MILESTONES = 20;

interface PhaseStartedView {
  campaignName: string;
  /** 0-based position of the phase in the campaign file. */
  index: number;
  phase: { name: string; start: string; end: string };
  milestones: { name: string; date: string }[];
  locale?: Locale;
}

/**
 * Posted in the announce chat on the first working morning of a phase (DESIGN §2.7): the phase, its dates,
 * and its milestones. Names come from the campaign file and are shown as plain text.
 */
export function phaseStartedCard({ campaignName, index, phase, milestones, locale = 'zh' }: PhaseStartedView): Card {
  const start = dayText(phase.start);
  const end = dayText(phase.end);
  const list: CardElement[] = milestones.length
    ? [
      div(t(C.milestonesHeading, locale)),
      ...[...milestones].sort((a, b) => a.date.localeCompare(b.date)).slice(0, MAX_MILESTONES)
        .map((x) => div(t(C.milestoneLine(dayText(x.date), clip(x.name, 100)), locale))),
    ]
    : [div(t(C.noMilestones, locale))];
  return card({
    title: t(C.phaseStarted(index, clip(phase.name, 50)), locale),
    subtitle: t(C.phaseDates(start, end), locale),
    template: 'red',
    summary: t(C.phaseStarted(index, phase.name), locale),
    elements: [div(t(C.phaseIntro(clip(campaignName, 60), start, end), locale)), hr(), ...list, hr(), noteText(t(C.phaseNote, locale))],
  });
}
