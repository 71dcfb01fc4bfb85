import { NO_BASELINE, ROUND_FORM, type RoundFormError } from '../../src/domain/evaluations/form.js';
import { paperField, paperPages, type PaperPage } from '../../src/domain/evaluations/paper.js';
import { FORM_KINDS, K_DEFAULT, type Labeled, type RoundMeta } from '../../src/domain/evaluations/round.js';
import { msg, t } from '../../src/messages/index.js';
import {
  button, card, columns, datePicker, div, fieldLabel, form, formButton, hr, input, multiSelect, noteText, select,
} from '../components.js';
import { formatDateTime } from './ballot.js';
import type { Card, CardElement } from '../types.js';

/** Admin cards for evaluation rounds: create, list (with turnout as a number), paper tallies. */

const E = msg.evaluation;
const TZ = 'Asia/Shanghai';

interface RoundAdminInput {
  /** 领导班子 + each leader (subjectOptions). */
  subjects: readonly Labeled[];
  /** Closed rounds offered as the baseline. */
  baselines: readonly Pick<RoundMeta, 'id' | 'title' | 'kind'>[];
  /** Problems of a refused submit, shown above the form. */
  errors?: readonly RoundFormError[];
  campaignName?: string;
}

/** The form that creates a round (draft): title, kind, mode, close day, baseline, k, subjects. */
export function roundAdminCard(v: RoundAdminInput): Card {
  const A = E.admin;
  const fields: CardElement[] = [
    input({ name: ROUND_FORM.title, label: t(A.name), placeholder: t(A.namePlaceholder), required: true, maxLength: 100 }),
    fieldLabel(t(A.kind)),
    select({ name: ROUND_FORM.kind, placeholder: t(A.kind), required: true, initial: 'democratic',
      options: FORM_KINDS.map((k) => ({ label: t(E.kinds[k]), value: k })) }),
    fieldLabel(t(A.mode)),
    select({ name: ROUND_FORM.mode, placeholder: t(A.mode), required: true, initial: 'electronic',
      options: [{ label: t(E.modes.electronic), value: 'electronic' }, { label: t(E.modes.paper), value: 'paper' }] }),
    div(t(A.closes)),
    datePicker({ name: ROUND_FORM.closes, placeholder: t(A.closes), required: true }),
    fieldLabel(t(A.baseline)),
    select({ name: ROUND_FORM.baseline, placeholder: t(A.baseline), initial: NO_BASELINE,
      options: [
        { label: t(A.baselineNone), value: NO_BASELINE },
        ...[...new Map(v.baselines.map((b) => [b.id, b])).values()].slice(0, 20)
          .map((b) => ({ label: `${b.title}（${t(E.kinds[b.kind])}）`, value: b.id })),
      ] }),
    input({ name: ROUND_FORM.k, label: t(A.k), defaultValue: String(K_DEFAULT), maxLength: 4 }),
    noteText(t(A.kNote)),
    multiSelect({ name: ROUND_FORM.subjects, placeholder: t(A.subjects), required: true, selected: v.subjects.map((s) => s.key),
      options: v.subjects.map((s) => ({ label: s.label, value: s.key })) }),
    formButton(t(A.create), { a: 'ev.create' }, { name: 'ev_create', width: 'fill' }),
  ];
  const elements: CardElement[] = [];
  if (v.errors?.length) elements.push(...v.errors.map((e) => div(t(A.invalid[e]), { text_color: 'red' })));
  elements.push(form('ev_new', fields), noteText(t(A.createdNote)));
  return card({ title: t(A.title), ...(v.campaignName ? { subtitle: v.campaignName } : {}), template: 'indigo', elements });
}

interface Turnout { voted: number; electorate: number }
interface ListOpts {
  timeZone?: string;
  max?: number;
  /** Per round not yet started: the electorate by rater group (names and counts), said in the start confirmation. */
  groups?: Readonly<Record<string, readonly { name: string; n: number }[]>>;
}

