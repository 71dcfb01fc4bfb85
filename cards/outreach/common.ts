import { localParts } from '../../src/domain/calendar.js';
import type { Link, LinkState } from '../../src/domain/outreach/link.js';
import { label, SOURCES } from '../../src/domain/opinions/opinion.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { shortDay } from '../materials/common.js';
import { noteText } from '../components.js';
import type { CardElement } from '../types.js';

const M = msg.outreach;

/** A link as the cards show it: the link, its state now, the attached round's title and the rater group's name. */
export interface LinkRow {
  link: Link;
  state: LinkState;
  roundTitle?: string;
  groupName: string;
}

/** The day a link is valid until (its end is the last moment of that day in the campaign zone). */
export const untilDay = (validUntil: number, timeZone: string): Msg => shortDay(localParts(validUntil, timeZone).day);

export const sourceName = (source: string) => label(SOURCES, source);

/** The first line of a link: whom, source group, day, state (plain text: the contact was typed by a person). */
export const linkTitle = (r: LinkRow) => t(M.list.line(r.link.contact, sourceName(r.link.source), shortDay(r.link.day), M.states[r.state]));

/** The link's details: valid until, entries of the cap, rater group, attached round. */
export function linkDetails(r: LinkRow, timeZone: string): CardElement {
  const round = r.roundTitle !== undefined ? t(M.list.round(r.roundTitle)) : t(M.list.noRound);
  return noteText(`${t(M.list.detail(untilDay(r.link.validUntil, timeZone), r.link.entries, r.link.cap, r.groupName))}\n${round}`);
}
