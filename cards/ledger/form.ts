import { ACTION_FORM, ITEM_FORM, NO_ROUND, formatMilestones, textOf, type ItemFormError } from '../../src/domain/ledger/form.js';
import { SOURCE_KINDS, WINDS, type LedgerItem } from '../../src/domain/ledger/item.js';
import { msg, t } from '../../src/messages/index.js';
import {
  button, card, clip, datePicker, div, fieldLabel, form, formButton, hr, input, multiSelect, noteText, select,
} from '../components.js';
import type { Card, CardElement } from '../types.js';
import type { FieldError } from '../form-values.js';

/** Admin cards of the ledger: the item form (create / edit) and the "set new deadlines" card after a reopen. */

const L = msg.ledger;
/**
 * Options per select: every option counts toward Lark's 200 components and the 30 KB, so the owner
 * and co-owner selects list the first 40 people the bot knows (leaders and admins first), the
 * leader select the first 20 leaders and admins, the round selects the 10 latest rounds.
 */
const MAX_PEOPLE = 40;
const MAX_LEADERS = 20;
const MAX_ROUNDS = 10;

interface LedgerFormView {
  /** The item being edited; a new item otherwise. */
  item?: LedgerItem;
  /** People the bot knows (owners and co-owners are chosen among them), leaders and admins first. */
  people: readonly { openId: string; name: string; title?: string }[];
  /** Who may be the responsible leader (leaders and admins); defaults to `people`. */
  leaders?: readonly { openId: string; name: string; title?: string }[];
  /** Evaluation rounds that may be the source or be linked (satisfaction rounds first). */
  rounds: readonly { id: string; title: string }[];
  errors?: readonly ItemFormError[];
}

export function ledgerFormCard(v: LedgerFormView): Card {
  const F = ITEM_FORM;
  const f = L.fields;
  const it = v.item;
  const option = (p: { openId: string; name: string; title?: string }) =>
    ({ label: clip(p.title ? `${p.name}（${p.title}）` : p.name, 24), value: p.openId });
  const people = v.people.slice(0, MAX_PEOPLE).map(option);
  const leaders = (v.leaders ?? v.people).slice(0, MAX_LEADERS).map(option);
  const known = new Set(people.map((p) => p.value));
  const knownLeaders = new Set(leaders.map((p) => p.value));
  const rounds = v.rounds.slice(0, MAX_ROUNDS).map((r) => ({ label: clip(r.title, 30), value: r.id }));
  const roundIds = new Set(rounds.map((r) => r.value));
  // An opinion source is set by turning an opinion into an item (意见处理), never chosen here.
  const kinds = SOURCE_KINDS.filter((k) => (k !== 'opinion' && k !== 'meeting') || it?.source.kind === k);
  const text = (name: string, label: string, value: string | undefined, required = false) =>
    input({ name, label, required, multiline: true, rows: 2, maxLength: 1000, ...(value ? { defaultValue: value } : {}) });
  const fields: CardElement[] = [
    text(F.problem, t(f.problem), it?.problem, true),
    fieldLabel(t(f.source)),
    select({ name: F.source, placeholder: t(f.source), required: true, initial: it?.source.kind ?? 'self',
      options: kinds.map((k) => ({ label: t(L.sources[k]), value: k })) }),
    fieldLabel(t(f.sourceRef)),
    select({ name: F.sourceRound, placeholder: t(f.sourceRef),
      initial: it?.source.kind === 'evaluation' && it.source.ref && roundIds.has(it.source.ref) ? it.source.ref : NO_ROUND,
      options: [{ label: t(f.none), value: NO_ROUND }, ...rounds] }),
    fieldLabel(t(f.wind)),
    select({ name: F.wind, placeholder: t(f.wind), required: true, initial: it?.wind ?? 'formalism',
      options: WINDS.map((w) => ({ label: t(L.winds[w]), value: w })) }),
    text(F.goal, t(f.goal), it?.goal),
    text(F.measures, t(f.measures), it?.measures),
    div(t(f.owner)),
    select({ name: F.owner, placeholder: t(L.form.pick), required: true, options: people,
      ...(it && known.has(it.owner) ? { initial: it.owner } : {}) }),
    div(t(f.leader)),
    select({ name: F.leader, placeholder: t(L.form.pick), required: true, options: leaders,
      ...(it && knownLeaders.has(it.leader) ? { initial: it.leader } : {}) }),
    div(t(f.coOwners)),
    multiSelect({ name: F.coOwners, placeholder: t(f.coOwners), options: people,
      selected: (it?.coOwners ?? []).filter((x) => known.has(x)) }),
    div(t(f.deadline)),
    datePicker({ name: F.deadline, placeholder: t(f.deadline), ...(it?.deadline ? { initialDate: it.deadline } : {}) }),
    text(F.milestones, t(f.milestones), it ? formatMilestones(it.milestones) : undefined),
    text(F.commitment, t(f.commitment), it?.commitment),
  ];
  if (rounds.length) {
    fields.push(div(t(f.linkedRounds)), multiSelect({ name: F.rounds, placeholder: t(f.linkedRounds), options: rounds,
      selected: (it?.linkedRounds ?? []).filter((r) => roundIds.has(r)) }));
  }
  fields.push(formButton(t(L.form.save), { a: 'lg.save', ...(it ? { id: it.id } : {}) }, { name: 'lg_save', width: 'fill' }));
  const elements: CardElement[] = [];
  if (v.errors?.length) elements.push(...v.errors.map((e) => div(t(L.form.invalid[e]), { text_color: 'red' })));
  elements.push(form('lg_item', fields), noteText(t(L.form.savedDraft)));
  if (it) elements.push(hr(), button(t(L.list.back), { a: 'lg.open', id: it.id }, { size: 'small' }));
  return card({ title: it ? `${t(L.form.editTitle)} #${it.seq}` : t(L.form.createTitle), template: 'orange', elements });
}

