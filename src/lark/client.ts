import * as lark from '@larksuiteoapi/node-sdk';
import type { Card } from '../../cards/types.js';
import type { LarkApi, LarkUser, MessageBody, Recipient } from './api.js';
import { LarkApiError, fromBody, wrapLarkError } from './errors.js';
import { resourceSize } from './resource-size.js';
import { FILE_MAX_BYTES } from '../domain/files/files.js';

interface LarkClientCredentials {
  appId: string;
  appSecret: string;
  /** `feishu`, `lark`, or an origin such as `http://127.0.0.1:4010` (the fake server). */
  domain: string;
}

interface LarkClientOptions {
  /** Per request, token fetch included. Default 10 s. */
  timeoutMs?: number;
}

/** Lark refuses cards over 30 KB (code 230025, LARK.md §3.5); we refuse them before the call. */
export const CARD_MAX_BYTES = 30 * 1024;
const BATCH_MAX_IDS = 200;
const CONTACT_BATCH_MAX = 50;
const MAX_MEMBER_PAGES = 500;

/** JSON of a card for `content`, or a permanent 230025 error when it is too large to send. */
function checkCardSize(card: Card, method: string): string {
  const json = JSON.stringify(card);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > CARD_MAX_BYTES) {
    throw new LarkApiError({
      code: 230025,
      method,
      msg: `card JSON is ${bytes} bytes, over Lark's ${CARD_MAX_BYTES}-byte limit; split the card`,
      kind: 'permanent',
    });
  }
  return json;
}

function content(body: MessageBody, method: string): { msg_type: 'interactive' | 'text' | 'file' | 'image'; content: string } {
  if (body.type === 'card') return { msg_type: 'interactive', content: checkCardSize(body.card, method) };
  if (body.type === 'file') return { msg_type: 'file', content: JSON.stringify({ file_key: body.fileKey }) };
  if (body.type === 'image') return { msg_type: 'image', content: JSON.stringify({ image_key: body.imageKey }) };
  return { msg_type: 'text', content: JSON.stringify({ text: body.text }) };
}

function receiver(to: Recipient): { receive_id_type: 'open_id' | 'chat_id'; receive_id: string } {
  return 'openId' in to ? { receive_id_type: 'open_id', receive_id: to.openId } : { receive_id_type: 'chat_id', receive_id: to.chatId };
}

/** Token cache owned by one client: tests stay isolated and a refused token can be dropped. */
class TokenCache {
  private values = new Map<string, { value: unknown; expiresAt: number | undefined }>();
  // The SDK types its keys as `string | Symbol` (the wrapper type).
  private id(key: string | object, ns?: string) {
    return `${ns ?? ''}/${String(key)}`;
  }
  async get(key: string | object, opts?: { namespace?: string }): Promise<unknown> {
    const e = this.values.get(this.id(key, opts?.namespace));
    return e && (e.expiresAt === undefined || e.expiresAt > Date.now()) ? e.value : undefined;
  }
  async set(key: string | object, value: unknown, expiresAt?: number, opts?: { namespace?: string }): Promise<boolean> {
    this.values.set(this.id(key, opts?.namespace), { value, expiresAt });
    return true;
  }
  clear() {
    this.values.clear();
  }
}

// The SDK logs whole AxiosErrors, request bodies (card content) included: failures reach us as
// LarkApiError instead, logged where they are handled.
const quietLogger = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

interface Body<D> {
  code?: number;
  msg?: string;
  data?: D;
}

