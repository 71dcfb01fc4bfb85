import {
  LIST_FILTERS, displayFlag, isOwner, matchesFilter, may, readsAll, type Caller, type ListFilter,
} from '../../src/domain/ledger/item.js';
import { msg } from '../../src/messages/index.js';
import { LEDGER_PAGE_SIZE, ledgerListCard } from '../../cards/ledger/item.js';
import type { Card } from '../../cards/types.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { callerOf, denied, itemCardFor, tz } from './common.js';
import { knownPeople } from '../people.js';
import { respond } from '../respond.js';
import type { CommandCall, CardHandler } from '../types.js';
import { hasAnyRole } from '../../src/domain/commands.js';

/**
 * `整改` / `ledger` (DESIGN §2.6): owners (and responsible leaders) see their own items; admins,
 * supervisors and the top leader see the whole ledger, filterable by status and leader. Opening
 * an item shows only the actions the caller may take; supervisors change nothing.
 */

interface ListQuery { page: number; status: ListFilter; leader?: string }

async function listCardFor(caller: Caller, q: ListQuery, ctx: HandlerCtx): Promise<Card> {
  const now = ctx.now();
  const all = await ctx.store.ledger.list();
  const reads = readsAll(caller);
  // Drafts are the office's work in progress: owners see their items once they start.
  const visible = reads ? all : all.filter((i) => i.status !== 'draft' && (isOwner(i, caller.openId) || i.leader === caller.openId));
  const matching = reads ? visible.filter((i) => matchesFilter(i, q, now, tz(ctx))) : visible;
  const pages = Math.max(1, Math.ceil(matching.length / LEDGER_PAGE_SIZE));
  const page = Math.min(q.page, pages - 1);
  const people = await knownPeople(ctx);
  const admin = hasAnyRole(caller.roles, 'admin');
  return ledgerListCard({
    items: matching.slice(page * LEDGER_PAGE_SIZE, (page + 1) * LEDGER_PAGE_SIZE)
      .map((item) => ({ item, flag: displayFlag(item, now, tz(ctx)) })),
    total: matching.length, page, status: reads ? q.status : 'all', ...(reads && q.leader ? { leader: q.leader } : {}),
    leaders: people.leaders, names: people.names, mine: !reads, canCreate: may('create', caller),
    readOnlyNote: hasAnyRole(caller.roles, 'supervisor') && !admin,
    canExport: reads, canLookback: admin,
  });
}

export async function onLedger(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const caller = { openId: cmd.callerOpenId, roles: cmd.roles };
  // Asked in a group, the list goes by direct message: "my items" are personal, and the whole ledger holds
  // drafts (office work, possibly an opinion's words not yet reworded) and the office's buttons. The group's
  // view of the ledger is the public board.
  await respond(cmd, { type: 'card', card: await listCardFor(caller, { page: 0, status: 'all' }, ctx) }, ctx, { personal: true });
}

export const onLedgerList: CardHandler<'lg.list'> = async (a, event, ctx) => {
  const caller = await callerOf(event.operatorOpenId, ctx);
  const view = { page: a.page, status: a.status ?? 'all', ...(a.leader ? { leader: a.leader } : {}) };
  return withCard({}, await listCardFor(caller, view, ctx));
};

/** 导出台账 (admins, supervisors, the top leader): the XLSX is built in the export queue and sent by direct message. */
export const onLedgerExport: CardHandler<'lg.export'> = async (_a, event, ctx) => {
  const caller = await callerOf(event.operatorOpenId, ctx);
  if (!readsAll(caller)) return denied();
  await ctx.exports.enqueue({ kind: 'ledger-export', format: 'xlsx', requester: caller.openId, requestId: event.eventId });
  await ctx.store.audit.add({ at: ctx.now(), actor: caller.openId, action: 'ledger.export', detail: { format: 'xlsx' } });
  return toast('success', msg.report.exportQueued);
};

export const onLedgerFilter: CardHandler<'lg.filter'> = async (_a, event, ctx) => {
  const caller = await callerOf(event.operatorOpenId, ctx);
  if (!readsAll(caller)) return denied();
  const fv = event.formValue ?? {};
  const status = (LIST_FILTERS as readonly unknown[]).includes(fv.lg_f_status) ? (fv.lg_f_status as ListFilter) : 'all';
  const people = await knownPeople(ctx);
  const leader = typeof fv.lg_f_leader === 'string' && people.ids.has(fv.lg_f_leader) ? fv.lg_f_leader : undefined;
  return withCard({}, await listCardFor(caller, { page: 0, status, ...(leader ? { leader } : {}) }, ctx));
};

export const onLedgerOpen: CardHandler<'lg.open'> = async (a, event, ctx) => {
  const item = await ctx.store.ledger.get(a.id);
  if (!item) return toast('warning', msg.ledger.toast.notFound);
  const caller = await callerOf(event.operatorOpenId, ctx);
  if (!may('view', caller, item)) return denied();
  return withCard({}, await itemCardFor(item, caller.openId, ctx, { showBack: true }));
};
