// The playground page: pick a person, chat with the bot in p2p or the announce group, tap cards.
import { api, subscribe } from './api.js';
import { wireCards } from './card-actions.js';
import { messageNode } from './messages.js';

const $ = (id) => document.getElementById(id);
const GROUPS = ['admin', 'topLeader', 'leader', 'supervisor', 'member', 'other'];
const CHIPS = ['帮助', '提意见', '查询 ', '意见处理', '意见报告', '测评', '学习', '整改', '进度', '设置'];
// The bot menu as a Chinese reader sees it: each item's name, and the English event_key it sends (never shown).
const MENU = [['help', '帮助'], ['opinion', '提意见'], ['status', '查询'], ['evaluate', '测评'], ['study', '学习'], ['ledger', '整改'],
  ['progress', '进度'], ['triage', '意见处理'], ['report', '意见报告'], ['settings', '设置']];

const state = { info: null, people: [], names: new Map(), me: '', chats: [], chat: '', unread: new Set(), pending: null };

function toast(t) {
  const el = $('pg-toast');
  el.textContent = t.content ?? '';
  el.className = `pg-toast pg-toast-${t.type ?? 'info'}`;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 2600);
}

const list = $('pg-list');
const nodeOpts = () => ({ me: state.me, names: state.names, botName: state.info.bot.name, fileUrl: api.fileUrl });

function show(m, { scroll }) {
  const node = messageNode(m, nodeOpts());
  const old = list.querySelector(`[data-msg-id="${CSS.escape(m.id)}"]`);
  if (old) old.replaceWith(node);
  else list.append(node);
  if (scroll) list.scrollTop = list.scrollHeight;
}

function renderTabs() {
  $('pg-tabs').innerHTML = '';
  for (const ch of state.chats) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `pg-tab${ch.chatId === state.chat ? ' pg-tab-on' : ''}${state.unread.has(ch.chatId) ? ' pg-tab-unread' : ''}`;
    b.dataset.kind = ch.kind;
    b.dataset.chat = ch.chatId;
    b.textContent = ch.kind === 'p2p' ? `私聊 · ${ch.name}` : `群 · ${ch.name}（${ch.members}人）`;
    b.title = ch.name;
    b.addEventListener('click', () => openChat(ch.chatId));
    $('pg-tabs').append(b);
  }
  const group = state.chats.find((c) => c.chatId === state.chat)?.kind === 'group';
  $('pg-at-toggle').hidden = !group;
  $('pg-text').placeholder = group ? '在群里发言（勾选 @助手 才会回应）' : '输入命令，如 帮助';
}

async function openChat(chatId) {
  state.chat = chatId;
  list.dataset.chat = '';
  state.unread.delete(chatId);
  renderTabs();
  // Stream events that arrive while the history loads are applied after it.
  state.pending = [];
  let messages, queued;
  try {
    messages = await api.messages(state.me, chatId);
  } finally {
    queued = state.pending;
    state.pending = null;
  }
  list.innerHTML = messages.length ? '' : '<div class="pg-empty">还没有消息。试试发送「帮助」。</div>';
  for (const m of messages) show(m, { scroll: false });
  for (const [kind, m] of queued) onStream(kind, m);
  list.scrollTop = list.scrollHeight;
  list.dataset.chat = chatId;
  const chat = state.chats.find((c) => c.chatId === chatId);
  if (chat?.kind === 'p2p' && messages.length === 0) await api.enter(state.me);
}

async function pick(openId) {
  state.me = openId;
  localStorage.setItem('pg-me', openId);
  const p = state.people.find((x) => x.openId === openId);
  $('pg-roles').textContent = `角色：${p.roleNames.length ? p.roleNames.join('、') : '（无）'}${p.title ? ` · ${p.title}` : ''}`;
  $('pg-toast').hidden = true;
  state.chats = await api.chats(openId);
  state.unread.clear();
  await openChat(state.chats[0].chatId);
}

