import { localParts } from '../../src/domain/calendar.js';
import {
  byLeader, lookbackItems, mayCheck, newLookbackId, parseReason, tally, type Lookback, type Outcome,
} from '../../src/domain/ledger/lookback.js';
import { readsAll, type LedgerItem } from '../../src/domain/ledger/item.js';
import { msg } from '../../src/messages/index.js';
import {
  LOOKBACK_PAGE_SIZE, lookbackCheckCard, lookbackSummaryCard, reasonField, type LookbackCheckRow,
} from '../../cards/ledger/lookback.js';
import type { Card } from '../../cards/types.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { reopenItems } from './admin.js';
import { calendarOf, callerOf, denied, tz } from './common.js';
import { resendAt } from '../../src/domain/ledger/resend.js';
import { knownPeople, type People } from '../people.js';
import type { CardHandler } from '../types.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { lookbackDoneKey, lookbackPageKey } from './outbox-keys.js';

/**
 * 回头看 (DESIGN §2.6): an admin starts it; each responsible leader gets their signed-off items to
 * re-check (one card per page, keyed by look-back, leader and page, so a re-delivered start sends
 * nothing twice); each item is confirmed or reopened with a reason (reopening goes through the
 * ledger's own reopen: 整改中, needs a new deadline, admins asked to set one); once every item is
 * checked the admins get the summary. Every step is audited.
 */

const B = msg.lookback;

/** Where an item sits on its leader's cards: the page, and its row on that page (the form field's index). */
function placeOf(lb: Lookback, itemId: string): { leader: string; page: number; row: number } | undefined {
  const entry = lb.items.find((i) => i.id === itemId);
  if (!entry) return undefined;
  const index = (byLeader(lb).get(entry.leader) ?? []).indexOf(itemId);
  return { leader: entry.leader, page: Math.floor(index / LOOKBACK_PAGE_SIZE), row: index % LOOKBACK_PAGE_SIZE };
}

const dayOf = (ms: number, ctx: HandlerCtx) => localParts(ms, tz(ctx)).day;

export async function checkCard(
  lb: Lookback, leader: string, page: number, outcomes: Map<string, Outcome>, people: People, ctx: HandlerCtx,
): Promise<Card> {
  const ids = byLeader(lb).get(leader) ?? [];
  const pages = Math.max(1, Math.ceil(ids.length / LOOKBACK_PAGE_SIZE));
  const items = await ctx.store.ledger.getMany(ids.slice(page * LOOKBACK_PAGE_SIZE, (page + 1) * LOOKBACK_PAGE_SIZE));
  const rows: LookbackCheckRow[] = items.map((item: LedgerItem) => {
    const o = outcomes.get(item.id);
    return {
      id: item.id, seq: item.seq, problem: item.problem, owner: people.nameOf(item.owner),
      ...(item.summary ? { summary: item.summary } : {}), ...(item.review ? { review: item.review } : {}),
      ...(o ? { outcome: { ...o, byName: people.nameOf(o.by), day: dayOf(o.at, ctx) } } : {}),
    };
  });
  return lookbackCheckCard({ lookbackId: lb.id, rows, page, pages });
}

async function summaryCard(lb: Lookback, ctx: HandlerCtx): Promise<Card> {
  const [outcomes, people] = await Promise.all([ctx.store.lookbacks.outcomes(lb.id), knownPeople(ctx)]);
  const items = new Map((await ctx.store.ledger.getMany(lb.items.map((i) => i.id))).map((i) => [i.id, i]));
  const problem = (id: string) => items.get(id)?.problem ?? '—';
  const reopened = [];
  const pending = [];
  for (const e of lb.items) {
    const o = outcomes.get(e.id);
    if (o?.result === 'reopened') {
      reopened.push({ seq: e.seq, problem: problem(e.id), leader: people.nameOf(e.leader), reason: o.reason ?? '' });
    } else if (!o) {
      pending.push({ seq: e.seq, problem: problem(e.id), leader: people.nameOf(e.leader) });
    }
  }
  const started = localParts(lb.startedAt, tz(ctx));
  return lookbackSummaryCard({
    lookbackId: lb.id, startedBy: people.nameOf(lb.startedBy), startedAt: `${started.day} ${started.time}`,
    tally: tally(lb, outcomes), reopened, pending,
  });
}

/** 回头看 (admins): every signed-off item to its responsible leader for a re-check. */
export const onLookbackStart: CardHandler<'lb.start'> = async (_a, event, ctx) => {
  const caller = await callerOf(event.operatorOpenId, ctx);
  if (!hasAnyRole(caller.roles, 'admin')) return denied();
  const entries = lookbackItems(await ctx.store.ledger.list());
  if (!entries.length) return toast('info', B.toast.nothing);
  // A double click would start two look-backs (two sets of cards to every leader).
  if (!(await ctx.store.kv.claimOnce('lookback-start', 60))) return toast('warning', B.toast.justStarted);
  const lb: Lookback = { id: newLookbackId(), startedAt: ctx.now(), startedBy: caller.openId, items: entries };
  await ctx.store.lookbacks.create(
    lb, { at: lb.startedAt, actor: caller.openId, action: 'ledger.lookback_start', detail: { lookback: lb.id, items: entries.length } },
  );
  const people = await knownPeople(ctx);
  const empty = new Map<string, Outcome>();
  const leaders = byLeader(lb);
  const messages = [];
  for (const [leader, ids] of leaders) {
    for (let page = 0; page * LOOKBACK_PAGE_SIZE < ids.length; page++) {
      const card = await checkCard(lb, leader, page, empty, people, ctx);
      messages.push({ key: lookbackPageKey(lb.id, leader, page), to: { openId: leader }, body: { type: 'card' as const, card } });
    }
  }
  await ctx.outbox.sendMany(messages);
  // Lark stops 2.0 cards after 14 days: cards still needed then are re-sent (resendLookback).
  await ctx.ledgerJobs.lookback(lb.id, 1, resendAt(lb.startedAt, calendarOf(ctx)));
  ctx.log.info({ lookback: lb.id, items: entries.length, leaders: leaders.size }, 'look-back started');
  return toast('success', B.toast.started(entries.length, leaders.size));
};

