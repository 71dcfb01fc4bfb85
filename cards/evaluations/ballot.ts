import { ballotPages, cellField } from '../../src/domain/evaluations/ballot.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { SUGGESTION_FIELD } from '../../src/domain/evaluations/outreach.js';
import { TEXT_MAX } from '../../src/domain/opinions/opinion.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { button, card, div, fieldLabel, form, formButton, hr, input, noteText, select } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { stepBallotCard } from './ballot-steps.js';
import { formatDateTime } from './format.js';
import { ownResultsListElements } from './own-results.js';
import { emptyState } from '../../src/domain/evaluations/ballot-steps.js';

/**
 * Ballot cards (DESIGN §2.4). A direct message gets the stepped ballot (./ballot-steps.ts: grade
 * buttons, one person a page); a ballot posted into a visit's chat is one card shared by everyone, so it
 * stays a form (one select per subject × dimension, paged by ballotPages), as do pages of a form
 * ballot sent before the stepped one (a card stays clickable for 14 days). Labels: plain text only.
 */

const E = msg.evaluation;

export { formatDateTime };

interface BallotCardOpts {
  timeZone?: string;
  /** A refusal to show above the form (e.g. an incomplete page). */
  error?: Msg;
}

type BallotRound = Pick<RoundMeta, 'id' | 'title' | 'kind' | 'subjects' | 'dimensions' | 'scale' | 'closesAt' | 'visit'>;
const O = E.outreach;

/**
 * The ballot a voter is sent (round opened, reminder, re-send before day 14): the stepped card's first
 * page in a direct message, the shared form in a visit's chat. A later form page goes through formBallotCard.
 */
export function ballotCard(round: BallotRound, page = 0, prior = '', opts: BallotCardOpts = {}): Card {
  if (round.visit?.chatId || page !== 0 || prior !== '') return formBallotCard(round, page, prior, opts);
  return stepBallotCard(round, 0, emptyState(round), opts);
}

/**
 * One page of a form ballot. The submit button carries `prior`: the earlier pages' choices as one digit
 * per cell (from parseBallot), so they never wait in Redis next to the voter.
 */
export function formBallotCard(round: BallotRound, page: number, prior: string, opts: BallotCardOpts = {}): Card {
  const pages = ballotPages(round);
  const current = pages[page];
  if (!current) throw new RangeError(`ballot page ${page} of ${pages.length}`);
  const last = page === pages.length - 1;
  const fields: CardElement[] = [];
  let subject: string | undefined;
  for (const c of current.cells) {
    if (c.subject.key !== subject) {
      subject = c.subject.key;
      fields.push(div(c.subject.label, { text_size: 'heading' }));
    }
    fields.push(fieldLabel(c.dimension.label), select({
      name: cellField(c),
      placeholder: `${c.subject.label} · ${c.dimension.label}`,
      required: true,
      options: round.scale.map((g) => ({ label: `${c.dimension.label}：${g.label}`, value: g.key })),
    }));
  }
  // An outreach ballot ends with an optional suggestion, stored apart from the ballot as an anonymous opinion.
  if (last && round.kind === 'outreach') {
    fields.push(input({ name: SUGGESTION_FIELD, label: t(O.suggestion), maxLength: TEXT_MAX, multiline: true, rows: 3 }),
      noteText(t(O.suggestionNote)));
  }
  fields.push(formButton(t(last ? E.ballot.submit : E.ballot.next), { a: 'ev.vote', round: round.id, page, prior },
    { name: 'ev_submit', width: 'fill' }));
  const elements: CardElement[] = [
    div(t(E.ballot.intro)),
    noteText(t(E.ballot.anonymousMeans)),
    noteText(t(round.visit?.chatId ? O.groupIntro : E.ballot.final)),
    noteText(t(E.ballot.closesAt(formatDateTime(round.closesAt, opts.timeZone ?? 'Asia/Shanghai')))),
  ];
  if (page > 0) elements.push(noteText(t(E.ballot.earlierKept)));
  if (opts.error) elements.push(div(t(opts.error), { text_color: 'red' }));
  elements.push(form('ev_ballot', fields));
  return card({
    title: round.title,
    subtitle: pages.length > 1 ? `${t(E.kinds[round.kind])} · ${t(E.ballot.page(page + 1, pages.length))}` : t(E.kinds[round.kind]),
    template: 'indigo',
    summary: t(E.kinds[round.kind]),
    personal: true,
    elements,
  });
}

/**
 * Replaces the ballot once it is counted (direct messages only): thanks, without the choices; the
 * receipt code of a suggestion, when one was left (the code, never a link to the ballot).
 */
export function votedCard(round: Pick<RoundMeta, 'title' | 'kind'>, opts: { receiptCode?: string } = {}): Card {
  const elements: CardElement[] = [div(t(E.ballot.votedBody))];
  if (opts.receiptCode) elements.push(div(t(O.receipt(opts.receiptCode))));
  elements.push(noteText(t(E.ballot.votedNote)));
  return card({
    title: t(E.ballot.votedTitle), subtitle: `${t(E.kinds[round.kind])} · ${round.title}`, template: 'green', personal: true, elements,
  });
}

/** What a voter sees on `测评`: their open rounds, each with a button to open its ballot. */
export function openRoundsCard(
  rounds: readonly Pick<RoundMeta, 'id' | 'title' | 'kind' | 'closesAt'>[],
  opts: { timeZone?: string; ownResults?: readonly Pick<RoundMeta, 'id' | 'title' | 'kind'>[] } = {},
): Card {
  const elements: CardElement[] = [];
  if (rounds.length === 0) elements.push(div(t(E.list.noOpen)));
  for (const r of rounds.slice(0, 10)) {
    elements.push(div(r.title),
      noteText(`${t(E.kinds[r.kind])} · ${t(E.list.closesAt(formatDateTime(r.closesAt, opts.timeZone ?? 'Asia/Shanghai')))}`));
    elements.push(button(t(E.list.openBallot), { a: 'ev.ballot', round: r.id }, { type: 'primary' }));
  }
  // A leader's own results of the closed rounds they are a subject of (cards/evaluations/own-results.ts).
  const own = ownResultsListElements(opts.ownResults ?? []);
  if (own.length) elements.push(hr(), ...own);
  return card({ title: t(E.list.yourRounds), template: 'indigo', elements });
}

/** Patched onto a ballot re-sent before Lark's 14-day card limit: the new message is the one to use. */
export function ballotMovedCard(round: Pick<RoundMeta, 'title'>): Card {
  return card({ title: round.title, template: 'grey', elements: [div(t(E.ballot.moved))] });
}
