// The page's calls to /playground/api/ (served by the bot itself, local mode only), with this run's
// token from the page (the server refuses any call without it).

const token = document.querySelector('meta[name="playground-token"]')?.getAttribute('content') ?? '';
const withToken = (path) => `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;

async function call(method, path, body) {
  const res = await fetch(`/playground/api/${path}`, {
    method,
    headers: { 'x-playground-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

export const api = {
  info: () => call('GET', 'info'),
  people: () => call('GET', 'people'),
  chats: (as) => call('GET', `chats?as=${encodeURIComponent(as)}`),
  messages: (as, chat) => call('GET', `messages?as=${encodeURIComponent(as)}&chat=${encodeURIComponent(chat)}`),
  send: (body) => call('POST', 'send', body),
  action: (body) => call('POST', 'action', body),
  enter: (as) => call('POST', 'enter', { as }),
  menu: (as, key) => call('POST', 'menu', { as, key }),
  /** A file from the local disk, sent as a Lark file message from `as` (base64 in JSON). */
  sendFile: (body) => call('POST', 'file', body),
  fileUrl: (key) => withToken(`/playground/api/files/${encodeURIComponent(key)}`),
};

/** New, patched and urgent messages as they happen (server-sent events; the browser reconnects). */
export function subscribe(onEvent, onReconnect) {
  const es = new EventSource(withToken('/playground/api/stream'));
  for (const kind of ['message', 'patch', 'urgent']) {
    es.addEventListener(kind, (e) => onEvent(kind, JSON.parse(e.data)));
  }
  // Events sent while the stream was down are not replayed: the page reloads the open chat instead.
  let opened = false;
  es.addEventListener('open', () => {
    if (opened) onReconnect?.();
    opened = true;
  });
  return es;
}