/** After a check: the leader's card shows it (in place), and the admins get the summary once all are checked. */
async function afterCheck(lb: Lookback, itemId: string, operator: string, ctx: HandlerCtx) {
  const place = placeOf(lb, itemId)!;
  const [outcomes, people, gen] = await Promise.all([
    ctx.store.lookbacks.outcomes(lb.id), knownPeople(ctx), ctx.store.lookbacks.gen(lb.id),
  ]);
  const card = await checkCard(lb, place.leader, place.page, outcomes, people, ctx);
  // The leader's current card shows the check (after a re-send they may have clicked an older one).
  // A card the leader deleted (or Lark recalled) comes back as a new message showing the check.
  const key = lookbackPageKey(lb.id, place.leader, place.page, gen);
  if (operator !== place.leader || gen > 0) await ctx.outbox.patch(key, card, { repostTo: { openId: place.leader } });
  if (tally(lb, outcomes).done) {
    const summary = await summaryCard(lb, ctx);
    await ctx.outbox.sendMany((await ctx.roles.admins()).map((openId) => ({
      key: lookbackDoneKey(lb.id, openId), to: { openId }, body: { type: 'card' as const, card: summary },
    })));
  }
  return operator === place.leader ? card : undefined;
}

async function loadCheck(
  lbId: string, itemId: string, operator: string, ctx: HandlerCtx,
): Promise<{ lb: Lookback } | { answer: CardAnswer }> {
  const lb = await ctx.store.lookbacks.get(lbId);
  if (!lb) return { answer: toast('warning', B.toast.notFound) };
  if (!mayCheck(lb, itemId, await callerOf(operator, ctx))) return { answer: denied() };
  return { lb };
}

/** 整改到位: the item holds. Recorded once per item. */
export const onLookbackHolds: CardHandler<'lb.holds'> = async (a, event, ctx) => {
  const g = await loadCheck(a.lb, a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  const [item, outcomes] = await Promise.all([ctx.store.ledger.get(a.id), ctx.store.lookbacks.outcomes(a.lb)]);
  if (outcomes.has(a.id)) return toast('warning', B.toast.already);
  // Reopened meanwhile (a low satisfaction round, an admin): it no longer holds.
  if (!item || item.status !== 'closed') return toast('warning', B.toast.notClosed);
  const now = ctx.now();
  const r = await ctx.store.lookbacks.record(a.lb, a.id, { result: 'holds', by: event.operatorOpenId, at: now },
    { at: now, actor: event.operatorOpenId, action: 'ledger.lookback_holds', detail: { lookback: a.lb, id: a.id } });
  if (r === 'already') return toast('warning', B.toast.already);
  const card = await afterCheck(g.lb, a.id, event.operatorOpenId, ctx);
  return card ? withCard(toast('success', B.toast.holds), card) : toast('success', B.toast.holds);
};

/** 重新整改: reopened with the reason typed on the card (required); the ledger asks the admins for a new deadline. */
export const onLookbackReopen: CardHandler<'lb.reopen'> = async (a, event, ctx) => {
  const g = await loadCheck(a.lb, a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  const reason = parseReason(event.formValue, reasonField(placeOf(g.lb, a.id)!.row));
  if (!reason) return toast('error', B.toast.needReason);
  const item = await ctx.store.ledger.get(a.id);
  if (!item || item.status !== 'closed') return toast('warning', B.toast.notClosed);
  const now = ctx.now();
  // Claim the check (one outcome per item, whoever clicks first), then reopen; audited once it went through.
  const r = await ctx.store.lookbacks.record(a.lb, a.id, { result: 'reopened', by: event.operatorOpenId, at: now, reason });
  if (r === 'already') return toast('warning', B.toast.already);
  const { reopened } = await reopenItems([a.id], reason, event.operatorOpenId, ctx);
  if (!reopened.length) {
    // The item moved meanwhile: take the outcome back so the check can be made again; nothing else changed.
    await ctx.store.lookbacks.unrecord(a.lb, a.id);
    return toast('warning', B.toast.notClosed);
  }
  await ctx.store.audit.add({
    at: now, actor: event.operatorOpenId, action: 'ledger.lookback_reopen', detail: { lookback: a.lb, id: a.id },
  });
  const card = await afterCheck(g.lb, a.id, event.operatorOpenId, ctx);
  return card ? withCard(toast('success', B.toast.reopened), card) : toast('success', B.toast.reopened);
};

/** 回头看结果: the latest (or the named) look-back's summary, for those who read the whole ledger. */
export const onLookbackSummary: CardHandler<'lb.summary'> = async (a, event, ctx) => {
  if (!readsAll(await callerOf(event.operatorOpenId, ctx))) return denied();
  const id = a.lb ?? (await ctx.store.lookbacks.latestId());
  const lb = id ? await ctx.store.lookbacks.get(id) : undefined;
  if (!lb) return toast('info', B.toast.nothing);
  return withCard({}, await summaryCard(lb, ctx));
};
