import { msg, t } from '../../src/messages/index.js';
import { LOOKBACK_REASON_MAX, type LookbackTally, type Outcome } from '../../src/domain/ledger/lookback.js';
import { button, card, clip, div, form, formButton, hr, input, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';

/** 回头看 cards: a responsible leader's re-check list, and the outcome summary for the office. */

const B = msg.lookback;
/** Items per re-check card: about 7 components each keeps a card far under the 200-component limit. */
export const LOOKBACK_PAGE_SIZE = 12;
const SUMMARY_ROWS = 25;

export interface LookbackCheckRow {
  id: string;
  seq: number;
  problem: string;
  owner: string;
  /** The owner's completion summary and the sign-off review, if any. */
  summary?: string;
  review?: string;
  outcome?: Outcome & { byName: string; day: string };
}

interface LookbackCheckView {
  lookbackId: string;
  rows: readonly LookbackCheckRow[];
  page: number;
  pages: number;
}

function rowElements(lookbackId: string, r: LookbackCheckRow, i: number): CardElement[] {
  const out: CardElement[] = [div(`#${r.seq} ${clip(r.problem.replace(/\s+/g, ' '), 200)}`, { text_size: 'normal' })];
  const facts = [`${t(msg.ledger.fields.owner)}：${r.owner}`, r.summary ? `${t(msg.ledger.fields.summary)}：${clip(r.summary, 200)}` : '',
    r.review ? `${t(msg.ledger.fields.review)}：${clip(r.review, 120)}` : ''].filter(Boolean).join('\n');
  out.push(noteText(facts));
  if (r.outcome) {
    out.push(div(r.outcome.result === 'holds'
      ? t(B.checkedHolds(r.outcome.byName, r.outcome.day))
      : `${t(B.checkedReopened(r.outcome.byName, r.outcome.day))}${clip(r.outcome.reason ?? '', LOOKBACK_REASON_MAX)}`));
    return out;
  }
  out.push(button(t(B.holds), { a: 'lb.holds', lb: lookbackId, id: r.id }, { type: 'primary', size: 'small' }));
  out.push(form(`lb_f${i}`, [
    input({ name: `lb_reason_${i}`, label: t(B.reasonLabel), maxLength: LOOKBACK_REASON_MAX, multiline: true, rows: 2 }),
    formButton(t(B.reopen), { a: 'lb.reopen', lb: lookbackId, id: r.id }, { name: `lb_go_${i}`, type: 'danger', size: 'small' }),
  ]));
  return out;
}

/** The re-check card of one responsible leader (one page of their items). Problem text is plain text. */
export function lookbackCheckCard(v: LookbackCheckView): Card {
  const elements: CardElement[] = [div(t(B.checkIntro))];
  if (v.pages > 1) elements.push(noteText(t(B.pageNote(v.page + 1, v.pages))));
  v.rows.slice(0, LOOKBACK_PAGE_SIZE).forEach((r, i) => elements.push(hr(), ...rowElements(v.lookbackId, r, i)));
  return card({ title: t(B.checkTitle), template: 'orange', elements, summary: t(B.checkTitle) });
}

/** A check card past its time: the leader's newer message holds the items still to check. */
export function lookbackMovedCard(): Card {
  return card({ title: t(B.checkTitle), template: 'grey', elements: [div(t(B.moved))], summary: t(B.checkTitle) });
}

/** The form field holding the reason of row `i` (the handler finds its own row by item id). */
export const reasonField = (i: number) => `lb_reason_${i}`;

interface LookbackSummaryView {
  lookbackId: string;
  startedBy: string;
  startedAt: string;
  tally: LookbackTally;
  reopened: readonly { seq: number; problem: string; leader: string; reason: string }[];
  pending: readonly { seq: number; problem: string; leader: string }[];
}

/** The outcome of a look-back: counts, the reopened items with their reasons, the ones still waiting. */
export function lookbackSummaryCard(v: LookbackSummaryView): Card {
  const { tally } = v;
  const elements: CardElement[] = [
    div(t(B.summaryCounts(tally.total, tally.holds, tally.reopened, tally.pending))),
    noteText(t(B.summaryStarted(v.startedBy, v.startedAt))),
  ];
  if (v.reopened.length) {
    elements.push(hr(), div(t(B.summaryReopened), { text_size: 'heading' }));
    for (const r of v.reopened.slice(0, SUMMARY_ROWS)) {
      elements.push(div(`#${r.seq} ${clip(r.problem.replace(/\s+/g, ' '), 60)}（${clip(r.leader, 20)}）：${clip(r.reason, 120)}`));
    }
    if (v.reopened.length > SUMMARY_ROWS) elements.push(noteText(t(B.more(v.reopened.length - SUMMARY_ROWS))));
  }
  if (v.pending.length) {
    elements.push(hr(), div(t(B.summaryPending), { text_size: 'heading' }));
    for (const r of v.pending.slice(0, SUMMARY_ROWS)) {
      elements.push(div(`#${r.seq} ${clip(r.problem.replace(/\s+/g, ' '), 60)}（${clip(r.leader, 20)}）`));
    }
    if (v.pending.length > SUMMARY_ROWS) elements.push(noteText(t(B.more(v.pending.length - SUMMARY_ROWS))));
  }
  if (tally.done) elements.push(hr(), noteText(t(B.summaryDone)));
  elements.push(button(t(msg.ledger.list.back), { a: 'lg.list', page: 0 }, { size: 'small' }));
  return card({ title: t(B.summaryTitle), template: tally.reopened ? 'orange' : 'green', elements, summary: t(B.summaryTitle) });
}
