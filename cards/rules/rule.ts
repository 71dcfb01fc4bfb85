import { ISSUE_FORM } from '../../src/domain/rules/form.js';
import type { Rule, RuleAction } from '../../src/domain/rules/rule.js';
import type { MaterialState } from '../../src/domain/rules/transitions.js';
import { t, type Msg } from '../../src/messages/index.js';
import {
  button, card, clip, collapsible, columns, datePicker, div, fieldLabel, form, formButton, hr, input, noteText,
} from '../components.js';
import type { Card, CardElement } from '../types.js';
import { dayOfMs, factsLine, nameIn, R, shortDay, TEMPLATE } from './view.js';

/** One rule of the register: facts, linked items and opinions, the dates of each state, history, and the viewer's actions. */

const HISTORY_SHOWN = 20;

export interface RuleCardView {
  rule: Rule;
  overdue: boolean;
  names: Readonly<Record<string, string>>;
  /** What this viewer may do (src/domain/rules/rule.ts `may`): only those forms and buttons are drawn. */
  actions: readonly RuleAction[];
  timeZone: string;
  /** Where the draft material stands ('missing' when it cannot be found). */
  material: Exclude<MaterialState, undefined> | 'missing';
  /** The material's id when this viewer may open its card (mt.open re-checks on the server). */
  materialId?: string;
  /** The linked opinions that still exist, by category and day (never who wrote them, never a receipt code). */
  opinions: readonly { category: Msg; day: string }[];
  /** The linked ledger items that still exist (序号 and problem). */
  items: readonly { seq: number; problem: string }[];
  /** Today in the campaign zone (the 印发 date picker's default). */
  today: string;
  banner?: Msg;
  showBack?: boolean;
}

function historyLines(rule: Rule, names: Readonly<Record<string, string>>, tz: string): CardElement[] {
  const n = (id: string) => (id === 'system' ? t(R.history.system) : nameIn(names)(id));
  const shown = rule.history.slice(-HISTORY_SHOWN);
  const lines = shown.map((h) => noteText([shortDay(dayOfMs(h.at, tz)), n(h.by), t(R.history[h.what]),
    h.from && h.to ? `${t(R.states[h.from])} → ${t(R.states[h.to])}` : '', h.step ?? '',
    h.note ? clip(h.note.replace(/\s+/g, ' '), 60) : ''].filter(Boolean).join(' ')));
  if (rule.history.length > shown.length) lines.unshift(noteText(t(R.rule.moreHistory(rule.history.length - shown.length))));
  return lines;
}

function actionElements(v: RuleCardView): CardElement[] {
  const { rule } = v;
  const has = (a: RuleAction) => v.actions.includes(a);
  const A = R.actions;
  const out: CardElement[] = [];
  if (has('adopt') || has('abolish')) {
    const abolish = has('abolish');
    out.push(form('rl_issue', [
      fieldLabel(t(abolish ? A.abolishDay : A.issueDay)),
      datePicker({ name: ISSUE_FORM.day, placeholder: t(abolish ? A.abolishDay : A.issueDay), required: true, initialDate: v.today }),
      input({ name: ISSUE_FORM.docNo, label: t(A.docNo), maxLength: 60 }),
      input({ name: ISSUE_FORM.link, label: t(A.link), maxLength: 500 }),
      formButton(t(abolish ? A.abolish : A.issue), { a: 'rl.issue', id: rule.id },
        { name: 'rl_issue_go', type: abolish ? 'danger' : 'primary_filled' }),
    ]));
  }
  const buttons: CardElement[] = [];
  if (has('edit')) buttons.push(button(t(A.edit), { a: 'rl.edit', id: rule.id }, { width: 'fill' }));
  if (buttons.length) out.push(columns(buttons.map((b) => [b]), 'flow'));
  return out;
}

export function ruleCard(v: RuleCardView): Card {
  const { rule } = v;
  const F = R.fields;
  const elements: CardElement[] = [];
  if (v.banner) elements.push(div(t(v.banner), { text_color: v.overdue ? 'red' : 'default' }));
  elements.push(noteText(factsLine(rule, v.overdue, v.names)));
  const line = (label: Msg, value: string) => div(`${t(label)}：${value || t(F.none)}`);
  elements.push(line(F.items, v.items.map((i) => `#${i.seq} ${clip(i.problem.replace(/\s+/g, ' '), 40)}`).join('；')));
  // Opinions by category and day only: never their writer, never their receipt code.
  const gone = rule.opinions.length - v.opinions.length;
  const opinions = v.opinions.map((o) => t(R.rule.opinion(o.category, shortDay(o.day))));
  if (gone > 0) opinions.push(t(R.rule.opinionsGone(gone)));
  elements.push(line(F.opinions, opinions.join('；')));
  if (rule.docNo) elements.push(line(F.docNo, rule.docNo));
  if (rule.link) elements.push(line(F.link, rule.link));
  if (!rule.issuedOn) {
    elements.push(noteText(t(R.rule.materialState(v.material === 'missing' ? R.materialStates.missing : R.materialStates[v.material]))));
    if (rule.state === 'review' && v.material === 'returned') elements.push(div(t(R.rule.returned), { text_color: 'orange' }));
  }
  if (v.materialId) {
    elements.push(button(t(R.actions.openMaterial), { a: 'mt.open', id: v.materialId }, { size: 'small' }));
  }
  const since = (['drafting', 'review', 'adopted', 'abolished'] as const).filter((s) => rule.since[s] !== undefined)
    .map((s) => `${t(R.states[s])} ${shortDay(dayOfMs(rule.since[s]!, v.timeZone))}`);
  elements.push(noteText(`${t(F.since)}：${since.join(' → ')}`));
  elements.push(collapsible(`${t(F.history)}（${rule.history.length}）`, historyLines(rule, v.names, v.timeZone)));
  const actions = actionElements(v);
  if (actions.length) elements.push(hr(), noteText(t(R.rule.material)), ...actions);
  if (v.showBack) elements.push(hr(), button(t(R.list.back), { a: 'rl.list', page: 0 }, { size: 'small' }));
  return card({ title: clip(t(R.rule.title(rule.seq, rule.name)), 60), template: TEMPLATE[rule.state], elements });
}