export function createLarkApi(creds: LarkClientCredentials, opts: LarkClientOptions = {}): LarkApi {
  const http = lark.defaultHttpInstance.create({ timeout: opts.timeoutMs ?? 10_000 });
  // Same contract as the SDK's default instance: resolve to the body (larksuite/node-sdk#61).
  http.interceptors.response.use(((resp: { data: unknown; headers: unknown; config: Record<string, unknown> }) =>
    resp.config['$return_headers'] ? { data: resp.data, headers: resp.headers } : resp.data) as never);
  const cache = new TokenCache();
  const client = new lark.Client({
    appId: creds.appId,
    appSecret: creds.appSecret,
    domain: creds.domain === 'feishu' ? lark.Domain.Feishu : creds.domain === 'lark' ? lark.Domain.Lark : creds.domain,
    loggerLevel: lark.LoggerLevel.error,
    logger: quietLogger,
    cache,
    httpInstance: http as unknown as lark.HttpInstance,
  });

  /** One call: code ≠ 0 and every thrown error become LarkApiError; a refused token is refetched once. */
  async function call<D>(method: string, fn: () => Promise<Body<D> | null | undefined>): Promise<D> {
    for (let attempt = 0; ; attempt++) {
      let err: LarkApiError;
      try {
        const body = await fn();
        if (body && body.code === 0) return (body.data ?? {}) as D;
        err = fromBody(method, body);
      } catch (e) {
        err = wrapLarkError(method, e);
      }
      // 99991663: token invalid or expired early; the SDK never refreshes on its own (LARK.md §4.5).
      if (err.code === 99991663 && attempt === 0) {
        cache.clear();
        continue;
      }
      throw err;
    }
  }

  async function create(method: string, to: Recipient, msg: { msg_type: string; content: string }, uuid?: string) {
    const r = receiver(to);
    const data = await call<{ message_id?: string; chat_id?: string }>(method, () =>
      client.im.v1.message.create({
        params: { receive_id_type: r.receive_id_type },
        data: { receive_id: r.receive_id, msg_type: msg.msg_type, content: msg.content, uuid },
      }),
    );
    if (!data.message_id) throw new LarkApiError({ code: 0, method, msg: 'answer without message_id', kind: 'unknown' });
    return { messageId: data.message_id, ...(data.chat_id ? { chatId: data.chat_id } : {}) };
  }

  return {
    send: (to, body, uuid) => create('im.message.create', to, content(body, 'im.message.create'), uuid),

    async forward(messageId, to, uuid) {
      const method = 'im.message.forward';
      const r = receiver(to);
      const data = await call<{ message_id?: string; chat_id?: string }>(method, () => client.im.v1.message.forward({
        path: { message_id: messageId }, params: { receive_id_type: r.receive_id_type, ...(uuid ? { uuid } : {}) },
        data: { receive_id: r.receive_id },
      }));
      if (!data.message_id) throw new LarkApiError({ code: 0, method, msg: 'answer without message_id', kind: 'unknown' });
      return { messageId: data.message_id, ...(data.chat_id ? { chatId: data.chat_id } : {}) };
    },

    async reply(messageId, body, uuid) {
      const method = 'im.message.reply';
      const c = content(body, method);
      const data = await call<{ message_id?: string }>(method, () =>
        client.im.v1.message.reply({ path: { message_id: messageId }, data: { ...c, uuid } }),
      );
      if (!data.message_id) throw new LarkApiError({ code: 0, method, msg: 'answer without message_id', kind: 'unknown' });
      return { messageId: data.message_id };
    },

    async patchCard(messageId, card) {
      const method = 'im.message.patch';
      const json = checkCardSize(card, method);
      await call(method, () => client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: json } }));
    },

    async urgentApp(messageId, openIds) {
      const data = await call<{ invalid_user_id_list?: string[] }>('im.message.urgentApp', () =>
        client.im.v1.message.urgentApp({
          path: { message_id: messageId },
          params: { user_id_type: 'open_id' },
          data: { user_id_list: openIds },
        }),
      );
      return { invalidOpenIds: data.invalid_user_id_list ?? [] };
    },

    async batchSendCard(openIds, card) {
      const method = 'message.batchSend';
      if (openIds.length === 0 || openIds.length > BATCH_MAX_IDS) {
        throw new LarkApiError({
          code: 230001, method, msg: `batch send takes 1–${BATCH_MAX_IDS} open_ids, got ${openIds.length}`, kind: 'permanent',
        });
      }
      // Batch send takes the card as an object, not a string (LARK.md §4.2); not wrapped by the SDK.
      const cardObject = JSON.parse(checkCardSize(card, method)) as Record<string, unknown>;
      const data = await call<{ message_id?: string; invalid_open_ids?: string[] }>(method, () =>
        client.request({
          method: 'POST', url: '/open-apis/message/v4/batch_send/', data: { msg_type: 'interactive', card: cardObject, open_ids: openIds },
        }),
      );
      return { messageId: data.message_id ?? '', invalidOpenIds: data.invalid_open_ids ?? [] };
    },

    async uploadFile(fileName, fileType, bytes) {
      const method = 'im.file.create';
      // client.im.v1.file.create returns only `data`, losing the code of a refused upload.
      const data = await call<{ file_key?: string }>(method, () =>
        client.request({
          method: 'POST',
          url: '/open-apis/im/v1/files',
          headers: { 'Content-Type': 'multipart/form-data' },
          data: { file_type: fileType, file_name: fileName, file: bytes },
        }),
      );
      if (!data.file_key) throw new LarkApiError({ code: 0, method, msg: 'answer without file_key', kind: 'unknown' });
      return { fileKey: data.file_key };
    },

    async uploadImage(bytes) {
      const method = 'im.image.create';
      // As for files: client.im.v1.image.create returns only `data`, losing the code of a refused upload.
      const data = await call<{ image_key?: string }>(method, () => client.request({
        method: 'POST', url: '/open-apis/im/v1/images', headers: { 'Content-Type': 'multipart/form-data' },
        data: { image_type: 'message', image: bytes },
      }));
      if (!data.image_key) throw new LarkApiError({ code: 0, method, msg: 'answer without image_key', kind: 'unknown' });
      return { imageKey: data.image_key };
    },

    fileSize: (messageId, fileKey, limit = FILE_MAX_BYTES) => resourceSize('im.messageResource.get', () =>
      client.im.v1.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type: 'file' } }),
    limit, () => cache.clear()),

    sendFile: (to, fileKey, uuid) =>
      create('im.message.create', to, { msg_type: 'file', content: JSON.stringify({ file_key: fileKey }) }, uuid),

    async botInfo() {
      const method = 'bot.info';
      let bot: { open_id?: string; app_name?: string } | undefined;
      await call(method, async () => {
        const body = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as Body<unknown> & { bot?: typeof bot };
        bot = body?.bot;
        return body;
      });
      if (!bot?.open_id) throw new LarkApiError({ code: 0, method, msg: 'answer without bot.open_id', kind: 'unknown' });
      return { openId: bot.open_id, name: bot.app_name ?? '' };
    },

    async chatMembers(chatId) {
      const out: LarkUser[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
        const data = await call<{ items?: { member_id?: string; name?: string }[]; has_more?: boolean; page_token?: string }>(
          'im.chatMembers.get',
          () => client.im.v1.chatMembers.get({
            path: { chat_id: chatId }, params: { member_id_type: 'open_id', page_size: 100, page_token: pageToken },
          }),
        );
        for (const m of data.items ?? []) if (m.member_id) out.push({ openId: m.member_id, name: m.name });
        if (!data.has_more || !data.page_token) break;
        pageToken = data.page_token;
      }
      return out;
    },

    async resolveIds(query) {
      const byEmail = new Map<string, string>();
      const byMobile = new Map<string, string>();
      const emails = [...new Set(query.emails)];
      const mobiles = [...new Set(query.mobiles)];
      for (let i = 0; i < Math.max(emails.length, mobiles.length); i += CONTACT_BATCH_MAX) {
        const e = emails.slice(i, i + CONTACT_BATCH_MAX);
        const m = mobiles.slice(i, i + CONTACT_BATCH_MAX);
        const data = await call<{ user_list?: { user_id?: string; email?: string; mobile?: string }[] }>('contact.user.batchGetId', () =>
          client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: e, mobiles: m } }),
        );
        const found = data.user_list ?? [];
        for (const email of e) {
          const hit = found.find((u) => u.user_id && u.email && normEmail(u.email) === normEmail(email));
          if (hit?.user_id) byEmail.set(email, hit.user_id);
        }
        for (const mobile of m) {
          const hit = found.find((u) => u.user_id && u.mobile && normMobile(u.mobile) === normMobile(mobile));
          if (hit?.user_id) byMobile.set(mobile, hit.user_id);
        }
      }
      return { byEmail, byMobile };
    },

    async getUser(openId) {
      const data = await call<{ user?: { open_id?: string; name?: string } }>('contact.user.get', () =>
        client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }),
      );
      return { openId: data.user?.open_id ?? openId, name: data.user?.name };
    },

    async chatMode(chatId) {
      const data = await call<{ chat_mode?: string }>('im.chat.get', () => client.im.v1.chat.get({ path: { chat_id: chatId } }));
      const mode = data.chat_mode;
      return mode === 'p2p' || mode === 'group' || mode === 'topic' ? mode : undefined;
    },
  };
}

function normEmail(s: string): string {
  return s.trim().toLowerCase();
}

/** Lark answers mainland numbers with or without +86; compare digits, mainland prefix dropped. */
export function normMobile(s: string): string {
  const digits = s.replace(/[^\d+]/g, '');
  return digits.startsWith('+86') ? digits.slice(3) : digits.startsWith('+') ? digits : digits.replace(/^86(?=1\d{10}$)/, '');
}
