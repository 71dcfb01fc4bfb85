import type { GroupView } from '../../src/domain/evaluations/electorate.js';
import { DEFAULT_GROUP, type RoundMeta } from '../../src/domain/evaluations/round.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, columns, div, form, formButton, hr, noteText, select } from '../components.js';
import type { Card, CardElement } from '../types.js';

/**
 * The electorate of a round by rater group (issue #14): counts and names, a page of names at a time (a phone
 * screen, and the card's size limit), and while the round is a draft the admin's changes for this round only:
 * leave a group out or put it back, add or remove a known person. Names go into plain text, never markdown.
 */

const X = msg.evaluationAdmin.electorate;
/** Names per group on one page. */
export const NAMES_PER_PAGE = 40;
const MAX_PEOPLE_OPTIONS = 100;

interface ElectorateInput {
  round: Pick<RoundMeta, 'id' | 'title' | 'status' | 'k'>;
  groups: readonly GroupView[];
  nameOf: (openId: string) => string;
  page: number;
  /** People the admin may add (the people the bot knows). */
  people: readonly { openId: string; name: string }[];
  /** The campaign file has no rater groups: the members vote. */
  fromMembers: boolean;
}

export function electoratePages(groups: readonly GroupView[]): number {
  return Math.max(1, ...groups.map((g) => Math.ceil(g.people.length / NAMES_PER_PAGE)));
}

export function electorateCard(v: ElectorateInput): Card {
  const draft = v.round.status === 'draft';
  const pages = electoratePages(v.groups);
  const page = Math.min(v.page, pages - 1);
  const shown = v.groups.filter((g) => g.key !== DEFAULT_GROUP || g.people.length > 0);
  const total = shown.reduce((n, g) => n + g.people.length, 0);
  const elements: CardElement[] = [div(t(X.summary(total, shown.filter((g) => g.people.length).length)), { text_size: 'heading' })];
  if (v.fromMembers) elements.push(noteText(t(X.fromMembers)));
  for (const g of shown) {
    elements.push(hr());
    if (g.people.length === 0) elements.push(div(t(X.left(g.name))));
    else elements.push(div(t(X.group(g.name, g.people.length, g.weight)), { text_size: 'heading' }));
    if (g.people.length > 0 && g.people.length < v.round.k) elements.push(noteText(t(X.belowK(v.round.k))));
    const names = g.people.slice(page * NAMES_PER_PAGE, (page + 1) * NAMES_PER_PAGE).map(v.nameOf);
    if (names.length) elements.push(div(names.join('、')));
    const rest = g.people.length - (page + 1) * NAMES_PER_PAGE;
    if (rest > 0) elements.push(noteText(t(X.more(rest))));
    if (draft && g.key !== DEFAULT_GROUP) {
      const include = g.people.length === 0;
      elements.push(button(t(include ? X.putBack : X.leaveOut), { a: 'ev.votersGroup', round: v.round.id, group: g.key, include },
        { width: 'fill', ...(include ? {} : { type: 'danger' as const }) }));
    }
  }
  if (pages > 1) {
    const nav: CardElement[] = [];
    if (page > 0) nav.push(button(t(X.prev), { a: 'ev.voters', round: v.round.id, page: page - 1 }, { width: 'fill' }));
    if (page < pages - 1) nav.push(button(t(X.next), { a: 'ev.voters', round: v.round.id, page: page + 1 }, { width: 'fill' }));
    elements.push(hr(), noteText(t(X.page(page + 1, pages))), columns(nav.map((b) => [b]), 'flow'));
  }
  if (draft) {
    elements.push(hr(), form('ev_voter', [
      div(t(X.person)),
      select({ name: 'ev_person', placeholder: t(X.person), required: true,
        options: v.people.slice(0, MAX_PEOPLE_OPTIONS).map((p) => ({ label: p.name, value: p.openId })) }),
      div(t(X.personGroup)),
      select({ name: 'ev_vgroup', placeholder: t(X.personGroup),
        options: v.groups.map((g) => ({ label: g.name, value: g.key })) }),
      columns([[formButton(t(X.add), { a: 'ev.voter', round: v.round.id, op: 'add' }, { name: 'ev_voter_add', width: 'fill' })],
        [formButton(t(X.remove), { a: 'ev.voter', round: v.round.id, op: 'remove' },
          { name: 'ev_voter_remove', width: 'fill', type: 'danger' })]], 'flow'),
    ]));
  }
  elements.push(noteText(t(X.note)), button(t(msg.evaluation.list.back), { a: 'ev.list' }, { type: 'text' }));
  return card({ title: t(X.title), subtitle: v.round.title, template: 'indigo', elements });
}
