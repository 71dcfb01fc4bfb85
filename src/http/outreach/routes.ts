import type { Context, Middleware, Next } from 'koa';
import helmet from 'koa-helmet';
import {
  pageFields, pageQuestions, pageValues, parsePageForm, PAGE_FIELD, type PageFormError, type PageValues,
} from '../../domain/outreach/page-form.js';
import { msg } from '../../messages/index.js';
import type { HandlerCtx } from '../../../handlers/context.js';
import { linkPage, lookupForPage, pageTargets, takeEntry, type LinkPage } from '../../../handlers/outreach/page.js';
import { BodyTooLarge, readRawBody } from '../raw-body.js';
import { ASSETS, type AssetName } from './assets.js';
import { clientAddress } from './client-address.js';
import { checkCsrf, LOOKUP_BINDING, mintCsrf } from './csrf.js';
import { lookupLink, messagePage } from './html.js';
import { overLimit, type PageLimitKind } from './limits.js';
import { formPage, lookupPage, receiptPage } from './pages.js';

/**
 * The public outreach page (issue #17): `/o/<token>`, `/o/lookup`, `/o/assets/…`; anything else under `/o/` is a 404
 * page. Transport only: the decisions are in handlers/outreach/page.ts and src/domain/outreach/page-form.ts. No
 * cookie; nothing logged but the route and its outcome (never the address, user agent, body or token).
 */

export interface OutreachDeps {
  ctx: HandlerCtx;
  /** TRUST_PROXY=1: the client address is X-Forwarded-For's rightmost entry. */
  trustProxy: boolean;
}

/** The only outcomes counted (metrics) and logged. */
type Outcome = 'ok' | 'expired' | 'revoked' | 'full' | 'limited' | 'csrf' | 'invalid' | 'honeypot';

const BODY_LIMIT = 16 * 1024;
const P = msg.outreachPage.pages;
const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'"], formAction: ["'self'"],
    baseUri: ["'none'"], frameAncestors: ["'none'"],
  },
};

export function outreachRoutes(deps: OutreachDeps): Middleware {
  const headers = helmet({ contentSecurityPolicy: CSP, referrerPolicy: { policy: 'no-referrer' } });
  return async function outreachPage(koaCtx: Context, next: Next): Promise<void> {
    if (koaCtx.path !== '/o' && !koaCtx.path.startsWith('/o/')) return next();
    await headers(koaCtx, async () => {
      koaCtx.set('X-Robots-Tag', 'noindex, nofollow');
      try {
        await route(koaCtx, deps);
      } catch (e) {
        // No request detail: the error's name only (a store error's message could quote a key).
        deps.ctx.log.error({ route: 'outreach', err: e instanceof Error ? e.name : 'error' }, 'outreach page failed');
        html(koaCtx, 500, messagePage(P.errorTitle, P.error));
      }
    });
  };
}

function html(koaCtx: Context, status: number, body: string): void {
  koaCtx.status = status;
  koaCtx.type = 'text/html; charset=utf-8';
  koaCtx.set('Cache-Control', 'no-store');
  koaCtx.body = body;
}

async function route(koaCtx: Context, deps: OutreachDeps): Promise<void> {
  const rest = koaCtx.path.slice('/o/'.length);
  const method = koaCtx.method === 'HEAD' ? 'GET' : koaCtx.method;
  const allowed = rest.startsWith('assets/') ? ['GET'] : ['GET', 'POST'];
  if (!allowed.includes(method)) {
    koaCtx.set('Allow', allowed.join(', '));
    return html(koaCtx, 405, messagePage(P.badTitle, P.bad));
  }
  if (rest.startsWith('assets/')) return asset(koaCtx, rest.slice('assets/'.length));
  const r = new Route(koaCtx, deps, rest === 'lookup' ? 'lookup' : 'link');
  if (rest === 'lookup') return method === 'GET' ? r.lookupForm() : r.lookup();
  const page = await linkPage(rest, deps.ctx);
  if (!page) return html(koaCtx, 404, messagePage(P.notFoundTitle, P.notFound));
  return method === 'GET' ? r.view(page) : r.submit(page);
}

function asset(koaCtx: Context, name: string): void {
  const a = Object.hasOwn(ASSETS, name) ? ASSETS[name as AssetName] : undefined;
  if (!a) return html(koaCtx, 404, messagePage(P.notFoundTitle, P.notFound));
  koaCtx.type = a.type;
  // Addressed by a content hash (assetPath), so a year's cache is safe.
  koaCtx.set('Cache-Control', 'public, max-age=31536000, immutable');
  koaCtx.body = a.body;
}

const STATE_PAGES = {
  expired: [P.expiredTitle, P.expired], revoked: [P.revokedTitle, P.revoked], full: [P.fullTitle, P.full],
} as const;

/** One request to the page or the look-up: its answer, counted and logged by outcome. */
class Route {
  constructor(private koaCtx: Context, private deps: OutreachDeps, private name: 'link' | 'lookup') {}

  private get ctx() { return this.deps.ctx; }

  private done(outcome: Outcome | undefined, status: number, body: string): void {
    if (outcome) {
      this.ctx.metrics.outreachPage.inc({ outcome });
      this.ctx.log.info({ route: `outreach.${this.name}`, outcome }, 'outreach page');
    }
    html(this.koaCtx, status, body);
  }

