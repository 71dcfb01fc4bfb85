import { cellsOf } from './ballot.js';
import { cellKey, type Choices, type RoundMeta } from './round.js';

/**
 * The stepped ballot of a direct message (DESIGN §2.4, issue #14): one person a page, a row of grade
 * buttons per dimension, a "全部评为 …" shortcut per person, then summary pages before the one,
 * final submit. Pure.
 *
 * The choices so far travel as `state` in every button's callback value (held by Lark in the voter's
 * own chat): one character per cell in cellsOf order, the grade's index in the scale or `-` when not
 * chosen yet. Nothing is written anywhere until the final cast, which writes the choices once through
 * the ballot script (never next to the voter).
 */

type StepRound = Pick<RoundMeta, 'subjects' | 'dimensions' | 'scale'>;

export const UNSET = '-';

/** A person's page (or part of it, when one person's rows do not fit one card), or a summary page. */
export type StepPage =
  | { kind: 'subject'; index: number; subject: number; dims: number[]; part: number; parts: number }
  | { kind: 'summary'; index: number; subjects: number[]; part: number; parts: number };

/**
 * What a card may hold. Lark's limits are 200 components and 30 KB (cards/validate.ts CARD_LIMITS); we
 * page well below them (the request body escapes the card JSON once more). The cost model mirrors
 * cards/evaluations/ballot-steps.ts; test/cards/evaluations/ballot-steps.test.ts checks the largest
 * round the app allows (30 people × 10 dimensions × 7 grades, 60-character labels) against the limits.
 */
export const STEP_BUDGET = { components: 170, bytes: 22_000, fixedComponents: 30, fixedBytes: 5_000 } as const;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
interface Cost { c: number; b: number }

/** One grade button in its column: column + button + text; the value carries the whole state. */
const buttonCost = (round: StepRound, label: string): Cost => ({ c: 3, b: 340 + cellCount(round) + bytes(label) });
const gradesRow = (round: StepRound): Cost => round.scale.reduce(
  (n, g) => { const x = buttonCost(round, g.label); return { c: n.c + x.c, b: n.b + x.b }; }, { c: 3, b: 200 });
const maxGrade = (round: StepRound) => Math.max(...round.scale.map((g) => bytes(g.label)));

function subjectFixed(round: StepRound, s: number): Cost {
  const row = gradesRow(round);
  const nav = buttonCost(round, '下一位');
  return {
    // The shortcut row leads with "全部评为" in a column of its own (column, div, text).
    c: STEP_BUDGET.fixedComponents + row.c + 4 + 2 * nav.c,
    b: STEP_BUDGET.fixedBytes + bytes(round.subjects[s].label) + row.b + 400 + 2 * nav.b,
  };
}

function dimensionRow(round: StepRound, d: number): Cost {
  const row = gradesRow(round);
  return { c: row.c + 2, b: row.b + 150 + bytes(round.dimensions[d].label) + maxGrade(round) };
}

function summaryFixed(round: StepRound): Cost {
  const nav = buttonCost(round, '上一位');
  return { c: STEP_BUDGET.fixedComponents + 2 * nav.c + 8, b: STEP_BUDGET.fixedBytes + 2 * nav.b + 1_500 + cellCount(round) };
}

function summaryRow(round: StepRound, s: number): Cost {
  const lines = round.dimensions.reduce((n, d) => n + bytes(d.label) + maxGrade(round) + 12, 0);
  const edit = buttonCost(round, '修改');
  // A column_set: the text (column, div, text) beside the 修改 button (column, button, text).
  return { c: 4 + edit.c, b: 350 + bytes(round.subjects[s].label) + lines + edit.b };
}

/** Packs items greedily into runs that fit the budget after `fixed` (at least one item a run). */
function pack(items: number[], fixed: Cost, cost: (i: number) => Cost): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let used = { ...fixed };
  for (const i of items) {
    const x = cost(i);
    if (run.length && (used.c + x.c > STEP_BUDGET.components || used.b + x.b > STEP_BUDGET.bytes)) {
      runs.push(run);
      run = [];
      used = { ...fixed };
    }
    run.push(i);
    used = { c: used.c + x.c, b: used.b + x.b };
  }
  if (run.length) runs.push(run);
  return runs;
}

