import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Faults, SlidingWindow, type FaultHandle, type FaultMatcher, type FaultOptions } from './fake-lark-limits.js';
import { createRoutes, matchRoute, type Answer, type FakeLarkEvents, type Route, type RouteHost } from './fake-lark-routes.js';
import { FakeLarkState, LarkFault, type FakeMessage, type StateOptions } from './fake-lark-state.js';
import { describeForm, readBody } from './multipart.js';
import { writeDownload } from './fake-lark-files.js';

export type { FakeChat, FakeFile, FakeMessage, FakePatch, FakeUser } from './fake-lark-state.js';
export type { FaultHandle, FaultMatcher, FaultOptions, FaultRequest } from './fake-lark-limits.js';
export type { FakeLarkEvents } from './fake-lark-routes.js';

/**
 * A local stand-in for the Lark OpenAPI (the endpoints in LARK.md §5.4 and a few more), used by
 * tests and by the local playground. Point the SDK at it with `domain: fake.url`.
 */
export interface FakeLarkOptions extends StateOptions {
  port?: number;
  host?: string;
  /** When set, token requests must carry these credentials (else code 10003 / 10014). */
  appId?: string;
  appSecret?: string;
  bot?: { openId: string; name: string };
  /** Per API, app-wide, sliding windows (Lark: 50/s and 1000/min). */
  apiPerSecond?: number;
  apiPerMinute?: number;
  tokenExpireSeconds?: number;
  now?: () => number;
}

export interface RecordedRequest {
  seq: number;
  /** Endpoint name (`im.message.create`, …) or `unknown`. */
  api: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; for uploads the form fields (file bytes replaced by their size). */
  body: unknown;
  time: number;
  /** Filled when answered; undefined when the connection was dropped. */
  status?: number;
  code?: number;
}

const MAX_BODY = 32 * 1024 * 1024;

export class FakeLark extends EventEmitter<FakeLarkEvents> {
  readonly state: FakeLarkState;
  readonly requests: RecordedRequest[] = [];
  url = '';
  port = 0;
  private readonly server: Server;
  private readonly faults = new Faults();
  private readonly tokens = new Map<string, number>();
  private readonly perSecond: SlidingWindow;
  private readonly perMinute: SlidingWindow;
  private readonly cardTokens = new Map<string, { messageId: string; uses: number }>();
  private readonly routes: Route[];
  private readonly clock: () => number;
  readonly bot: { openId: string; name: string };

  constructor(private readonly opts: FakeLarkOptions = {}) {
    super();
    this.state = new FakeLarkState(opts);
    this.clock = opts.now ?? Date.now;
    this.bot = opts.bot ?? { openId: 'ou_bot_fake_000000000000000000000001', name: '群众路线助手' };
    this.perSecond = new SlidingWindow(opts.apiPerSecond ?? 50, 1000);
    this.perMinute = new SlidingWindow(opts.apiPerMinute ?? 1000, 60_000);
    this.routes = createRoutes({
      state: this.state,
      bot: this.bot,
      issueToken: (body, now) => this.issueToken(body, now),
      cardToken: (token) => this.cardTokens.get(token),
      emit: this.emit.bind(this) as RouteHost['emit'],
    });
    this.server = createServer((req, res) => {
      this.serve(req, res).catch((e: unknown) => {
        if (!res.headersSent) this.send(res, 500, { code: 500, msg: e instanceof Error ? e.message : 'internal error' });
      });
    });
  }

  get messages(): FakeMessage[] {
    return this.state.messages;
  }

  /** Messages delivered to an open_id or a chat (p2p chats included). */
  messagesTo(id: string): FakeMessage[] {
    return this.state.messages.filter((m) => m.receiveId === id || m.chatId === id);
  }

  /** Requests to one endpoint, e.g. `im.message.create`. */
  requestsTo(api: string): RecordedRequest[] {
    return this.requests.filter((r) => r.api === api);
  }

  fail(matcher: FaultMatcher, opts: FaultOptions = {}): FaultHandle {
    return this.faults.add(matcher, opts);
  }

  /** Every issued tenant_access_token becomes invalid (code 99991663 on next use). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Lets `interactive/v1/card/update` with this callback token update that message (2 uses, as at Lark). */
  registerCardToken(token: string, messageId: string): void {
    this.cardTokens.set(token, { messageId, uses: 0 });
  }

  /** Records a text a person typed (the playground shows both sides of a chat) and emits `message`. */
  recordUserMessage(input: { chatId: string; senderOpenId: string; text: string }): FakeMessage {
    const m = this.state.recordUserMessage(input, this.clock());
    this.emit('message', m);
    return m;
  }

  /**
   * A file a person sends into a chat (the tests' `bot.sendFile`, the playground's file chooser): the file is stored
   * as Lark keeps it, the message recorded with content `{file_key, file_name}`, and `message` emitted. The bot can
   * then ask for it at GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file.
   */
  recordUserFile(input: { chatId: string; senderOpenId: string; fileName: string; data: Buffer }): FakeMessage {
    const file = this.state.files.add({ fileType: 'stream', fileName: input.fileName, data: input.data }, this.clock());
    const m = this.state.recordUserMessage({ chatId: input.chatId, senderOpenId: input.senderOpenId, file }, this.clock());
    this.emit('message', m);
    return m;
  }

