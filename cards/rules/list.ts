import { RULE_FILTERS, type Rule, type RuleFilter } from '../../src/domain/rules/rule.js';
import { t } from '../../src/messages/index.js';
import { button, card, clip, columns, div, fieldLabel, form, formButton, hr, noteText, select } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { factsLine, R } from './view.js';

/** `制度`: one page of the register (序号 order) with the state filter. */

export const RULES_PAGE_SIZE = 10;

interface RulesListView {
  rules: readonly { rule: Rule; overdue: boolean }[];
  /** Rules matching the filter (all pages). */
  total: number;
  page: number;
  state: RuleFilter;
  names: Readonly<Record<string, string>>;
  /** The whole register with its filter (admins, supervisors, the top leader); else the adopted rules and one's own. */
  readsAll: boolean;
  canCreate: boolean;
  canExport: boolean;
  readOnlyNote?: boolean;
}

export function rulesListCard(v: RulesListView): Card {
  const elements: CardElement[] = [];
  if (v.readsAll) {
    elements.push(form('rl_filter', [columns([
      [fieldLabel(t(R.list.stateFilter)), select({ name: 'rl_f_state', placeholder: t(R.list.stateFilter), initial: v.state,
        options: RULE_FILTERS.map((f) => ({ label: t(f === 'all' || f === 'overdue' ? R.filters[f] : R.states[f]), value: f })) })],
      {
        elements: [formButton(t(R.list.filter), { a: 'rl.filter' }, { name: 'rl_filter_go', type: 'primary', size: 'small' })],
        width: 'auto',
      },
    ], 'flow')]));
  } else {
    elements.push(noteText(`${t(R.list.register)}；${t(R.list.mine)}`));
  }
  elements.push(noteText(t(R.list.counts(Math.min(v.rules.length, RULES_PAGE_SIZE), v.total))));
  if (!v.rules.length) elements.push(div(t(R.list.empty)));
  for (const { rule, overdue } of v.rules.slice(0, RULES_PAGE_SIZE)) {
    elements.push(hr(), columns([
      { elements: [div(`#${rule.seq} ${clip(rule.name, 60)}`), noteText(factsLine(rule, overdue, v.names))], weight: 4 },
      { elements: [button(t(R.list.open), { a: 'rl.open', id: rule.id }, { type: 'primary', size: 'small' })], weight: 1 },
    ]));
  }
  const nav: CardElement[] = [];
  const state = v.readsAll ? { state: v.state } : {};
  if (v.page > 0) nav.push(button(t(R.list.prev), { a: 'rl.list', page: v.page - 1, ...state }, { size: 'small' }));
  if ((v.page + 1) * RULES_PAGE_SIZE < v.total) {
    nav.push(button(t(R.list.next), { a: 'rl.list', page: v.page + 1, ...state }, { size: 'small' }));
  }
  if (nav.length) elements.push(hr(), columns(nav.map((b) => [b])));
  const tools: CardElement[] = [];
  if (v.canCreate) tools.push(button(t(R.list.create), { a: 'rl.new' }, { type: 'primary_filled' }));
  if (v.canExport) tools.push(button(t(R.list.export), { a: 'rl.export' }, { size: 'small' }));
  if (tools.length) elements.push(hr(), columns(tools.map((b) => [b]), 'flow'));
  if (v.readOnlyNote) elements.push(noteText(t(R.list.readOnly)));
  return card({ title: t(R.list.title), template: 'turquoise', elements });
}
