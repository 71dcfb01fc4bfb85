import { calendarOf, tz } from '../campaign-time.js';
import { pendingCandidates } from '../../src/domain/ledger/ladder.js';
import { keepsDone } from '../../src/domain/ledger/resend.js';
import type { Changed, Transition } from '../../src/domain/ledger/transitions.js';
import { displayFlag, may, type LedgerAction, type LedgerItem } from '../../src/domain/ledger/item.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import type { UpdateResult } from '../../src/store/ledger.js';
import { ledgerItemCard } from '../../cards/ledger/item.js';
import type { Card } from '../../cards/types.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople, type People } from '../people.js';
import { callerRoles } from '../access.js';
import { notifyNamed } from '../opinions/notify.js';

/** Shared by the ledger handlers and the ladder job: the calendar, the viewer's card, applying a change. */

const L = msg.ledger;
const ALL_ACTIONS: readonly LedgerAction[] = [
  'view', 'edit', 'activate', 'setDeadline', 'reopen', 'progress', 'askExtension', 'submit', 'decideExtension', 'confirm', 'reject',
];

export { calendarOf, today, tz } from '../campaign-time.js';
export const denied = (): CardAnswer => toast('error', L.toast.noPermission);

/** The refusal of a transition or an update, as a toast; nothing was changed. */
export function refusal(r: Exclude<UpdateResult, { ok: true }> | Exclude<Transition, { ok: true }>): CardAnswer {
  return toast('warning', L.toast[r.reason]);
}

export async function callerOf(openId: string, ctx: HandlerCtx) {
  return { openId, roles: await callerRoles(openId, ctx) };
}

/** What `openId` may do with the item: only those forms and buttons are drawn on their card. */
export async function actionsOf(item: LedgerItem, openId: string, ctx: HandlerCtx): Promise<LedgerAction[]> {
  const caller = await callerOf(openId, ctx);
  return ALL_ACTIONS.filter((a) => may(a, caller, item));
}

/** The item card as `openId` sees it. */
export async function itemCardFor(
  item: LedgerItem, openId: string, ctx: HandlerCtx, opts: { banner?: Msg; people?: People; showBack?: boolean } = {},
): Promise<Card> {
  const people = opts.people ?? (await knownPeople(ctx));
  let sourceLabel: string | undefined;
  if (item.source.kind === 'evaluation' && item.source.ref) sourceLabel = (await ctx.store.evaluations.getMeta(item.source.ref))?.title;
  if (item.source.kind === 'meeting' && item.source.ref) {
    const meeting = await ctx.store.meetings.get(item.source.ref);
    const who = item.source.person ? people.nameOf(item.source.person) : '';
    if (meeting) sourceLabel = who ? `${meeting.title}，${who}` : meeting.title;
  }
  return ledgerItemCard({
    item, flag: displayFlag(item, ctx.now(), tz(ctx)), names: people.names, actions: await actionsOf(item, openId, ctx), timeZone: tz(ctx),
    ...(opts.banner ? { banner: opts.banner } : {}), ...(sourceLabel ? { sourceLabel } : {}), ...(opts.showBack ? { showBack: true } : {}),
  });
}

/**
 * Applies a transition (store: compare-and-set with its audit entry), then the consequences: the old
 * ladder generation's jobs removed, the new one's scheduled, the linked opinion's status followed,
 * the public board refreshed.
 */
export async function applyChange(id: string, change: (item: LedgerItem) => Transition, action: string, actor: string, ctx: HandlerCtx,
  detail: Record<string, unknown> = {}): Promise<UpdateResult> {
  const r = await ctx.store.ledger.update(id, change, { at: ctx.now(), actor, action: `ledger.${action}`, detail: { id, ...detail } });
  if (r.ok) await afterChange(r, actor, ctx);
  return r;
}

export async function afterChange(r: Changed, actor: string, ctx: HandlerCtx): Promise<void> {
  if (r.cancel) {
    await ctx.ledgerJobs.cancel(
      r.item.id, r.cancel.gen, pendingCandidates(r.cancel.deadline, ctx.now(), calendarOf(ctx), keepsDone(r.item, r.cancel.gen)),
    );
  }
  if (r.plan) await ctx.ledgerJobs.schedule(r.item.id, r.item.gen, r.plan.steps);
  await followOpinion(r.item, actor, ctx);
  await ctx.board.refresh();
}

/**
 * An opinion turned into an item follows it (DESIGN §2.3): 已转整改 while the item is open, 已办结
 * once it is signed off — then its named writers get the "answered" push.
 */
export async function followOpinion(item: LedgerItem, actor: string, ctx: HandlerCtx): Promise<void> {
  if (item.source.kind !== 'opinion' || !item.source.ref) return;
  const o = await ctx.store.opinions.get(item.source.ref);
  if (!o) return;
  const want = item.status === 'closed' ? 'closed' : 'ledger';
  if (o.status === want && o.ledgerItem === item.id) return;
  await ctx.store.opinions.update(o.id, { set: { ledgerItem: item.id }, from: o.status, to: want },
    { at: ctx.now(), actor, action: 'opinion.ledger_follow', detail: { id: o.id, item: item.id, status: want } });
  if (want === 'closed') await notifyNamed(o, `${t(L.notices.closed(item.seq))}${item.review ? ` ${item.review}` : ''}`, ctx);
}

/** A short text to the people concerned; `keyOf` builds each one's outbox key (handlers/ledger/outbox-keys.ts). */
export async function notify(keyOf: (openId: string) => string, openIds: readonly string[], text: Msg, ctx: HandlerCtx): Promise<void> {
  await ctx.outbox.sendMany([...new Set(openIds)].map((openId) => ({
    key: keyOf(openId), to: { openId }, body: { type: 'text' as const, text: t(text) },
  })));
}
