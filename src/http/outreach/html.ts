import { msg, t, type Msg } from '../../messages/index.js';
import { assetPath } from './assets.js';

/** The page's HTML frame (pure): Chinese, phone-first, no inline script or style, assets from our own origin only. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** Escaped text with its line breaks kept. */
export const escLines = (s: string) => esc(s).replace(/\r?\n/g, '<br>');

export function layout(title: string, body: string, opts: { script?: boolean } = {}): string {
  return '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">'
    + `<meta name="robots" content="noindex,nofollow"><title>${esc(title)}</title>`
    + `<link rel="stylesheet" href="${assetPath('page.css')}"></head><body><main>${body}</main>`
    + (opts.script ? `<script src="${assetPath('page.js')}" defer></script>` : '')
    + '</body></html>';
}

/** A plain page that says one thing (expired, revoked, full, limited, refused…), with a way on when there is one. */
export function messagePage(title: Msg, text: Msg, more = ''): string {
  return layout(t(title), `<h1>${esc(t(title))}</h1><div class="box"><p>${esc(t(text))}</p>${more}</div>`);
}

export const lookupLink = () => `<p><a href="/o/lookup">${esc(t(msg.outreachPage.lookupLink))}</a></p>`;
