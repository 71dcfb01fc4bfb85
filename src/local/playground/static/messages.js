// One chat message as a DOM node: the bot's cards through the strict renderer, texts escaped.
import { renderCard } from './render.js';
import { escapeHtml, textHtml } from './render-markdown.js';

const time = (ms) => new Date(ms).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
const size = (n) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

/** A text message: escaped; `<at user_id="…">` (bot texts) and typed `@Name` shown as chips. */
function textBody(text, names) {
  let html = textHtml(text).replace(/&lt;at user_id=&quot;([\w-]+)&quot;&gt;(.*?)&lt;\/at&gt;/g, (m, id, label) =>
    `<span class="pg-at">@${label || escapeHtml(names.get(id) ?? (id === 'all' ? '所有人' : id))}</span>`);
  for (const name of [...new Set(names.values())].sort((a, b) => b.length - a.length)) {
    html = html.split(`@${escapeHtml(name)}`).join(`<span class="pg-at">@${escapeHtml(name)}</span>`);
  }
  return `<div class="pg-bubble">${html}</div>`;
}

function body(m, names, fileUrl) {
  const c = m.content ?? {};
  if (m.msgType === 'interactive') {
    const { html, errors } = renderCard(c);
    if (errors.length) console.warn('card errors', m.id, errors);
    return html;
  }
  if (m.msgType === 'text') return textBody(String(c.text ?? ''), names);
  if (m.msgType === 'file' && m.file) {
    const ext = /\.([a-z0-9]{1,5})$/i.exec(m.file.name)?.[1] ?? 'file';
    return `<a class="pg-bubble pg-file" href="${escapeHtml(fileUrl(m.file.key))}" download>` +
      `<span class="pg-file-ext">${escapeHtml(ext.toUpperCase())}</span>${escapeHtml(m.file.name)} <small>${size(m.file.size)}</small></a>`;
  }
  if (m.msgType === 'image' && m.file) {
    return `<div class="pg-bubble pg-image"><img src="${escapeHtml(fileUrl(m.file.key))}" alt="图片" width="240"></div>`;
  }
  return `<div class="pg-bubble pg-raw">[${escapeHtml(m.msgType)}] ${escapeHtml(JSON.stringify(c))}</div>`;
}

/**
 * @param m the message view from the API
 * @param me the open_id of the person looking
 * @param names open_id → display name (bot included)
 */
export function messageNode(m, { me, names, botName, fileUrl }) {
  const mine = m.from === 'user' && m.senderOpenId === me;
  const who = m.from === 'bot' ? botName : names.get(m.senderOpenId) ?? m.senderOpenId;
  const node = document.createElement('div');
  node.className = `pg-msg ${mine ? 'pg-mine' : 'pg-theirs'}` +
    `${m.from === 'bot' ? ' pg-from-bot' : ''}${m.urgentTo.length ? ' pg-urgent' : ''}`;
  node.dataset.msgId = m.id;
  node.dataset.from = m.from;
  node.dataset.type = m.msgType;
  const urgent = m.urgentTo.length
    ? `<div class="pg-urgent-tag"><b>!</b>加急${m.urgentTo.includes(me) ? '（提醒了你）' : `（${m.urgentTo.length} 人）`}</div>`
    : '';
  const updated = m.updates ? `<span class="pg-updated">已更新 ${m.updates} 次</span>` : '';
  node.innerHTML = `
    <div class="pg-avatar ${m.from === 'bot' ? 'pg-avatar-bot' : ''}">${escapeHtml([...(who ?? '?')][0] ?? '?')}</div>
    <div class="pg-content">
      <div class="pg-meta">${mine ? '' : `<b>${escapeHtml(who ?? '')}</b>`}<span>${time(m.createdAt)}</span>${updated}</div>
      ${urgent}${body(m, names, fileUrl)}
    </div>`;
  return node;
}