export const cellCount = (round: Pick<StepRound, 'subjects' | 'dimensions'>) => round.subjects.length * round.dimensions.length;

/** Every page of the stepped ballot: each person's rows, then the summary. */
export function stepPages(round: StepRound): StepPage[] {
  const pages: StepPage[] = [];
  const dims = round.dimensions.map((_, d) => d);
  round.subjects.forEach((_, s) => {
    const runs = pack(dims, subjectFixed(round, s), (d) => dimensionRow(round, d));
    runs.forEach((run, part) => pages.push({ kind: 'subject', index: pages.length, subject: s, dims: run, part, parts: runs.length }));
  });
  const runs = pack(round.subjects.map((_, s) => s), summaryFixed(round), (s) => summaryRow(round, s));
  runs.forEach((run, part) => pages.push({ kind: 'summary', index: pages.length, subjects: run, part, parts: runs.length }));
  return pages;
}

export const emptyState = (round: StepRound) => UNSET.repeat(cellCount(round));

/** A cell's place in the state string. */
export const cellIndex = (round: Pick<StepRound, 'dimensions'>, subject: number, dimension: number) =>
  subject * round.dimensions.length + dimension;

/** The grade index chosen for a cell, or undefined. */
export function chosen(state: string, cell: number): number | undefined {
  const ch = state[cell];
  return ch === undefined || ch === UNSET ? undefined : Number(ch);
}

export function validState(round: StepRound, state: string): boolean {
  const grade = (ch: string) => /^[0-9]$/.test(ch) && Number(ch) < round.scale.length;
  return state.length === cellCount(round) && [...state].every((ch) => ch === UNSET || grade(ch));
}

/** A click on the stepped ballot: choose one cell, choose a grade for all of a person's cells, or just go to page `p`. */
export interface Step { state: string; page: number; op?: 'set' | 'all'; i?: number; g?: number }

type StepResult =
  | { ok: true; state: string; page: number }
  | { ok: false; reason: 'state' | 'page' | 'cell' | 'grade' }
  /** Moving on before every earlier person is rated: the first page that needs a choice. */
  | { ok: false; reason: 'missing'; page: number };

/** Applies a click. Going forward needs every cell of the pages before the target; going back never does. */
export function applyStep(round: StepRound, step: Step): StepResult {
  if (!validState(round, step.state)) return { ok: false, reason: 'state' };
  const pages = stepPages(round);
  const target = pages[step.page];
  if (!Number.isInteger(step.page) || !target) return { ok: false, reason: 'page' };
  const cells = [...step.state];
  if (step.op !== undefined) {
    const g = step.g;
    if (g === undefined || !Number.isInteger(g) || g < 0 || g >= round.scale.length) return { ok: false, reason: 'grade' };
    const i = step.i ?? -1;
    if (step.op === 'set') {
      if (!Number.isInteger(i) || i < 0 || i >= cells.length) return { ok: false, reason: 'cell' };
      cells[i] = String(g);
    } else {
      if (!Number.isInteger(i) || i < 0 || i >= round.subjects.length) return { ok: false, reason: 'cell' };
      round.dimensions.forEach((_, d) => { cells[cellIndex(round, i, d)] = String(g); });
    }
  }
  const state = cells.join('');
  for (const p of pages.slice(0, step.page)) {
    if (p.kind === 'subject' && p.dims.some((d) => chosen(state, cellIndex(round, p.subject, d)) === undefined)) {
      return { ok: false, reason: 'missing', page: p.index };
    }
  }
  return { ok: true, state, page: step.page };
}

/** The complete ballot of a state, or undefined when a cell is not chosen or the state is not this round's. */
export function choicesOf(round: StepRound, state: string): Choices | undefined {
  if (!validState(round, state) || state.includes(UNSET)) return undefined;
  const choices: Choices = {};
  for (const c of cellsOf(round)) choices[cellKey(c.subject.key, c.dimension.key)] = round.scale[Number(state[c.index])].key;
  return choices;
}
