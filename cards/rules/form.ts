import { RULE_FORM, type RuleFormError } from '../../src/domain/rules/form.js';
import { RULE_KINDS, type Rule } from '../../src/domain/rules/rule.js';
import { t } from '../../src/messages/index.js';
import { button, card, clip, datePicker, fieldLabel, form, formButton, hr, input, multiSelect, select } from '../components.js';
import type { Card, CardElement } from '../types.js';
import type { FieldError } from '../form-values.js';
import { R } from './view.js';

/**
 * The rule form (create / edit), for admins. Options count toward Lark's 200 components and 30 KB: the
 * owner select lists the first 40 people the bot knows, the item select the 40 latest ledger items.
 */

const MAX_PEOPLE = 40;
const MAX_ITEMS = 40;

interface RuleFormView {
  rule?: Rule;
  people: readonly { openId: string; name: string; title?: string }[];
  /** Ledger items that may be linked (序号 order). */
  items: readonly { id: string; seq: number; problem: string }[];
  today: string;
}

export function ruleFormCard(v: RuleFormView): Card {
  const F = RULE_FORM;
  const f = R.fields;
  const r = v.rule;
  const people = v.people.slice(0, MAX_PEOPLE)
    .map((p) => ({ label: clip(p.title ? `${p.name}（${p.title}）` : p.name, 24), value: p.openId }));
  const items = v.items.slice(-MAX_ITEMS).map((i) => ({ label: clip(`#${i.seq} ${i.problem.replace(/\s+/g, ' ')}`, 30), value: i.id }));
  const known = new Set(people.map((p) => p.value));
  const itemIds = new Set(items.map((i) => i.value));
  const fields = [
    fieldLabel(t(f.kind)),
    select({ name: F.kind, placeholder: t(f.kind), required: true, initial: r?.kind ?? 'make',
      options: RULE_KINDS.map((k) => ({ label: `${t(R.kinds[k])}（${t(R.kindsLong[k])}）`, value: k })) }),
    input({ name: F.name, label: t(f.name), required: true, maxLength: 100, ...(r ? { defaultValue: r.name } : {}) }),
    fieldLabel(t(f.owner)),
    select({ name: F.owner, placeholder: t(R.form.pick), required: true, options: people,
      ...(r && known.has(r.owner) ? { initial: r.owner } : {}) }),
    fieldLabel(t(f.due)),
    datePicker({ name: F.due, placeholder: t(f.due), required: true, initialDate: r?.due ?? v.today }),
    fieldLabel(t(f.items)),
    multiSelect({ name: F.items, placeholder: t(f.items), options: items, selected: (r?.items ?? []).filter((i) => itemIds.has(i)) }),
    input({ name: F.opinions, label: t(f.opinionsHint), maxLength: 1000,
      ...(r?.opinions.length ? { defaultValue: r.opinions.join(' ') } : {}) }),
    formButton(t(R.form.save), { a: 'rl.save', ...(r ? { id: r.id } : {}) }, { name: 'rl_save', width: 'fill' }),
  ];
  const elements: CardElement[] = [form('rl_rule', fields)];
  if (r) elements.push(hr(), button(t(R.list.back), { a: 'rl.open', id: r.id }, { size: 'small' }));
  return card({ title: r ? `${t(R.form.editTitle)} #${r.seq}` : t(R.form.createTitle), template: 'turquoise', elements });
}

const FIELD: Record<RuleFormError, string> = {
  kind: RULE_FORM.kind, name: RULE_FORM.name, owner: RULE_FORM.owner, due: RULE_FORM.due, items: RULE_FORM.items,
  opinions: RULE_FORM.opinions,
};

/** Each rule-form error marked at its field (cards/form-values.ts). */
export const ruleFieldErrors = (errors: readonly RuleFormError[]): FieldError[] =>
  errors.map((e) => ({ field: FIELD[e], text: t(R.form.invalid[e]) }));