  /** A callback answer's `card` replaces the card for everyone, as at Lark (LARK.md §2.1); emits `patch`. */
  applyCallbackCard(messageId: string, card: unknown): FakeMessage {
    const m = this.state.message(messageId);
    if (!m || m.msgType !== 'interactive') throw new LarkFault(400, 230001, 'invalid message_id');
    const patch = { at: this.clock(), content: card };
    m.content = card;
    m.updatedAt = patch.at;
    m.patches.push(patch);
    this.emit('patch', m, patch);
    return m;
  }

  /** Forgets traffic, messages, files, faults and rate windows; keeps directory, chats and tokens. */
  reset(): void {
    this.requests.length = 0;
    this.state.clearTraffic();
    this.faults.clear();
    this.perSecond.clear();
    this.perMinute.clear();
    this.cardTokens.clear();
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    const addr = this.server.address() as AddressInfo;
    this.port = addr.port;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.url = `http://${host}:${addr.port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req, MAX_BODY);
    if (raw === undefined) return this.send(res, 413, { code: 413, msg: 'request body too large' });
    const contentType = req.headers['content-type'];
    const { route, params } = matchRoute(this.routes, method, path);
    let body: Record<string, unknown> = {};
    if (raw.length > 0 && !/multipart\/form-data/i.test(contentType ?? '')) {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        return this.answer(res, this.record('unknown', method, path, query, {}), {
          status: 400, body: { code: 9499, msg: 'Bad Request: body is not JSON' },
        });
      }
    }
    const recorded = route?.api === 'im.file.create'
      ? describeForm(raw, contentType)
      : 'app_secret' in body ? { ...body, app_secret: '[redacted]' } : body;
    const rec = this.record(route?.api ?? 'unknown', method, path, query, recorded);
    if (!route) return this.answer(res, rec, { status: 404, body: { code: 404, msg: `404 page not found: ${method} ${path}` } });

    const fault = this.faults.take({ api: route.api, method, path, query, body });
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && (fault.status !== undefined || fault.code !== undefined)) {
      const status = fault.status ?? 400;
      return this.answer(res, rec, { status, body: { code: fault.code ?? status, msg: fault.msg ?? 'injected failure' } }, fault.headers);
    }
    const now = this.clock();
    if (route.auth) {
      const refused = this.checkAuth(req.headers.authorization, now);
      if (refused) return this.answer(res, rec, refused);
      const limited = this.rateLimit(route.api, now);
      if (limited) return this.answer(res, rec, limited.answer, limited.headers);
    }
    let answer: Answer;
    try {
      answer = route.handle({ params, query, body, raw, contentType, now });
    } catch (e) {
      if (!(e instanceof LarkFault)) throw e;
      answer = { status: e.status, body: { code: e.code, msg: e.message } };
    }
    if (fault?.dropAfterCreate) {
      // Lark did the work, the answer is lost on the way back.
      req.socket.destroy();
      return;
    }
    this.answer(res, rec, answer);
  }

  private checkAuth(header: string | undefined, now: number): Answer | undefined {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) return {
      status: 400, body: { code: 99991661, msg: 'Missing access token for authorization. Please make a request with token attached.' },
    };
    const exp = this.tokens.get(token);
    if (exp === undefined || exp <= now) return {
      status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' },
    };
    return undefined;
  }

  private rateLimit(api: string, now: number): { answer: Answer; headers: Record<string, string> } | undefined {
    const s = this.perSecond.waitMs(api, now);
    const m = this.perMinute.waitMs(api, now);
    if (s === 0 && m === 0) {
      this.perSecond.add(api, now);
      this.perMinute.add(api, now);
      return undefined;
    }
    const limit = m > s ? this.perMinute.limit : this.perSecond.limit;
    return {
      answer: { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' } },
      headers: { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(Math.max(1, Math.ceil(Math.max(s, m) / 1000))) },
    };
  }

  private issueToken(body: Record<string, unknown>, now: number): Answer {
    if (this.opts.appId !== undefined && body.app_id !== this.opts.appId) return { body: { code: 10003, msg: 'invalid param: app_id' } };
    if (this.opts.appSecret !== undefined && body.app_secret !== this.opts.appSecret) {
      return { body: { code: 10014, msg: 'app secret invalid' } };
    }
    const expire = this.opts.tokenExpireSeconds ?? 7200;
    const token = `t-${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, now + expire * 1000);
    return { body: { code: 0, msg: 'ok', tenant_access_token: token, expire } };
  }

  private record(api: string, method: string, path: string, query: Record<string, string>, body: unknown): RecordedRequest {
    const rec: RecordedRequest = { seq: this.requests.length + 1, api, method, path, query, body, time: this.clock() };
    this.requests.push(rec);
    return rec;
  }

  private answer(res: ServerResponse, rec: RecordedRequest, a: Answer, headers?: Record<string, string>): void {
    const status = a.status ?? 200;
    rec.status = status;
    rec.code = typeof a.body.code === 'number' ? a.body.code : undefined;
    const logId = randomBytes(10).toString('hex').toUpperCase();
    if (a.file && status === 200) {
      writeDownload(res, a.file, logId);
      return void this.emit('request', rec);
    }
    const body = rec.code ? { ...a.body, error: { log_id: logId } } : a.body;
    this.send(res, status, body, { 'x-tt-logid': logId, ...headers });
    this.emit('request', rec);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), ...headers });
    res.end(json);
  }
}

/** Starts the fake on 127.0.0.1 (port 0 unless `opts.port`); `fake.url` is the SDK `domain`. */
export async function startFakeLarkServer(opts: FakeLarkOptions = {}): Promise<FakeLark> {
  return new FakeLark(opts).listen();
}
