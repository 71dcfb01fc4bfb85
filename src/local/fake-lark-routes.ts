import { randomBytes } from 'node:crypto';
import { batchGetId, chatMembersPage, userView } from './fake-lark-directory.js';
import { LarkFault, type FakeFile, type FakeLarkState, type FakeMessage, type FakePatch } from './fake-lark-state.js';
import { boundaryOf, parseMultipart } from './multipart.js';

/** The endpoint table of the fake: paths and answer shapes of LARK.md §5.4 (and a few more). */

export interface FakeLarkEvents {
  request: [import('./fake-lark-server.js').RecordedRequest];
  message: [FakeMessage];
  patch: [FakeMessage, FakePatch];
  recall: [FakeMessage];
  urgent: [FakeMessage, string[]];
  file: [FakeFile];
}

export interface Ctx {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  raw: Buffer;
  contentType: string | undefined;
  now: number;
}

export interface Answer {
  status?: number;
  body: Record<string, unknown>;
  /** A download: these bytes are the answer (with Content-Length), `body` is only recorded. */
  file?: FakeFile;
}

export interface Route {
  /** Endpoint name, as in LarkApiError.method and the fault matchers. */
  api: string;
  method: string;
  segments: string[];
  /** Needs `Authorization: Bearer <tenant_access_token>` and counts against the per-API limits. */
  auth: boolean;
  handle: (ctx: Ctx) => Answer;
}

export interface RouteHost {
  state: FakeLarkState;
  bot: { openId: string; name: string };
  issueToken(body: Record<string, unknown>, now: number): Answer;
  cardToken(token: string): { messageId: string; uses: number } | undefined;
  emit<K extends keyof FakeLarkEvents>(event: K, ...args: FakeLarkEvents[K]): boolean;
}

const ok = (data?: Record<string, unknown>): Answer => ({
  body: data === undefined ? { code: 0, msg: 'success' } : { code: 0, msg: 'success', data },
});

function messageView(m: FakeMessage) {
  return {
    message_id: m.messageId,
    ...(m.parentId ? { root_id: m.parentId, parent_id: m.parentId } : {}),
    msg_type: m.msgType,
    create_time: String(m.createdAt),
    update_time: String(m.updatedAt),
    deleted: false,
    updated: m.patches.length > 0,
    chat_id: m.chatId,
    sender: { id: 'cli_fake', id_type: 'app_id', sender_type: 'app', tenant_key: 'fake_tenant' },
    body: { content: JSON.stringify(m.content) },
  };
}

