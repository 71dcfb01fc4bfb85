import { msg, t } from '../../src/messages/index.js';
import { button, card, columns, div, hr, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { linkDetails, linkTitle, type LinkRow } from './common.js';

const M = msg.outreach;
/** Links per page (about 10 components and 700 bytes each). */
export const LINKS_PAGE = 8;

export interface LinkListView {
  /** The links the viewer may manage, newest first. */
  rows: readonly LinkRow[];
  page?: number;
  /** A leader who is not in the office: their own visits only. */
  leaderOnly: boolean;
  timeZone: string;
}

function linkLine(r: LinkRow, timeZone: string): CardElement[] {
  const out: CardElement[] = [div(linkTitle(r)), linkDetails(r, timeZone)];
  if (r.state === 'revoked') return out;
  const id = r.link.id;
  out.push(columns([
    [button(t(M.buttons.qr), { a: 'ol.qr', id }, { size: 'small' })],
    [button(t(M.buttons.extend), { a: 'ol.extendForm', id }, { size: 'small' })],
    [button(t(M.buttons.revoke), { a: 'ol.revokeAsk', id }, { size: 'small', type: 'danger' })],
  ], 'flow'));
  return out;
}

/** `走访`: the links (newest first, a page of eight), each with 二维码, 延期, 撤销; 新建 at the top. */
export function linkListCard(v: LinkListView): Card {
  const pages = Math.max(1, Math.ceil(v.rows.length / LINKS_PAGE));
  const page = Math.min(Math.max(0, v.page ?? 0), pages - 1);
  const elements: CardElement[] = [
    noteText(t(M.list.intro)),
    ...(v.leaderOnly ? [noteText(t(M.list.introLeader))] : []),
    button(t(M.buttons.new), { a: 'ol.new' }, { type: 'primary' }),
  ];
  if (!v.rows.length) elements.push(hr(), div(t(M.list.empty)));
  for (const r of v.rows.slice(page * LINKS_PAGE, (page + 1) * LINKS_PAGE)) elements.push(hr(), ...linkLine(r, v.timeZone));
  if (pages > 1) {
    elements.push(hr(), columns([
      ...(page > 0 ? [[button(t(M.buttons.prev), { a: 'ol.list', page: page - 1 }, { size: 'small' })]] : []),
      [noteText(t(M.list.page(page + 1, pages)))],
      ...(page + 1 < pages ? [[button(t(M.buttons.next), { a: 'ol.list', page: page + 1 }, { size: 'small' })]] : []),
    ], 'flow'));
  }
  return card({ title: t(M.list.title), template: 'turquoise', personal: true, elements });
}
