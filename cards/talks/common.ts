import type { Talk } from '../../src/domain/talks/talk.js';
import { msg, t } from '../../src/messages/index.js';
import { shortDay } from '../materials/common.js';
import { button, clip, columns, div, noteText } from '../components.js';
import type { CardElement } from '../types.js';

const M = msg.talks;

export type Names = Readonly<Record<string, string>>;
export const nameOf = (names: Names, openId: string) => clip(names[openId] ?? openId, 20);

/** One talk as a line with its 查看 button: "与某某" for a party, "甲 与 乙" for a reader of all. */
export function talkLine(tk: Talk, names: Names, viewer?: string): CardElement {
  const text = viewer && (tk.a === viewer || tk.b === viewer)
    ? t(M.list.line(nameOf(names, tk.a === viewer ? tk.b : tk.a), M.states[tk.state], shortDay(tk.due)))
    : t(M.list.pairLine(nameOf(names, tk.a), nameOf(names, tk.b), M.states[tk.state], shortDay(tk.due)));
  const open = button(t(M.buttons.open), { a: 'tk.open', id: tk.id }, { size: 'small' });
  return columns([{ elements: [div(text)], weight: 4 }, { elements: [open], width: 'auto' }]);
}

/** Previous / page n of m / next. */
export function pager(page: number, pages: number, to: (p: number) => Parameters<typeof button>[1]): CardElement {
  return columns([
    ...(page > 0 ? [[button(t(M.buttons.prev), to(page - 1), { size: 'small' })]] : []),
    [noteText(t(M.plan.page(page + 1, pages)))],
    ...(page + 1 < pages ? [[button(t(M.buttons.next), to(page + 1), { size: 'small' })]] : []),
  ], 'flow');
}
