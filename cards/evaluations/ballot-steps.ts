import {
  cellIndex, chosen, stepPages, UNSET, type StepPage,
} from '../../src/domain/evaluations/ballot-steps.js';
import type { RoundMeta } from '../../src/domain/evaluations/round.js';
import { SUGGESTION_FIELD } from '../../src/domain/evaluations/outreach.js';
import { TEXT_MAX } from '../../src/domain/opinions/opinion.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { button, card, columns, div, form, formButton, input, noteText } from '../components.js';
import type { ButtonElement, Card, CardElement } from '../types.js';
import { formatDateTime } from './format.js';

/**
 * The stepped ballot of a direct message (issue #14: a ballot that fits a phone). One person a page:
 * a "全部…" shortcut row, then per dimension its name with the current choice and one row of the
 * round's grade buttons (the chosen one filled), then 上一位 / 下一位; summary pages list every choice
 * with 修改 per person, and the last one holds the one final submit.
 *
 * Why buttons and not a form: a form's selects cost two taps a cell (open, choose) and show nothing
 * until submitted; a button row is one tap a cell and every tap answers with the updated card, so the
 * choice is visibly marked. Each button's callback value carries the choices so far (`s`), so they
 * stay in the voter's own chat (Lark holds them) and nothing is written until the final cast.
 * Why column_set: 2.0 has no inline button group; a column_set with `flex_mode: none` keeps up to four
 * short grades on one row at 390 px, `flow` wraps longer scales. Limits: see STEP_BUDGET.
 */

const E = msg.evaluation;
const S = E.steps;

type StepRound = Pick<RoundMeta, 'id' | 'title' | 'kind' | 'subjects' | 'dimensions' | 'scale' | 'closesAt'>;

interface StepCardOpts { timeZone?: string; error?: Msg }

type Nav = { op?: 'set' | 'all'; i?: number; g?: number };

function stepButton(round: StepRound, state: string, page: number, label: string, nav: Nav, type: ButtonElement['type']): ButtonElement {
  return button(label, { a: 'ev.step', round: round.id, s: state, p: page, ...nav }, { type, width: 'fill', size: 'medium' });
}

function gradeRow(round: StepRound, state: string, page: number, pick: (g: number) => Nav & { label: string; on: boolean }) {
  const cells = round.scale.map((_, g) => {
    const p = pick(g);
    return [stepButton(round, state, page, p.label, { op: p.op, i: p.i, g: p.g }, p.on ? 'primary_filled' : 'default')];
  });
  return columns(cells, round.scale.length <= 4 ? 'none' : 'flow');
}

function subjectPage(round: StepRound, state: string, page: Extract<StepPage, { kind: 'subject' }>, pages: StepPage[]): CardElement[] {
  const subject = round.subjects[page.subject];
  const els: CardElement[] = [div(subject.label, { text_size: 'heading' })];
  if (page.part === 0) {
    els.push(noteText(t(S.shortcut)),
      gradeRow(round, state, page.index, (g) => ({ label: t(S.all(round.scale[g].label)), op: 'all', i: page.subject, g, on: false })));
  }
  for (const d of page.dims) {
    const cell = cellIndex(round, page.subject, d);
    const now = chosen(state, cell);
    els.push(div(t(S.row(round.dimensions[d].label, now === undefined ? undefined : round.scale[now].label)), { text_size: 'normal' }),
      gradeRow(round, state, page.index, (g) => ({ label: round.scale[g].label, op: 'set', i: cell, g, on: now === g })));
  }
  const next = pages[page.index + 1];
  const forward = next.kind === 'summary' ? S.review : next.kind === 'subject' && next.subject === page.subject ? E.ballot.next : S.next;
  const nav: CardElement[][] = [];
  if (page.index > 0) nav.push([stepButton(round, state, page.index - 1, t(S.prev), {}, 'default')]);
  nav.push([stepButton(round, state, page.index + 1, t(forward), {}, 'primary')]);
  els.push(columns(nav));
  return els;
}

function summaryPage(
  round: StepRound, state: string, page: Extract<StepPage, { kind: 'summary' }>, pages: StepPage[], outreach: boolean,
): CardElement[] {
  const els: CardElement[] = [div(t(S.summaryTitle), { text_size: 'heading' }), noteText(t(S.summaryNote))];
  for (const s of page.subjects) {
    const lines = round.dimensions.map((d, di) => {
      const g = chosen(state, cellIndex(round, s, di));
      return `${d.label}：${g === undefined ? t(E.ballot.pick) : round.scale[g].label}`;
    });
    const first = pages.find((p) => p.kind === 'subject' && p.subject === s)!;
    els.push(div(`${round.subjects[s].label}\n${lines.join('\n')}`),
      button(t(S.edit), { a: 'ev.step', round: round.id, s: state, p: first.index }, { size: 'small' }));
  }
  const nav: CardElement[][] = [[stepButton(round, state, page.index - 1, t(S.prev), {}, 'default')]];
  if (page.part + 1 < page.parts) {
    nav.push([stepButton(round, state, page.index + 1, t(S.moreSummary), {}, 'primary')]);
    els.push(columns(nav));
    return els;
  }
  els.push(columns(nav));
  // Unreachable through applyStep (the summary needs every cell); a card still never offers an incomplete ballot.
  if (state.includes(UNSET)) {
    els.push(div(t(S.incomplete), { text_color: 'red' }));
    return els;
  }
  const fields: CardElement[] = [];
  if (outreach) {
    fields.push(input({ name: SUGGESTION_FIELD, label: t(E.outreach.suggestion), maxLength: TEXT_MAX, multiline: true, rows: 3 }),
      noteText(t(E.outreach.suggestionNote)));
  }
  fields.push(formButton(t(S.submit), { a: 'ev.cast', round: round.id, s: state }, { name: 'ev_cast', width: 'fill' }));
  els.push(form('ev_final', fields));
  return els;
}

/** One page of the stepped ballot for `state` (the choices so far). */
export function stepBallotCard(round: StepRound, page: number, state: string, opts: StepCardOpts = {}): Card {
  const pages = stepPages(round);
  const current = pages[page];
  if (!current) throw new RangeError(`ballot page ${page} of ${pages.length}`);
  const elements: CardElement[] = [];
  if (page === 0) elements.push(div(t(S.intro)), noteText(t(E.ballot.anonymousMeans)));
  if (opts.error) elements.push(div(t(opts.error), { text_color: 'red' }));
  const progress = current.kind === 'subject'
    ? t(S.person(current.subject + 1, round.subjects.length)) + (current.parts > 1 ? t(S.part(current.part + 1, current.parts)) : '')
    : current.parts > 1 ? t(S.summaryPart(current.part + 1, current.parts)) : t(S.summaryTitle);
  elements.push(...(current.kind === 'subject'
    ? subjectPage(round, state, current, pages)
    : summaryPage(round, state, current, pages, round.kind === 'outreach')));
  elements.push(noteText(`${t(E.ballot.final)} ${t(E.ballot.closesAt(formatDateTime(round.closesAt, opts.timeZone ?? 'Asia/Shanghai')))}`));
  return card({
    title: round.title,
    subtitle: `${t(E.kinds[round.kind])} · ${progress}`,
    template: 'indigo',
    summary: t(E.kinds[round.kind]),
    personal: true,
    elements,
  });
}