export function createRoutes(h: RouteHost): Route[] {
  const s = h.state;
  const r = (api: string, method: string, pattern: string, handle: Route['handle'], auth = true): Route => ({
    api, method, segments: pattern.split('/').filter(Boolean), auth, handle,
  });
  const created = ({ message, created: isNew }: { message: FakeMessage; created: boolean }) => {
    if (isNew) h.emit('message', message);
    return ok(messageView(message));
  };

  function cardUpdate(c: Ctx): Answer {
    const { token, card } = c.body;
    if (typeof token !== 'string' || !token || card === null || typeof card !== 'object') {
      throw new LarkFault(400, 230001, 'token and card are required');
    }
    const known = h.cardToken(token);
    if (known) {
      // Callback tokens: 30 min, 2 uses (LARK.md §2.2).
      if (known.uses >= 2) throw new LarkFault(400, 230001, 'the card update token has been used twice');
      known.uses += 1;
      const m = s.message(known.messageId);
      if (m) {
        const patch = { at: c.now, content: card };
        m.content = card;
        m.patches.push(patch);
        m.updatedAt = c.now;
        h.emit('patch', m, patch);
      }
    }
    return ok();
  }

  return [
    r('auth.tenantAccessToken', 'POST', '/open-apis/auth/v3/tenant_access_token/internal', (c) => h.issueToken(c.body, c.now), false),
    r('auth.appAccessToken', 'POST', '/open-apis/auth/v3/app_access_token/internal', (c) => {
      const a = h.issueToken(c.body, c.now);
      return a.body.code === 0 ? { body: { ...a.body, app_access_token: `a-${randomBytes(12).toString('hex')}` } } : a;
    }, false),
    r('im.message.create', 'POST', '/open-apis/im/v1/messages', (c) => created(s.createMessage({
      receiveIdType: c.query.receive_id_type ?? '', receiveId: String(c.body.receive_id ?? ''),
      msgType: String(c.body.msg_type ?? ''), content: c.body.content, uuid: c.body.uuid as string | undefined,
    }, c.now))),
    r('im.message.reply', 'POST', '/open-apis/im/v1/messages/:message_id/reply', (c) => created(s.createMessage({
      receiveIdType: 'message_id', receiveId: c.params.message_id, parentId: c.params.message_id,
      msgType: String(c.body.msg_type ?? ''), content: c.body.content, uuid: c.body.uuid as string | undefined,
    }, c.now))),
    // A copy of any message the bot can see (a person's file included) as a new bot message; `uuid` in the query.
    r('im.message.forward', 'POST', '/open-apis/im/v1/messages/:message_id/forward', (c) => {
      const from = s.message(c.params.message_id);
      if (!from || from.recalled) throw new LarkFault(400, 230001, 'invalid message_id');
      const made = s.createMessage({
        receiveIdType: c.query.receive_id_type ?? '', receiveId: String(c.body.receive_id ?? ''), msgType: from.msgType,
        content: JSON.stringify(from.content), uuid: c.query.uuid,
      }, c.now);
      if (made.created) made.message.forwardedFrom = from.messageId;
      return created(made);
    }),
    r('im.message.patch', 'PATCH', '/open-apis/im/v1/messages/:message_id', (c) => {
      const m = s.patchMessage(c.params.message_id, c.body.content, c.now);
      h.emit('patch', m, m.patches[m.patches.length - 1]);
      return ok({});
    }),
    r('im.message.delete', 'DELETE', '/open-apis/im/v1/messages/:message_id', (c) => {
      h.emit('recall', s.recallMessage(c.params.message_id));
      return ok();
    }),
    r('im.message.urgentApp', 'PATCH', '/open-apis/im/v1/messages/:message_id/urgent_app', (c) => {
      const { message, invalid } = s.urgent(c.params.message_id, c.body.user_id_list, c.now);
      h.emit('urgent', message, message.urgent[message.urgent.length - 1].openIds);
      return ok({ invalid_user_id_list: invalid });
    }),
    r('message.batchSend', 'POST', '/open-apis/message/v4/batch_send', (c) => {
      const { batchId, messages, invalid } = s.batchSend(c.body, c.now);
      for (const m of messages) h.emit('message', m);
      return ok({
        message_id: batchId, invalid_open_ids: invalid, invalid_department_ids: [], invalid_user_ids: [], invalid_union_ids: [],
      });
    }),
    r('interactive.card.update', 'POST', '/open-apis/interactive/v1/card/update', cardUpdate),
    r('im.file.create', 'POST', '/open-apis/im/v1/files', (c) => {
      const boundary = boundaryOf(c.contentType);
      if (!boundary) throw new LarkFault(400, 230001, 'multipart/form-data is required');
      const parts = parseMultipart(c.raw, boundary);
      const field = (n: string) => parts.find((p) => p.name === n);
      const file = s.upload({
        fileType: field('file_type')?.data.toString(), fileName: field('file_name')?.data.toString(), data: field('file')?.data,
      }, c.now);
      h.emit('file', file);
      return ok({ file_key: file.fileKey });
    }),
    // An image for an image message: the bytes kept beside the files (the playground shows them), its image_key answered.
    r('im.image.create', 'POST', '/open-apis/im/v1/images', (c) => {
      const boundary = boundaryOf(c.contentType);
      if (!boundary) throw new LarkFault(400, 230001, 'multipart/form-data is required');
      const parts = parseMultipart(c.raw, boundary);
      const image = s.files.addImage({
        imageType: parts.find((p) => p.name === 'image_type')?.data.toString(), data: parts.find((p) => p.name === 'image')?.data,
      }, c.now);
      h.emit('file', image);
      return ok({ image_key: image.fileKey });
    }),
    r('im.messageResource.get', 'GET', '/open-apis/im/v1/messages/:message_id/resources/:file_key', (c) => {
      const file = s.files.resource(s.message(c.params.message_id), c.params.file_key, c.query.type);
      return { body: { code: 0 }, file };
    }),
    r('bot.info', 'GET', '/open-apis/bot/v3/info', () => ({
      body: {
        code: 0, msg: 'ok', bot: { activate_status: 2, app_name: h.bot.name, avatar_url: '', ip_white_list: [], open_id: h.bot.openId },
      },
    })),
    r('im.chat.get', 'GET', '/open-apis/im/v1/chats/:chat_id', (c) => ok(s.chatInfo(c.params.chat_id))),
    r('im.chatMembers.get', 'GET', '/open-apis/im/v1/chats/:chat_id/members', (c) =>
      ok(chatMembersPage(s.chats.get(c.params.chat_id), s.users, Number(c.query.page_size ?? 20), c.query.page_token || undefined))),
    r('contact.user.batchGetId', 'POST', '/open-apis/contact/v3/users/batch_get_id', (c) =>
      ok(batchGetId(s.users, c.body.emails, c.body.mobiles))),
    r('contact.user.get', 'GET', '/open-apis/contact/v3/users/:user_id', (c) => ok(userView(s.users, c.params.user_id))),
  ];
}

export function matchRoute(routes: Route[], method: string, path: string): { route?: Route; params: Record<string, string> } {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const hit = route.segments.every((seg, i) => {
      if (!seg.startsWith(':')) return seg === parts[i];
      params[seg.slice(1)] = decodeURIComponent(parts[i]);
      return true;
    });
    if (hit) return { route, params };
  }
  return { params: {} };
}
