import { expect } from 'vitest';
import { newLinkId, newLinkToken, type Link, type LinkRecord } from '../../src/domain/outreach/link.js';
import type { TestBot } from './bot.js';
import { TEST_START } from './clock.js';

/** The public outreach page under test (issue #17): links made in the store, rounds opened by an admin, plain HTTP. */

export const ADMIN = 'ou_admin_liu';
const day = (offset: number) => `${new Date(TEST_START + offset * 86_400_000).toISOString().slice(0, 10)} +0800`;

/** A link straight in the store (the chat command that makes them is tested on its own). */
export async function newLink(
  bot: Pick<TestBot, 'service'>, over: Partial<LinkRecord> & { validUntil?: number } = {},
): Promise<Link> {
  const ctx = bot.service.deps.ctx;
  const { validUntil, ...rest } = over;
  const record: LinkRecord = {
    id: newLinkId(), token: newLinkToken(), contact: '某某公司', source: 'enterprise', day: '2027-03-02', group: '_other', cap: 200,
    createdBy: ADMIN, createdAt: ctx.now(), ...rest,
  };
  return ctx.store.outreachLinks.create(record, validUntil ?? ctx.now() + 2 * 86_400_000,
    { at: ctx.now(), actor: ADMIN, action: 'outreach.create', detail: { id: record.id } });
}

/** An outreach round for a visit, created and opened by the admin (ballots by direct message). */
export async function openOutreachRound(bot: Pick<TestBot, 'click' | 'service' | 'idle'>, contact: string): Promise<string> {
  await bot.click(ADMIN, { a: 'ev.outreachNew' });
  const r = await bot.click(ADMIN, { a: 'ev.outreachCreate' }, {
    or_contact: contact, or_source: 'enterprise', or_day: day(0), or_closes: day(2), or_k: '3', or_delivery: 'dm',
  });
  expect(r.toast.type, JSON.stringify(r)).toBe('success');
  const id = (await bot.service.deps.ctx.store.evaluations.list()).find((x) => x.title.includes(contact))!.id;
  expect((await bot.click(ADMIN, { a: 'ev.open', round: id })).toast.type).toBe('success');
  await bot.idle();
  return id;
}

/** The CSRF token a page's form carries. */
export const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The receipt code a receipt page shows (ABCD-EFGH). */
export const codeOf = (html: string) => /id="receipt-code">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(html)?.[1];

export interface PageAnswer { status: number; text: string; headers: Headers }

/** Plain HTTP to the page, from `address` (sent as X-Forwarded-For: the bot runs with TRUST_PROXY=1). */
export function pageClient(url: string, address: string, extra: Record<string, string> = {}) {
  const go = async (path: string, init: RequestInit = {}): Promise<PageAnswer> => {
    const res = await fetch(`${url}${path}`, { ...init, redirect: 'manual',
      headers: { 'x-forwarded-for': address, ...extra, ...(init.headers as Record<string, string> | undefined) } });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  return {
    get: (path: string) => go(path),
    post: (path: string, form: Record<string, string> | string, headers: Record<string, string> = {}) => go(path, {
      method: 'POST', body: typeof form === 'string' ? form : new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    }),
  };
}

/** What a refused request must leave as it was: the opinions, every channel's tallies of the round, the link's entries. */
export async function snapshot(bot: Pick<TestBot, 'service'>, roundId?: string, linkId?: string) {
  const s = bot.service.deps.ctx.store;
  return JSON.stringify({
    opinions: (await s.opinions.counts()).total ?? 0,
    tallies: roundId ? await s.evaluations.channels.tallies(roundId) : [],
    entries: linkId ? (await s.outreachLinks.get(linkId))?.entries : undefined,
  });
}
