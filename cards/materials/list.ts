import type { KindKey } from '../../src/domain/materials/kinds.js';
import type { Material } from '../../src/domain/materials/material.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, clip, columns, div, hr, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { shortDay } from './common.js';

const M = msg.materials;
/** Lines per group: the card stays under Lark's element and size limits. */
export const GROUP_MAX = 25;

export type GroupKey = 'mine' | 'toReview' | 'all';

export interface MaterialListView {
  groups: readonly { key: GroupKey; materials: readonly Material[] }[];
  kindNames: Readonly<Record<KindKey, string>>;
  /** The office's buttons. */
  canCreate: boolean;
}

function line(m: Material, kindNames: MaterialListView['kindNames']): CardElement {
  const latest = m.versions.length ? t(M.versionShort(m.versions.length)) : t(M.fields.noVersion);
  const text = t(M.line(kindNames[m.kind], clip(m.title, 40), M.states[m.state], shortDay(m.due), latest));
  const open = button(t(M.buttons.open), { a: 'mt.open', id: m.id }, { size: 'small' });
  return columns([{ elements: [div(text)], weight: 4 }, { elements: [open], width: 'auto' }]);
}

/** `材料`: the caller's materials grouped as 我负责撰写 / 待我审阅 / 全部材料 (for those who read them all). */
export function materialListCard(v: MaterialListView): Card {
  const elements: CardElement[] = [noteText(t(M.list.intro))];
  const shown = v.groups.filter((g) => g.materials.length);
  for (const g of shown) {
    elements.push(hr(), div(`${t(M.list[g.key])}（${g.materials.length}）`));
    for (const m of g.materials.slice(0, GROUP_MAX)) elements.push(line(m, v.kindNames));
    if (g.materials.length > GROUP_MAX) elements.push(noteText(t(M.list.more(g.materials.length - GROUP_MAX))));
  }
  if (!shown.length) elements.push(div(t(M.list.empty)));
  if (v.canCreate) {
    elements.push(hr(), columns([
      [button(t(M.buttons.newMaterial), { a: 'mt.new' }, { type: 'primary' })],
      [button(t(M.buttons.selfChecks), { a: 'mt.selfChecks' }, {
        confirm: { title: t(M.buttons.selfChecks), text: t(M.form.intro) },
      })],
    ], 'flow'));
  }
  return card({ title: t(M.list.title), template: 'blue', personal: true, elements });
}
