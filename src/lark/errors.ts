/**
 * Failures of Lark OpenAPI calls, wrapped once at the edge (src/lark/client.ts) so callers see one
 * shape: the Lark `code`, the HTTP status, the method name and what to do about it (`kind`).
 * Codes: LARK.md §4.4 and https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code
 */
type LarkErrorKind = 'rate_limited' | 'transient' | 'permanent' | 'unknown';

/** Codes below 0 are ours: the call never got a Lark answer. */
const NETWORK_ERROR = -1;
const TIMEOUT_ERROR = -2;

const RATE_LIMIT_CODES = new Set([
  99991400, // app rate limit (HTTP 429, older APIs HTTP 400)
  230020, // per user / chat / message frequency limit
]);

const PERMANENT_CODES = new Set([
  10003, // invalid app_id
  10014, // invalid app_secret
  99991672, // app lacks a scope
  99991679, // user lacks a permission
  230001, // invalid request parameter
  230002, // bot not in the chat
  230006, // bot capability not enabled / not released
  230011, // message recalled
  230013, // user outside the app's availability scope (also people who left)
  230025, // content too long
  230027, // lacks permission / not allowed in an external chat
  230031, // a message can be updated within 14 days of its send only
  230099, // card content could not be created
  232006, // invalid chat_id
  232009, // chat dissolved
  232010, // operator and chat in different tenants
  232011, // operator (the bot) not in the chat
  234001, // message resource: invalid parameter (message_id, file_key or type)
  234003, // message resource: the file is not in that message
  234037, // message resource: the file is over the 100 MB download limit
  234043, // message resource: a merged-forward, sub- or card message (not supported)
  99992402, // field validation failed
]);

/** "This person or chat cannot be reached": reported to the admins and left out of turnout. */
const UNREACHABLE_CODES = new Set([230013, 230002, 232009]);

/**
 * "This message is gone": recalled (230011 "The message is recalled."), or deleted, whereupon a patch answers
 * 230001 with `ext=invalid message_id` (doc "How to resolve error 230001"). 230001 alone is any bad parameter.
 */
const RECALLED = 230011;
const INVALID_PARAMETER = 230001;

/** Lark's own server errors, worth a retry. */
const TRANSIENT_CODES = new Set([1500, 1503, 99991663, 99991664]);

const HINTS: Record<number, string> = {
  10003: 'check LARK_APP_ID',
  10014: 'check LARK_APP_SECRET',
  99991663: 'the tenant_access_token was refused; check LARK_APP_ID / LARK_APP_SECRET',
  99991672: 'the app lacks a scope: add it in the developer console (Permissions & Scopes) and publish a new version',
  230006: 'enable the bot capability in the developer console and publish a new version',
  230013: 'the person is outside the app\'s availability scope (or has left): widen the scope in the developer console',
  230002: 'the bot is not in this chat: add it to the group',
  230025: 'shorten the text or split the card (cards ≤ 30 KB, text ≤ 150 KB)',
  230099: 'Lark refused the card JSON; see the msg for the failing element',
};

export class LarkApiError extends Error {
  override name = 'LarkApiError';
  readonly code: number;
  readonly httpStatus: number | undefined;
  readonly method: string;
  readonly msg: string;
  readonly logId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly kind: LarkErrorKind;

  constructor(init: {
    code: number;
    method: string;
    msg: string;
    httpStatus?: number;
    logId?: string;
    retryAfterMs?: number;
    kind?: LarkErrorKind;
  }) {
    const hint = HINTS[init.code];
    super(`Lark ${init.method} failed: ${init.code} ${init.msg}${hint ? ` (${hint})` : ''}`);
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.method = init.method;
    this.msg = init.msg;
    this.logId = init.logId;
    this.retryAfterMs = init.retryAfterMs;
    this.kind = init.kind ?? classify(init.code, init.httpStatus);
  }
}

function classify(code: number, httpStatus?: number): LarkErrorKind {
  if (httpStatus === 429 || RATE_LIMIT_CODES.has(code)) return 'rate_limited';
  if (PERMANENT_CODES.has(code)) return 'permanent';
  if (code === NETWORK_ERROR || code === TIMEOUT_ERROR || TRANSIENT_CODES.has(code)) return 'transient';
  if (httpStatus !== undefined && httpStatus >= 500) return 'transient';
  return 'unknown';
}