/** Rounds, newest first, with turnout as numbers (never names) and the actions that fit each status. */
export function roundsListCard(rounds: readonly RoundMeta[], turnout: Readonly<Record<string, Turnout>>, opts: ListOpts = {}): Card {
  const L = E.list;
  const C = msg.evaluationAdmin.confirm;
  const max = opts.max ?? 8;
  const elements: CardElement[] = [];
  if (rounds.length === 0) elements.push(div(t(L.empty)));
  for (const r of rounds.slice(0, max)) {
    const tu = turnout[r.id] ?? { voted: 0, electorate: 0 };
    const facts = [t(E.kinds[r.kind]), r.paper ? t(L.paperTag) : undefined, t(E.statuses[r.status]),
      !r.paper ? t(L.turnout(tu.voted, tu.electorate)) : undefined,
      !r.paper && r.status !== 'closed' ? t(L.closesAt(formatDateTime(r.closesAt, opts.timeZone ?? TZ))) : undefined];
    elements.push(div(r.title, { text_size: 'heading' }), noteText(facts.filter(Boolean).join(' · ')));
    const buttons: CardElement[] = [];
    const finishOpts = { confirm: { title: t(L.closeConfirmTitle), text: t(L.closeConfirmText) }, width: 'fill' as const };
    if (r.paper && r.status !== 'closed') {
      buttons.push(button(t(L.paper), { a: 'ev.paper', round: r.id, page: 0 }, { type: 'primary', width: 'fill' }));
      buttons.push(button(t(L.finishPaper), { a: 'ev.close', round: r.id }, finishOpts));
    } else if (r.status === 'draft') {
      const groups = (opts.groups?.[r.id] ?? []).filter((g) => g.n > 0);
      const small = groups.filter((g) => g.n < r.k).map((g) => g.name);
      const text = `${small.length ? t(C.small(small, r.k)) : ''}${t(C.start(tu.electorate, groups.map((g) => t(C.part(g.name, g.n)))))}`;
      buttons.push(button(t(L.start), { a: 'ev.open', round: r.id, n: tu.electorate },
        { type: 'primary', width: 'fill', confirm: { title: t(C.startTitle), text } }));
    } else if (r.status === 'open') {
      buttons.push(button(t(L.remind), { a: 'ev.remind', round: r.id }, { width: 'fill' }));
      buttons.push(button(t(L.close), { a: 'ev.close', round: r.id },
        { confirm: { title: t(C.closeTitle), text: t(C.close(tu.voted, tu.electorate)) }, width: 'fill', type: 'danger' }));
    } else {
      buttons.push(button(t(L.results), { a: 'ev.results', round: r.id }, { type: 'primary', width: 'fill' }));
    }
    if (!r.paper && r.kind === 'satisfaction' && r.status !== 'closed') {
      buttons.push(button(t(msg.evaluationAdmin.channels.paperButton), { a: 'ev.paper', round: r.id, page: 0 }, { width: 'fill' }));
    }
    if (!r.paper && !r.visit?.chatId) {
      buttons.push(button(t(msg.evaluationAdmin.electorate.open), { a: 'ev.voters', round: r.id, page: 0 }, { width: 'fill' }));
    }
    elements.push(columns(buttons.map((b) => [b]), 'flow'));
  }
  if (rounds.length > max) elements.push(noteText(t(L.more(rounds.length - max))));
  elements.push(hr(), noteText(t(L.remindNote)), columns([[button(t(L.create), { a: 'ev.new' }, { type: 'primary_filled' })],
    [button(t(E.outreach.newButton), { a: 'ev.outreachNew' }, { type: 'primary' })]], 'flow'));
  return card({ title: t(L.title), template: 'indigo', elements });
}

/** Whether a card is the rounds list (the live card patched as ballots arrive: handlers/evaluations/live.ts). */
export function showsRoundsList(c: Card): boolean {
  return c.header?.title?.content === t(E.list.title) && c.header?.template === 'indigo';
}

interface PaperTallyOpts {
  /** Inputs refused on the last submit (parsePaperPage's `bad`). */
  bad?: readonly { cell: { index: number }; group: string }[];
  mismatch?: boolean;
  /** Third-party paper tallies of an electronic satisfaction round (its channel `paper`), not a paper round's own. */
  channel?: boolean;
}

/** One page of a paper round's tallies: per cell one input per rater group ("12 5 3 0"), validated server-side. */
export function paperTallyCard(
  round: Pick<RoundMeta, 'id' | 'title' | 'subjects' | 'dimensions' | 'scale' | 'groups'>, page: number, opts: PaperTallyOpts = {},
): Card {
  const P = E.paper;
  const pages: PaperPage[] = paperPages(round);
  const current = pages[page];
  if (!current) throw new RangeError(`paper page ${page} of ${pages.length}`);
  const grades = round.scale.map((g) => g.label).join(' ');
  const fields: CardElement[] = [];
  for (const c of current.cells) {
    fields.push(div(`${c.subject.label} · ${c.dimension.label}`, { text_size: 'heading' }));
    round.groups.forEach((g, gi) =>
      fields.push(input({ name: paperField(c.index, gi), label: g.name, placeholder: grades, maxLength: 60 })));
  }
  const last = page === pages.length - 1;
  fields.push(formButton(t(last ? P.save : P.saveNext), { a: 'ev.paperSave', round: round.id, page },
    { name: 'ev_paper_save', width: 'fill' }));
  const elements: CardElement[] = [
    ...(opts.channel ? [noteText(t(msg.evaluationAdmin.channels.paperNote))] : []), noteText(t(P.help(grades))),
  ];
  if (opts.mismatch) elements.push(div(t(P.mismatch), { text_color: 'red' }));
  if (opts.bad?.length) {
    const names = opts.bad.slice(0, 10).map((b) => {
      const c = current.cells.find((x) => x.index === b.cell.index);
      const g = round.groups.find((x) => x.key === b.group);
      return c && g ? `${c.subject.label} · ${c.dimension.label} · ${g.name}` : '';
    }).filter(Boolean);
    elements.push(div(`${t(P.bad)}${names.join('；')}`, { text_color: 'red' }));
  }
  elements.push(form('ev_paper', fields), button(t(E.list.back), { a: 'ev.list' }, { type: 'text' }));
  return card({
    title: t(opts.channel ? msg.evaluationAdmin.channels.paperTitle : P.title),
    subtitle: pages.length > 1 ? `${round.title} · ${t(E.ballot.page(page + 1, pages.length))}` : round.title,
    template: 'indigo',
    elements,
  });
}