async function send(text) {
  if (!text.trim()) return;
  try {
    await api.send({ as: state.me, chatId: state.chat, text, mentionBot: $('pg-at').checked });
  } catch (e) {
    toast({ type: 'error', content: e.message });
  }
}

/** The playground takes files up to 25 MB (the bot itself refuses those over 20 MB, as it would in Lark). */
const FILE_MAX = 25 * 1024 * 1024;

/** The file's bytes as base64 (without the data: URL's head). */
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('could not read the file'));
    r.readAsDataURL(file);
  });
}

/** A file chosen from the local disk stands in for a Lark file message from the person the page acts as. */
async function sendFile(file) {
  if (!file) return;
  if (file.size > FILE_MAX) return toast({ type: 'error', content: `「${file.name}」超过 25 MB，本地模式不发送。` });
  try {
    await api.sendFile({ as: state.me, chatId: state.chat, name: file.name, data: await readBase64(file) });
  } catch (e) {
    toast({ type: 'error', content: e.message });
  }
}

function onStream(kind, m) {
  if (!state.chats.some((c) => c.chatId === m.chatId)) return;
  if (state.pending) return void state.pending.push([kind, m]);
  if (m.chatId !== state.chat) {
    state.unread.add(m.chatId);
    return renderTabs();
  }
  list.querySelector('.pg-empty')?.remove();
  show(m, { scroll: kind === 'message' });
}

function setupComposer() {
  $('pg-composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = $('pg-text').value;
    $('pg-text').value = '';
    send(text);
  });
  for (const chip of CHIPS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'pg-chip-cmd';
    b.textContent = chip.trim();
    b.addEventListener('click', () => {
      if (chip.endsWith(' ')) {
        $('pg-text').value = chip;
        $('pg-text').focus();
      } else {
        send(chip);
      }
    });
    $('pg-chips').append(b);
  }
  $('pg-menu').innerHTML = MENU.map(([k, label]) => `<button type="button" data-key="${k}">${label}</button>`).join('');
  $('pg-menu').addEventListener('click', (ev) => {
    const key = ev.target.closest('[data-key]')?.dataset.key;
    if (!key) return;
    $('pg-menu').hidden = true;
    api.menu(state.me, key).catch((e) => toast({ type: 'error', content: e.message }));
  });
  $('pg-attach').addEventListener('click', () => $('pg-file').click());
  $('pg-file').addEventListener('change', async () => {
    const input = $('pg-file');
    const file = input.files?.[0];
    input.value = '';
    await sendFile(file);
  });
  $('pg-menu-btn').addEventListener('click', () => { $('pg-menu').hidden = !$('pg-menu').hidden; });
}

async function main() {
  state.info = await api.info();
  document.title = `本地模式 · ${state.info.bot.name}`;
  state.people = await api.people();
  state.names = new Map([[state.info.bot.openId, state.info.bot.name], ...state.people.map((p) => [p.openId, p.name])]);
  const who = $('pg-who');
  for (const group of GROUPS) {
    const members = state.people.filter((p) => p.group === group);
    if (!members.length) continue;
    const og = document.createElement('optgroup');
    og.label = members[0].groupName;
    for (const p of members) og.append(new Option(p.title ? `${p.name}（${p.title}）` : p.name, p.openId));
    who.append(og);
  }
  who.addEventListener('change', () => pick(who.value));
  setupComposer();
  wireCards(list, { send: (messageId, a) => api.action({ as: state.me, messageId, ...a }), toast });
  subscribe(onStream, () => { if (state.chat) void openChat(state.chat); });
  const saved = localStorage.getItem('pg-me');
  who.value = state.people.some((p) => p.openId === saved) ? saved : state.people[0].openId;
  await pick(who.value);
  document.body.dataset.ready = '1';
}

main().catch((e) => toast({ type: 'error', content: `playground: ${e.message}` }));
