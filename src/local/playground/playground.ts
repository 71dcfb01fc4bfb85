import type { Server } from 'node:http';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { BadInput } from '../../errors.js';
import { BodyTooLarge, readRawBody } from '../../http/raw-body.js';
import type { FakeLark } from '../fake-lark-server.js';
import type { PushSecrets } from '../lark-push.js';
import { createBridge } from './bridge.js';
import { newPlaygroundToken, playgroundGuard } from './guard.js';
import { chatFor, chatsOf, listPeople } from './people.js';
import { serveStatic } from './static-files.js';
import { eventStreams } from './stream.js';
import { chatMessages } from './views.js';

/**
 * The local playground: a web page served by the bot itself (local mode only) that plays the Lark
 * client. GET /playground, and JSON/SSE endpoints under /playground/api/, which want this run's token
 * (guard.ts): the page carries it in a meta tag.
 */
interface Playground {
  /** This run's token (tests call the API with it). */
  token: string;
  mount(router: Router, deps: Deps): void;
  /** The bot's HTTP server, once listening: open streams end when it stops. */
  attach(server: Server | undefined): void;
  /** Ends every open event stream (shutdown). */
  closeStreams(): void;
}

const openId = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
const id = z.string().regex(/^o[cm]_[A-Za-z0-9_-]{1,64}$/);
const sendSchema = z.strictObject({ as: openId, chatId: id, text: z.string().min(1).max(4000), mentionBot: z.boolean().optional() });
const actionSchema = z.strictObject({
  as: openId,
  messageId: id,
  value: z.record(z.string(), z.unknown()),
  formValue: z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())])).optional(),
  name: z.string().max(100).optional(),
  tag: z.enum(['button', 'checker']).optional(),
  checked: z.boolean().optional(),
});
const asSchema = z.strictObject({ as: openId });
/** A file from the local disk, base64 in JSON (the guard takes JSON only): up to 25 MB, so the 20 MB refusal can be tried. */
export const PLAYGROUND_FILE_MAX_BYTES = 25 * 1024 * 1024;
const FILE_BODY_MAX = Math.ceil(PLAYGROUND_FILE_MAX_BYTES / 3) * 4 + 4096;
const fileName = z.string().trim().min(1).max(200).refine((n) => !/[\\/\u0000-\u001f]/.test(n), 'a file name, no path');
const fileSchema = z.strictObject({ as: openId, chatId: id, name: fileName, data: z.base64().max(FILE_BODY_MAX) });
const menuSchema = z.strictObject({ as: openId, key: z.string().regex(/^[a-z_]{1,32}$/) });

async function readJson<T>(koaCtx: Context, schema: z.ZodType<T>, max = 64 * 1024): Promise<T> {
  const raw = await readRawBody(koaCtx.req, max).catch((e: unknown) => {
    throw e instanceof BodyTooLarge ? new BadInput('body too large') : e;
  });
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadInput('body is not JSON');
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new BadInput(`${r.error.issues[0].path.join('.') || 'body'}: ${r.error.issues[0].message}`);
  return r.data;
}

/** The bot's own address as this request reached it: the page's calls go back to it over loopback. */
function selfOrigin(koaCtx: Context): string {
  const { localAddress, localPort } = koaCtx.req.socket;
  const host = !localAddress || localAddress === '::' || localAddress === '0.0.0.0' ? '127.0.0.1' : localAddress.replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${localPort}`;
}

export function createPlayground(opts: { fake: FakeLark; secrets: PushSecrets }): Playground {
  const { fake } = opts;
  const bridge = createBridge(opts);
  let server: Server | undefined;
  const token = newPlaygroundToken();
  const page = playgroundGuard(token, 'page');
  const api = playgroundGuard(token, 'api');
  const streams = eventStreams(fake, () => server);

  return {
    token,
    attach(s) {
      server = s;
    },
    closeStreams: () => streams.closeAll(),
    mount(router, deps) {
      const campaign = deps.campaign;
      router.get('/playground', page, (koaCtx) => serveStatic(koaCtx, 'index.html', token));
      router.get('/playground/static/:file', page, (koaCtx) => serveStatic(koaCtx, koaCtx.params.file ?? ''));
      router.get('/playground/api/info', api, (koaCtx) => {
        koaCtx.body = {
          localMode: true,
          bot: fake.bot,
          campaign: campaign.campaign.name,
          announceChatId: campaign.campaign.announceChatId ?? null,
        };
      });
      router.get('/playground/api/people', api, async (koaCtx) => {
        koaCtx.body = await listPeople(campaign, fake, deps.ctx.roles);
      });
      router.get('/playground/api/chats', api, (koaCtx) => {
        const as = openId.safeParse(koaCtx.query.as);
        if (!as.success) throw new BadInput('as: an open_id');
        koaCtx.body = chatsOf(as.data, fake);
      });
      router.get('/playground/api/messages', api, (koaCtx) => {
        const as = openId.safeParse(koaCtx.query.as);
        const chat = id.safeParse(koaCtx.query.chat);
        if (!as.success || !chat.success) throw new BadInput('as and chat are required');
        if (!chatFor(as.data, chat.data, fake)) throw new BadInput(`${as.data} is not in chat ${chat.data}`);
        koaCtx.body = chatMessages(chat.data, fake);
      });
      router.get('/playground/api/files/:key', api, (koaCtx) => {
        const file = fake.state.files.get(koaCtx.params.key ?? '');
        if (!file) throw new BadInput('no such file');
        koaCtx.attachment(file.fileName);
        koaCtx.body = file.data;
      });
      router.get('/playground/api/stream', api, streams.route);
      router.post('/playground/api/send', api, async (koaCtx) => {
        koaCtx.body = await bridge.send(selfOrigin(koaCtx), await readJson(koaCtx, sendSchema));
      });
      router.post('/playground/api/file', api, async (koaCtx) => {
        const input = await readJson(koaCtx, fileSchema, FILE_BODY_MAX);
        const bytes = Buffer.from(input.data, 'base64');
        if (bytes.length === 0) throw new BadInput('empty file');
        if (bytes.length > PLAYGROUND_FILE_MAX_BYTES) throw new BadInput('file too large for the playground (25 MB)');
        koaCtx.body = await bridge.sendFile(selfOrigin(koaCtx), { as: input.as, chatId: input.chatId, name: input.name, bytes });
      });
      router.post('/playground/api/action', api, async (koaCtx) => {
        koaCtx.body = await bridge.action(selfOrigin(koaCtx), await readJson(koaCtx, actionSchema));
      });
      router.post('/playground/api/enter', api, async (koaCtx) => {
        koaCtx.body = await bridge.enter(selfOrigin(koaCtx), (await readJson(koaCtx, asSchema)).as);
      });
      router.post('/playground/api/menu', api, async (koaCtx) => {
        const { as, key } = await readJson(koaCtx, menuSchema);
        koaCtx.body = await bridge.menu(selfOrigin(koaCtx), as, key);
      });
    },
  };
}
