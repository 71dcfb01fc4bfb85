import { CHAIN_CHOICES, DUE_MODES, KIND_FORM, type ChainChoice, type DueMode } from '../../src/domain/materials/kind-edits.js';
import type { KindKey, MaterialKind } from '../../src/domain/materials/kinds.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { button, card, clip, columns, datePicker, div, fieldLabel, form, formButton, hr, noteText, select } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { shortDay } from './common.js';

const S = msg.materials.settings;
/** Milestones offered (the effective timeline's; far fewer in practice). */
const MAX_MILESTONES = 60;

export interface KindRow {
  key: KindKey;
  name: string;
  author: MaterialKind['author'];
  /** The chain as the card names it ("主要负责同志 → 督导组"), or empty: no review. */
  chainLabel: string;
  due: Msg;
  edited: boolean;
}

/** 材料 设置 (admins): each kind with who writes it, its chain and its due day, and 修改. */
export function materialKindsCard(v: { kinds: readonly KindRow[] }): Card {
  const rows = v.kinds.map((k): CardElement => columns([
    { elements: [div(t(S.kind(clip(k.name, 40), S.authors[k.author], k.chainLabel || t(S.noChain), k.due, k.edited)))], weight: 4 },
    { elements: [button(t(S.edit), { a: 'mk.edit', key: k.key }, { size: 'small' })], weight: 1 },
  ]));
  return card({
    title: t(S.title), subtitle: t(S.subtitle), template: 'blue', personal: true,
    elements: [noteText(t(S.intro)), hr(), ...rows, hr(), button(t(msg.materials.list.title), { a: 'mt.list' })],
  });
}

export interface MilestoneOption { id: string; name: string; date: string }

export interface KindFormView {
  kind: Pick<MaterialKind, 'key' | 'name'>;
  /** The current chain, when it is one of the choices. */
  chain?: ChainChoice;
  mode: DueMode;
  day?: string;
  /** The current milestone's id as the select names it. */
  milestone?: string;
  milestones: readonly MilestoneOption[];
  /** Materials not accepted yet due on the kind's current default, and that day. */
  moveCount: number;
  oldDue?: string;
}

function dueFields(v: KindFormView): CardElement[] {
  const milestones = v.milestones.slice(0, MAX_MILESTONES)
    .map((m) => ({ value: m.id, label: t(S.milestoneOption(shortDay(m.date), clip(m.name, 40))) }));
  const checker: CardElement = { tag: 'checker', name: KIND_FORM.move, checked: false, text: { tag: 'plain_text', content: t(S.move) } };
  return [
    fieldLabel(t(S.mode)),
    select({ name: KIND_FORM.mode, required: true, initial: v.mode,
      options: DUE_MODES.map((m) => ({ value: m, label: t(S.modes[m]) })) }),
    fieldLabel(t(S.day)),
    datePicker({ name: KIND_FORM.day, ...(v.day ? { initialDate: v.day } : {}) }),
    fieldLabel(t(S.milestone)),
    select({ name: KIND_FORM.milestone, options: milestones,
      ...(v.milestone && milestones.some((m) => m.value === v.milestone) ? { initial: v.milestone } : {}) }),
    checker,
    noteText(t(S.moveNote(v.moveCount, v.oldDue ? shortDay(v.oldDue) : undefined))),
  ];
}

/** One kind's form: its chain (existing materials keep theirs), its default due day, and moving the open materials. */
export function materialKindFormCard(v: KindFormView): Card {
  const chains = (Object.keys(CHAIN_CHOICES) as ChainChoice[]).map((c) => ({ value: c, label: t(S.chains[c]) }));
  return card({
    title: t(S.editTitle(clip(v.kind.name, 40))), template: 'blue', personal: true,
    elements: [
      form('mk_form', [
        fieldLabel(t(S.chain)),
        select({ name: KIND_FORM.chain, options: chains, required: true, ...(v.chain ? { initial: v.chain } : {}) }),
        noteText(t(S.keepChain)),
        ...(v.kind.key === 'selfCheck' ? [noteText(t(S.selfCheckNote))] : []),
        ...(v.kind.key === 'rule' ? [noteText(t(S.ruleNote))] : dueFields(v)),
        formButton(t(S.save), { a: 'mk.save', key: v.kind.key }, { name: 'mk_save_go', type: 'primary' }),
      ]),
      button(t(S.back), { a: 'mk.back' }),
    ],
  });
}