export function isLarkApiError(e: unknown): e is LarkApiError {
  return e instanceof LarkApiError;
}

export function isUnreachableRecipient(e: unknown): boolean {
  return isLarkApiError(e) && UNREACHABLE_CODES.has(e.code);
}

/** A patch (or reply) refused because its message was recalled or deleted: a new message is the only way on. */
export function isMessageGone(e: unknown): boolean {
  if (!isLarkApiError(e)) return false;
  return e.code === RECALLED || (e.code === INVALID_PARAMETER && /invalid message_id/i.test(e.msg));
}

interface AxiosLike {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

interface LarkBody {
  code?: unknown;
  msg?: unknown;
  error?: { log_id?: unknown };
}

function asBody(v: unknown): LarkBody | undefined {
  return v !== null && typeof v === 'object' ? (v as LarkBody) : undefined;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  // axios normalises header names to lower case; AxiosHeaders also has get().
  const h = headers as Record<string, unknown> & { get?: (n: string) => unknown };
  const v = typeof h.get === 'function' ? h.get(name) : h[name];
  return v === undefined || v === null ? undefined : String(v);
}

/** Seconds from `x-ogw-ratelimit-reset` (LARK.md §4.4) as milliseconds. */
function retryAfter(headers: Record<string, unknown> | undefined): number | undefined {
  const reset = header(headers, 'x-ogw-ratelimit-reset');
  const s = reset === undefined ? NaN : Number(reset);
  return Number.isFinite(s) && s >= 0 ? Math.ceil(s * 1000) : undefined;
}

/** The SDK's token manager throws a plain Error: `failed to get tenant_access_token, code: X, msg: Y`. */
const TOKEN_ERROR = /failed to get \w+, code: (-?\d+|unknown), msg: (.*)$/s;

/**
 * Turns whatever the SDK produced into a LarkApiError: an AxiosError (non-2xx, network, timeout),
 * a 2xx body whose `code` ≠ 0, or the token manager's plain Error. LarkApiErrors pass through.
 */
export function wrapLarkError(method: string, err: unknown): LarkApiError {
  if (err instanceof LarkApiError) return err;
  const ax = (err ?? {}) as AxiosLike;
  if (ax.isAxiosError) {
    const res = ax.response;
    if (!res) {
      const timeout = ax.code === 'ECONNABORTED' || ax.code === 'ETIMEDOUT' || /timeout/i.test(ax.message ?? '');
      return new LarkApiError({
        code: timeout ? TIMEOUT_ERROR : NETWORK_ERROR,
        method,
        msg: `${timeout ? 'timeout' : 'network error'}: ${ax.code ?? ''} ${ax.message ?? ''}`.trim(),
      });
    }
    const body = asBody(res.data);
    const code = typeof body?.code === 'number' ? body.code : res.status ?? 0;
    return new LarkApiError({
      code,
      method,
      msg: typeof body?.msg === 'string' ? body.msg : `HTTP ${res.status}`,
      httpStatus: res.status,
      logId: typeof body?.error?.log_id === 'string' ? body.error.log_id : header(res.headers, 'x-tt-logid'),
      retryAfterMs: retryAfter(res.headers),
    });
  }
  const body = asBody(err);
  if (body && typeof body.code === 'number' && !(err instanceof Error)) {
    return fromBody(method, body, 200);
  }
  const m = err instanceof Error ? TOKEN_ERROR.exec(err.message) : null;
  if (m) {
    const code = m[1] === 'unknown' ? 0 : Number(m[1]);
    return new LarkApiError({
      code,
      method,
      msg: `tenant_access_token: ${m[2]}`,
      // A refused app id / secret is a configuration error, not something a retry fixes.
      kind: code === 0 ? 'transient' : code === 10003 || code === 10014 ? 'permanent' : undefined,
    });
  }
  return new LarkApiError({ code: NETWORK_ERROR, method, msg: err instanceof Error ? err.message : String(err) });
}

/** A 2xx answer with `code` ≠ 0 (the SDK resolves those instead of throwing). */
export function fromBody(method: string, body: unknown, httpStatus = 200): LarkApiError {
  const b = asBody(body) ?? {};
  return new LarkApiError({
    code: typeof b.code === 'number' ? b.code : 0,
    method,
    msg: typeof b.msg === 'string' ? b.msg : 'unexpected answer',
    httpStatus,
    logId: typeof b.error?.log_id === 'string' ? b.error.log_id : undefined,
  });
}
