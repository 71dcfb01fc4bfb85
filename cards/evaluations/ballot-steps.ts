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

type Choose = (g: number) => Nav & { on: boolean };

/** One row of the round's grades as buttons (the chosen one filled), after an optional lead-in ("全部评为"). */
function gradeRow(round: StepRound, state: string, page: number, pick: Choose, lead?: string) {
  const cells: Parameters<typeof columns>[0] = round.scale.map((grade, g) => {
    const p = pick(g);
    return [stepButton(round, state, page, grade.label, { op: p.op, i: p.i, g: p.g }, p.on ? 'primary_filled' : 'default')];
  });
  if (lead) cells.unshift({ elements: [div(lead)], width: 'auto' });
  return columns(cells, round.scale.length <= 4 ? 'none' : 'flow');
}

function subjectPage(round: StepRound, state: string, page: Extract<StepPage, { kind: 'subject' }>, pages: StepPage[]): CardElement[] {
  const subject = round.subjects[page.subject];
  const els: CardElement[] = [div(subject.label, { text_size: 'heading' })];
  if (page.part === 0) {
    els.push(noteText(t(S.shortcut)), gradeRow(round, state, page.index, (g) => ({ op: 'all', i: page.subject, g, on: false }), t(S.all)));
  }
  for (const d of page.dims) {
    const cell = cellIndex(round, page.subject, d);
    const now = chosen(state, cell);
    els.push(div(t(S.row(round.dimensions[d].label, now === undefined ? undefined : round.scale[now].label)), { text_size: 'normal' }),
      gradeRow(round, state, page.index, (g) => ({ op: 'set', i: cell, g, on: now === g })));
  }
  const next = pages[page.index + 1];
  const forward = next.kind === 'summary' ? S.review : next.kind === 'subject' && next.subject === page.subject ? E.ballot.next : S.next;
  const nav: CardElement[][] = [];
  if (page.index > 0) nav.push([stepButton(round, state, page.index - 1, t(S.prev), {}, 'default')]);
  nav.push([stepButton(round, state, page.index + 1, t(forward), {}, 'primary')]);
  els.push(columns(nav));
  return els;
}

/** A person's choices in one line: the exceptions by name, then the grade of all the rest ("官僚主义：较好；其余：好"). */
function choiceLine(round: StepRound, state: string, s: number): string {
  const grades = round.dimensions.map((_, d) => chosen(state, cellIndex(round, s, d)));
  const count = (g: number | undefined) => grades.filter((x) => x === g).length;
  const common = grades.reduce((best, g) => (g !== undefined && count(g) > count(best) ? g : best), grades[0]);
  const label = (g: number | undefined) => (g === undefined ? t(E.ballot.pick) : round.scale[g].label);
  if (grades.every((g) => g === common)) return t(S.allSame(label(common)));
  const items = round.dimensions.map((dim, d) => ({ text: `${dim.label}：${label(grades[d])}`, g: grades[d] }));
  if (count(common) < 2) return items.map((x) => x.text).join('；');
  return [...items.filter((x) => x.g !== common).map((x) => x.text), t(S.rest(label(common)))].join('；');
}

function summaryPage(
  round: StepRound, state: string, page: Extract<StepPage, { kind: 'summary' }>, pages: StepPage[], outreach: boolean,
): CardElement[] {
  const els: CardElement[] = [div(t(S.summaryTitle), { text_size: 'heading' }), noteText(t(S.summaryNote))];
  for (const s of page.subjects) {
    const first = pages.find((p) => p.kind === 'subject' && p.subject === s)!;
    els.push(columns([
      { elements: [div(`${round.subjects[s].label}\n${choiceLine(round, state, s)}`)], weight: 4 },
      { elements: [button(t(S.edit), { a: 'ev.step', round: round.id, s: state, p: first.index }, { size: 'small' })], width: 'auto' },
    ]));
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