  private limited(kind: PageLimitKind): Promise<boolean> {
    return overLimit(kind, clientAddress(this.koaCtx.req, this.deps.trustProxy), this.ctx);
  }

  /** The urlencoded body's fields; undefined when refused (the answer is sent). */
  private async fields(): Promise<Record<string, string> | undefined> {
    if (!this.koaCtx.is('application/x-www-form-urlencoded')) {
      this.done('invalid', 415, messagePage(P.badTitle, P.bad));
      return undefined;
    }
    let raw: Buffer;
    try {
      raw = await readRawBody(this.koaCtx.req, BODY_LIMIT);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      this.done('invalid', 413, messagePage(P.tooLargeTitle, P.tooLarge));
      return undefined;
    }
    const f = pageFields(raw.toString('utf8'));
    if (!f) this.done('invalid', 400, messagePage(P.badTitle, P.bad));
    return f;
  }

  /** Spends the form's CSRF token (bound to `binding`); false when refused (the answer is sent). */
  private async spend(binding: string, token: string | undefined): Promise<boolean> {
    const c = checkCsrf(this.ctx.anonSecret, binding, token, this.ctx.now());
    if (c.ok && (await this.ctx.store.outreachLinks.useNonce(c.nonce, c.ttlMs))) return true;
    this.done('csrf', 403, messagePage(P.csrfTitle, P.csrf));
    return false;
  }

  private form(page: LinkPage, status: number, outcome: Outcome | undefined, values?: PageValues, errors?: PageFormError[]): void {
    const { link, round } = page;
    const ratings = round
      ? round.open ? { title: round.meta.title, questions: pageQuestions(round.meta), scale: round.meta.scale } : 'closed' as const
      : undefined;
    this.done(outcome, status, formPage({
      csrf: mintCsrf(this.ctx.anonSecret, link.id, this.ctx.now()), contact: link.contact, day: link.day,
      targets: pageTargets(this.ctx), ...(ratings ? { ratings } : {}), ...(values ? { values } : {}), ...(errors ? { errors } : {}),
    }));
  }

  private stateRefused(state: keyof typeof STATE_PAGES): void {
    const [title, text] = STATE_PAGES[state];
    this.done(state, 410, messagePage(title, text, lookupLink()));
  }

  async view(page: LinkPage): Promise<void> {
    if (page.state !== 'open') return this.stateRefused(page.state);
    if (await this.limited('view')) return this.done('limited', 429, messagePage(P.limitedTitle, P.limited));
    this.form(page, 200, undefined);
  }

  /** Link, state, address limit, honeypot, CSRF, form; then the entry (the cap), the ratings and the opinion. */
  async submit(page: LinkPage): Promise<void> {
    const f = await this.fields();
    if (!f) return;
    if (page.state !== 'open') return this.stateRefused(page.state);
    if (await this.limited('submit')) return this.done('limited', 429, messagePage(P.limitedTitle, P.limited));
    if (f[PAGE_FIELD.honeypot]) return this.done('honeypot', 400, messagePage(P.badTitle, P.bad));
    if (!(await this.spend(page.link.id, f[PAGE_FIELD.csrf]))) return;
    const targets = pageTargets(this.ctx).map((x) => x.key);
    const parsed = parsePageForm(f, { targets, ...(page.round ? { round: page.round } : {}) });
    if (!parsed.ok) return this.form(page, 400, 'invalid', parsed.values, parsed.errors);
    const r = await takeEntry(page, parsed.entry, this.ctx);
    if (r.ok) return this.done('ok', 200, receiptPage({ code: r.code, rated: r.rated }));
    if (r.reason === 'missing') return this.done('invalid', 404, messagePage(P.notFoundTitle, P.notFound));
    if (r.reason === 'roundClosed') {
      const closed = page.round ? { ...page, round: { ...page.round, open: false } } : page;
      return this.form(closed, 400, 'invalid', pageValues(f), ['roundClosed']);
    }
    if (r.reason === 'ratingsInvalid') return this.done('invalid', 400, messagePage(P.badTitle, P.bad));
    this.stateRefused(r.reason);
  }

  async lookupForm(): Promise<void> {
    if (await this.limited('view')) return this.done('limited', 429, messagePage(P.limitedTitle, P.limited));
    this.done(undefined, 200, lookupPage({ csrf: mintCsrf(this.ctx.anonSecret, LOOKUP_BINDING, this.ctx.now()) }));
  }

  async lookup(): Promise<void> {
    const f = await this.fields();
    if (!f) return;
    if (await this.limited('lookup')) return this.done('limited', 429, messagePage(P.limitedTitle, P.limited));
    if (!(await this.spend(LOOKUP_BINDING, f[PAGE_FIELD.csrf]))) return;
    const csrf = mintCsrf(this.ctx.anonSecret, LOOKUP_BINDING, this.ctx.now());
    const r = await lookupForPage(f[PAGE_FIELD.code] ?? '', this.ctx);
    if (r.ok) return this.done('ok', 200, lookupPage({ csrf, answer: r.answer }));
    this.done('invalid', r.error === 'badCode' ? 400 : 404, lookupPage({ csrf, code: f[PAGE_FIELD.code], error: r.error }));
  }
}
