// A deliberately small, safe subset of Lark card markdown: everything is escaped first; only bold,
// italic, strike, inline code, headings, bullets, line breaks, link text and <at> mentions get markup,
// and no markup ever carries an attribute taken from the content.

// ':' too, so no URL scheme (javascript:, data:) survives verbatim anywhere in the markup.
const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', ':': '&#58;' };

export function escapeHtml(s) {
  return String(s).replace(/[&<>"':]/g, (c) => HTML_ESCAPES[c]);
}

/** Plain text: escaped, newlines kept. */
export function textHtml(s) {
  return escapeHtml(s).replace(/\r\n?|\n/g, '<br>');
}

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntity(ref) {
  const lower = ref.toLowerCase();
  if (lower in NAMED) return NAMED[lower];
  const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
  if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

const OPEN = '\ue000';
const CLOSE = '\ue001';
const SLOT = /\ue000(\d+)\ue001/g;
const AT = /<at\s+(id|user_id|email)\s*=\s*["']?([^"'\s>]*)["']?\s*>([^<]*)<\/at>/gi;

/** Renders one markdown `content` to HTML. */
export function markdownHtml(src) {
  const slots = [];
  // Finished HTML is parked in numbered slots so later steps never re-read it as markdown.
  const park = (html) => `${OPEN}${slots.push(html) - 1}${CLOSE}`;
  let s = String(src).replace(/[\ue000\ue001]/g, '');
  // Character references are literal text (CommonMark): decoded, never markup.
  s = s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (m, ref) =>
    ref[0] === '#' || ref.toLowerCase() in NAMED ? park(escapeHtml(decodeEntity(ref))) : m);
  s = s.replace(AT, (m, kind, id, name) => {
    const label = name.trim() || (id === 'all' ? '所有人' : id);
    return park(`<span class="pg-at">@${escapeHtml(label)}</span>`);
  });
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/`([^`\n]+)`/g, (m, code) => park(`<code>${escapeHtml(code)}</code>`));
  s = escapeHtml(s);
  s = s.replace(/\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, (m, text) => `<span class="pg-link">${text}</span>`);
  s = s.replace(/\*\*([^\n]+?)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/~~([^\n]+?)~~/g, '<del>$1</del>');
  s = s.replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, '$1<em>$2</em>');
  s = s.replace(/^#{1,6} +(.*)$/gm, '<strong class="pg-h">$1</strong>');
  s = s.replace(/^[-*] +/gm, '• ');
  s = s.replace(/\n/g, '<br>');
  for (let i = 0; i < 4 && s.includes(OPEN); i++) s = s.replace(SLOT, (m, n) => slots[Number(n)] ?? '');
  return s;
}
