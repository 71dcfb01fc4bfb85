import { cellKey, type Choices, type Labeled, type RoundMeta } from './round.js';

/**
 * Ballot pages (DESIGN §2.4). One select per subject × dimension cell; when the matrix would pass
 * Lark's card limits it is split into pages, and the earlier pages' choices travel in the next
 * page's button value (held by Lark in the voter's own chat), never in Redis next to the voter.
 */

type BallotRound = Pick<RoundMeta, 'subjects' | 'dimensions' | 'scale'>;

export interface Cell { index: number; subject: Labeled; dimension: Labeled }
interface BallotPage { index: number; cells: Cell[] }

/** Every cell, subject by subject; `index` is the cell's place in this order (field names and `prior` use it). */
export function cellsOf(round: Pick<RoundMeta, 'subjects' | 'dimensions'>): Cell[] {
  return round.subjects.flatMap((subject, s) =>
    round.dimensions.map((dimension, d) => ({ index: s * round.dimensions.length + d, subject, dimension })));
}

/** The form field of a cell on a ballot card (card-unique and short). */
export const cellField = (cell: Pick<Cell, 'index'>) => `c${cell.index}`;

/**
 * The card budget a page must fit, kept well below Lark's 200 components and 30 KB (cards/validate.ts).
 * The cost model matches cards/evaluation.ts: per cell a select, its placeholder and one plain_text per
 * grade; a div (2) heads each subject's run of cells on a page; the rest of the card is `fixed*`.
 */
export const BALLOT_BUDGET = { components: 150, bytes: 20_000, fixedComponents: 24, fixedBytes: 4_000 } as const;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function cellCost(round: BallotRound, c: Cell): { components: number; bytes: number } {
  const options = round.scale.reduce((n, g) => n + 70 + bytes(c.dimension.label) + bytes(g.label) + g.key.length, 0);
  // The select with its options, and the label line above it (a div with its text).
  return { components: 4 + round.scale.length, bytes: 250 + bytes(c.subject.label) + 2 * bytes(c.dimension.label) + options };
}

function headingCost(s: Labeled) {
  return { components: 2, bytes: 70 + bytes(s.label) };
}

/** Splits the cells into pages that fit BALLOT_BUDGET; a subject's cells stay together unless they alone overflow a page. */
export function ballotPages(round: BallotRound): BallotPage[] {
  const pages: Cell[][] = [];
  let page: Cell[] = [];
  let used = { components: BALLOT_BUDGET.fixedComponents, bytes: BALLOT_BUDGET.fixedBytes };
  const fits = (add: { components: number; bytes: number }) =>
    used.components + add.components <= BALLOT_BUDGET.components && used.bytes + add.bytes <= BALLOT_BUDGET.bytes;
  const flush = () => {
    if (page.length) pages.push(page);
    page = [];
    used = { components: BALLOT_BUDGET.fixedComponents, bytes: BALLOT_BUDGET.fixedBytes };
  };
  const cells = cellsOf(round);
  for (const subject of round.subjects) {
    const mine = cells.filter((c) => c.subject === subject);
    const whole = headingCost(subject);
    for (const c of mine) {
      const cost = cellCost(round, c);
      whole.components += cost.components;
      whole.bytes += cost.bytes;
    }
    if (!fits(whole)) flush();
    let headed = false;
    for (const c of mine) {
      const cost = cellCost(round, c);
      const add = headed ? cost : { components: cost.components + 2, bytes: cost.bytes + headingCost(subject).bytes };
      if (!fits(add)) {
        flush();
        headed = false;
      }
      if (!headed) {
        used.components += 2;
        used.bytes += headingCost(subject).bytes;
        headed = true;
      }
      used.components += cost.components;
      used.bytes += cost.bytes;
      page.push(c);
    }
  }
  flush();
  return pages.map((cells, index) => ({ index, cells }));
}

type BallotStep =
  | { kind: 'next'; page: number; prior: string }
  | { kind: 'complete'; choices: Choices }
  | { kind: 'invalid'; reason: 'page' | 'prior' | 'missing' | 'grade' };

/**
 * One page of a ballot submitted. `prior` holds the earlier pages' choices as one digit per cell
 * (the grade's index in the scale), in cell order; every cell of the page is required.
 * Returns the next page and its `prior`, or the complete ballot.
 */
export function parseBallot(round: BallotRound, page: number, formValue: unknown, prior: string): BallotStep {
  const pages = ballotPages(round);
  const current = pages[page];
  if (!Number.isInteger(page) || !current) return { kind: 'invalid', reason: 'page' };
  const before = pages.slice(0, page).reduce((n, p) => n + p.cells.length, 0);
  if (prior.length !== before || ![...prior].every((ch) => /^[0-9]$/.test(ch) && Number(ch) < round.scale.length)) {
    return { kind: 'invalid', reason: 'prior' };
  }
  const form =
    typeof formValue === 'object' && formValue !== null && !Array.isArray(formValue) ? (formValue as Record<string, unknown>) : {};
  let digits = prior;
  for (const c of current.cells) {
    const v = form[cellField(c)];
    if (v === undefined || v === null || v === '') return { kind: 'invalid', reason: 'missing' };
    const g = round.scale.findIndex((x) => x.key === v);
    if (g < 0) return { kind: 'invalid', reason: 'grade' };
    digits += String(g);
  }
  if (page + 1 < pages.length) return { kind: 'next', page: page + 1, prior: digits };
  const choices: Choices = {};
  for (const c of cellsOf(round)) choices[cellKey(c.subject.key, c.dimension.key)] = round.scale[Number(digits[c.index])].key;
  return { kind: 'complete', choices };
}
