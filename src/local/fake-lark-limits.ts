/** Sliding-window counters and fault injection for the fake Lark server. */

/** Counts accepted calls per key in the last `windowMs`; answers how long until one more fits. */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** 0 when a call fits now, else the milliseconds until the oldest call leaves the window. */
  waitMs(key: string, now: number): number {
    const list = this.prune(key, now);
    if (list.length < this.limit) return 0;
    return list[list.length - this.limit] + this.windowMs - now;
  }

  add(key: string, now: number): void {
    const list = this.prune(key, now);
    list.push(now);
    this.hits.set(key, list);
  }

  clear(): void {
    this.hits.clear();
  }

  private prune(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    let drop = 0;
    while (drop < list.length && list[drop] <= now - this.windowMs) drop++;
    return drop ? list.slice(drop) : list;
  }
}

/** What a fault matcher sees about a request. */
export interface FaultRequest {
  /** Endpoint name, e.g. `im.message.create` (see ROUTES in fake-lark-server.ts). */
  api: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export type FaultMatcher = string | RegExp | ((req: FaultRequest) => boolean);

export interface FaultOptions {
  /** HTTP status of the injected failure (default 400 with a `code`, else 500). */
  status?: number;
  /** Lark `code` in the body (default `status` itself). */
  code?: number;
  msg?: string;
  /** How many matching requests are affected (default 1; `Infinity` for all). */
  times?: number;
  /** Answer this much later (alone: a slow but normal answer). */
  delayMs?: number;
  /** Handle the request (create the message), then drop the connection without answering. */
  dropAfterCreate?: boolean;
  /** Extra response headers, e.g. `x-ogw-ratelimit-reset` with status 429. */
  headers?: Record<string, string>;
}

export interface FaultHandle {
  readonly hits: number;
  cancel(): void;
}

interface Fault {
  matcher: FaultMatcher;
  opts: FaultOptions;
  left: number;
  hits: number;
}

function matches(m: FaultMatcher, req: FaultRequest): boolean {
  if (typeof m === 'function') return m(req);
  if (m instanceof RegExp) return m.test(`${req.method} ${req.path}`) || m.test(req.api);
  return m === req.api || m === req.path || m === `${req.method} ${req.path}`;
}

export class Faults {
  private list: Fault[] = [];

  add(matcher: FaultMatcher, opts: FaultOptions): FaultHandle {
    const f: Fault = { matcher, opts, left: opts.times ?? 1, hits: 0 };
    this.list.push(f);
    return {
      get hits() {
        return f.hits;
      },
      cancel: () => {
        this.list = this.list.filter((x) => x !== f);
      },
    };
  }

  /** The first live fault matching `req`, used up by one. */
  take(req: FaultRequest): FaultOptions | undefined {
    const f = this.list.find((x) => x.left > 0 && matches(x.matcher, req));
    if (!f) return undefined;
    f.left -= 1;
    f.hits += 1;
    if (f.left <= 0) this.list = this.list.filter((x) => x !== f);
    return f.opts;
  }

  clear(): void {
    this.list = [];
  }
}