const ITEM_FIELD: Record<Exclude<ItemFormError, 'text'>, string> = {
  problem: ITEM_FORM.problem, source: ITEM_FORM.source, wind: ITEM_FORM.wind, owner: ITEM_FORM.owner, leader: ITEM_FORM.leader,
  coOwners: ITEM_FORM.coOwners, deadline: ITEM_FORM.deadline, milestones: ITEM_FORM.milestones, rounds: ITEM_FORM.rounds,
};

/** Each item-form error marked at its field; "too long" at every text field that is (cards/form-values.ts). */
export function itemFieldErrors(errors: readonly ItemFormError[], formValue: unknown): FieldError[] {
  const fv = typeof formValue === 'object' && formValue !== null ? (formValue as Record<string, unknown>) : {};
  const F = ITEM_FORM;
  return errors.flatMap((e) => {
    const text = t(L.form.invalid[e]);
    if (e !== 'text') return [{ field: ITEM_FIELD[e], text }];
    return [F.goal, F.measures, F.milestones, F.commitment].filter((f) => textOf(fv[f]) === undefined).map((field) => ({ field, text }));
  });
}

/** After a reopen (回头看, low satisfaction): one small form per item to set its new deadline (the ladder starts then). */
export function ledgerDeadlinesCard(v: { items: readonly LedgerItem[]; names: Readonly<Record<string, string>>; reason?: string }): Card {
  const shown = v.items.slice(0, 12);
  const elements: CardElement[] = [div(t(L.banners.needsDeadline))];
  if (v.reason) elements.push(noteText(clip(v.reason, 200)));
  for (const [i, item] of shown.entries()) {
    elements.push(hr(), div(`#${item.seq} ${clip(item.problem.replace(/\s+/g, ' '), 80)}`),
      noteText(`${t(L.fields.owner)}：${v.names[item.owner] ?? item.owner} · ${t(L.fields.leader)}：${v.names[item.leader] ?? item.leader}`),
      form(`lg_dl_${i}`, [
        fieldLabel(t(L.fields.deadline)),
        datePicker({ name: `${ACTION_FORM.deadlineDay}_${i}`, placeholder: t(L.actions.deadline), required: true }),
        formButton(t(L.actions.deadline), { a: 'lg.deadline', id: item.id }, { name: `lg_dl_go_${i}`, type: 'primary' }),
      ]));
  }
  if (v.items.length > shown.length) {
    elements.push(hr(), button(t(L.list.open), { a: 'lg.list', page: 0, status: 'needsDeadline' }, { size: 'small' }));
  }
  return card({ title: t(L.flags.needsDeadline), template: 'red', elements });
}
