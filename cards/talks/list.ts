import type { Talk } from '../../src/domain/talks/talk.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, columns, div, hr, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { pager, talkLine, type Names } from './common.js';

const M = msg.talks;
/** Lines per card (about 4 components and 300 bytes each): the caller's own up to MINE_MAX, then a page of all. */
export const MINE_MAX = 12;
export const ALL_PAGE = 12;

export interface TalkListView {
  viewer: string;
  mine: readonly Talk[];
  /** Everyone's talks, for the top leader and the office. */
  all?: readonly Talk[];
  names: Names;
  counts: { done: number; planned: number };
  /** The top leader and the office: 生成谈话安排 and the matrix. */
  canPlan: boolean;
  page?: number;
}

/** `谈心`: the caller's talks, and for the top leader and the office every talk, the plan and the matrix. */
export function talkListCard(v: TalkListView): Card {
  const elements: CardElement[] = [noteText(t(M.list.intro))];
  if (v.mine.length) {
    elements.push(hr(), div(`${t(M.list.mine)}（${v.mine.length}）`));
    for (const tk of v.mine.slice(0, MINE_MAX)) elements.push(talkLine(tk, v.names, v.viewer));
    if (v.mine.length > MINE_MAX) elements.push(noteText(t(M.list.more(v.mine.length - MINE_MAX))));
  }
  if (v.all?.length) {
    elements.push(hr(), div(`${t(M.list.all)}（${v.all.length}）`), noteText(t(M.list.counts(v.counts.done, v.counts.planned))));
    const pages = Math.ceil(v.all.length / ALL_PAGE);
    const page = Math.min(Math.max(0, v.page ?? 0), pages - 1);
    for (const tk of v.all.slice(page * ALL_PAGE, (page + 1) * ALL_PAGE)) elements.push(talkLine(tk, v.names));
    if (pages > 1) elements.push(pager(page, pages, (p) => ({ a: 'tk.list', page: p })));
  }
  if (!v.mine.length && !v.all?.length) elements.push(div(t(M.list.empty)));
  if (v.canPlan) {
    elements.push(hr(), columns([
      [button(t(M.buttons.plan), { a: 'tk.plan' }, { type: 'primary' })],
      [button(t(M.buttons.matrix), { a: 'tk.matrix' })],
    ], 'flow'));
  }
  return card({ title: t(M.list.title), template: 'blue', personal: true, elements });
}
