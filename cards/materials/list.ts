import type { KindKey } from '../../src/domain/materials/kinds.js';
import type { Material } from '../../src/domain/materials/material.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, clip, columns, div, hr, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { shortDay } from './common.js';

const M = msg.materials;
/**
 * Lines per card: the caller's own and those waiting for them (at most OWN_MAX each), then a page of 全部材料 with
 * what is left of LINE_BUDGET (at least ALL_MIN). A line is about 7 components and 500 bytes, so the card stays under
 * Lark's 200 components and 30 KB whatever the campaign holds.
 */
export const LINE_BUDGET = 22;
export const OWN_MAX = 8;
const ALL_MIN = 6;

export type GroupKey = 'mine' | 'toReview' | 'all';

export interface MaterialListView {
  groups: readonly { key: GroupKey; materials: readonly Material[] }[];
  kindNames: Readonly<Record<KindKey, string>>;
  /** The office's buttons. */
  canCreate: boolean;
  /** The page of 全部材料 shown (0-based). */
  page?: number;
}

/** How many lines of 全部材料 a page holds, after the caller's own groups took theirs. */
export function allPageSize(groups: MaterialListView['groups']): number {
  const own = groups.filter((g) => g.key !== 'all').reduce((n, g) => n + Math.min(g.materials.length, OWN_MAX), 0);
  return Math.max(ALL_MIN, LINE_BUDGET - own);
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
  const size = allPageSize(v.groups);
  for (const g of shown) {
    elements.push(hr(), div(`${t(M.list[g.key])}（${g.materials.length}）`));
    if (g.key !== 'all') {
      for (const m of g.materials.slice(0, OWN_MAX)) elements.push(line(m, v.kindNames));
      if (g.materials.length > OWN_MAX) elements.push(noteText(t(M.list.more(g.materials.length - OWN_MAX))));
      continue;
    }
    const pages = Math.ceil(g.materials.length / size);
    const page = Math.min(Math.max(0, v.page ?? 0), pages - 1);
    for (const m of g.materials.slice(page * size, (page + 1) * size)) elements.push(line(m, v.kindNames));
    if (pages > 1) elements.push(pager(page, pages));
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

function pager(page: number, pages: number): CardElement {
  const cols = [
    ...(page > 0 ? [[button(t(M.list.prev), { a: 'mt.list', page: page - 1 }, { size: 'small' })]] : []),
    [noteText(t(M.list.page(page + 1, pages)))],
    ...(page + 1 < pages ? [[button(t(M.list.next), { a: 'mt.list', page: page + 1 }, { size: 'small' })]] : []),
  ];
  return columns(cols, 'flow');
}
