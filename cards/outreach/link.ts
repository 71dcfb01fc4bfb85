import { msg, t } from '../../src/messages/index.js';
import { card, div, linkButton, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { linkDetails, linkTitle, type LinkRow } from './common.js';

const M = msg.outreach;

/**
 * A link's address for its creator (and for whoever presses 二维码): sent by direct message only, never answered in
 * place, and not forwardable. The URL is plain text they can copy; an https URL also gets an 打开 button.
 */
export function linkCard(r: LinkRow, url: string, timeZone: string): Card {
  const elements: CardElement[] = [
    noteText(t(M.created.intro)),
    div(linkTitle(r)), linkDetails(r, timeZone),
    div(`${t(M.created.url)}：${url}`),
    ...(url.startsWith('https://') ? [linkButton(t(M.created.open), url)] : []),
    noteText(t(M.created.file)),
    noteText(t(M.form.note)),
  ];
  return card({ title: t(M.created.title(r.link.contact)), template: 'turquoise', personal: true, elements });
}
