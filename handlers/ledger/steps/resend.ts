import type { PlannedStep } from '../../../src/domain/ledger/ladder.js';
import {
  LADDER_MARGIN_MS, decisionLogged, decisionPending, decisionTag, keepAliveAt, keepStep, keepsDone, nextOwnerCardAt, resendAt, stepLogged,
  type DecisionKind,
} from '../../../src/domain/ledger/resend.js';
import { isOwner, type LedgerItem } from '../../../src/domain/ledger/item.js';
import { msg, t, type Msg } from '../../../src/messages/index.js';
import { ledgerMovedCard } from '../../../cards/ledger/item.js';
import type { HandlerCtx } from '../../context.js';
import { calendarOf, itemCardFor } from '../common.js';
import { decisionKey, stepKey } from '../outbox-keys.js';
import { knownPeople } from '../../people.js';

/**
 * Ledger cards re-sent before Lark's 14-day limit (DESIGN §2.1; the rules in
 * src/domain/ledger-resend.ts). Owners: each person's latest item card is kept in the store (the
 * assign card, the ladder's cards, the keep-alive cards update it); a keep-alive step `k<n>` of the
 * item's ladder generation sends every owner and co-owner a fresh card and patches their previous
 * one. Deciders: a decision card still pending after 13 days is sent again and the old one patched.
 * Exactly once per (item, generation or request, step or round, person): deterministic outbox keys,
 * jobIds, and a step logged on the item; a run that finds the step logged sends nothing.
 */

const L = msg.ledger;
const ownersOf = (item: LedgerItem) => [...new Set([item.owner, ...item.coOwners])];
const live = (item: LedgerItem) => item.status === 'active' && !item.needsDeadline && item.deadline !== undefined;

/** Records the owners' cards just sent (each person's latest card of the item). */
export async function recordOwnerCards(itemId: string, cards: readonly { openId: string; key: string }[], ctx: HandlerCtx): Promise<void> {
  const at = ctx.now();
  await ctx.store.ledger.recordCards(itemId, cards.map((c) => ({ ...c, at })));
}

/**
 * Schedules the item's next keep-alive step, 13 days after the oldest of the owners' latest cards,
 * unless a ladder card reaches them first. `planned`: the steps of a ladder that just started.
 */
export async function scheduleKeepAlive(itemId: string, ctx: HandlerCtx, planned: readonly PlannedStep[] = []): Promise<void> {
  const item = await ctx.store.ledger.get(itemId);
  if (!item || !live(item)) return;
  const now = ctx.now();
  const cards = await ctx.store.ledger.latestCards(item.id);
  const oldest = Math.min(...ownersOf(item).map((o) => cards[o]?.at ?? now));
  const at = keepAliveAt(item.deadline!, oldest, now, calendarOf(ctx), planned);
  if (at !== undefined) await ctx.ledgerJobs.keepAlive(item.id, item.gen, keepsDone(item, item.gen) + 1, at);
}

/** Keep-alive step `k<n>` of generation `gen`: a fresh item card to every owner, their previous card patched. */
export async function runKeepAlive(itemId: string, gen: number, n: number, ctx: HandlerCtx): Promise<string> {
  const item = await ctx.store.ledger.get(itemId);
  if (!item) return 'gone';
  if (item.gen !== gen || !live(item)) return 'stale';
  const step = keepStep(n);
  if (stepLogged(item, gen, step)) {
    // A second run: the chain goes on (adding the same next step is a no-op), nothing is sent.
    await scheduleKeepAlive(item.id, ctx);
    return 'duplicate';
  }
  const now = ctx.now();
  const ladder = nextOwnerCardAt(item.deadline!, now, calendarOf(ctx));
  if (ladder !== undefined && ladder <= now + LADDER_MARGIN_MS) return 'ladder card due';
  const people = await knownPeople(ctx);
  const owners = ownersOf(item);
  const previous = await ctx.store.ledger.latestCards(item.id);
  const sent = owners.map((openId) => ({ openId, key: stepKey(item.id, gen, step, openId) }));
  const messages = [];
  for (const s of sent) {
    messages.push({
      key: s.key, to: { openId: s.openId },
      body: { type: 'card' as const, card: await itemCardFor(item, s.openId, ctx, { banner: L.banners.resent, people }) },
    });
  }
  await ctx.outbox.sendMany(messages);
  const moved = ledgerMovedCard(item);
  for (const s of sent) {
    const old = previous[s.openId];
    if (old && old.key !== s.key) await ctx.outbox.patch(old.key, moved);
  }
  await recordOwnerCards(item.id, sent, ctx);
  await ctx.store.ledger.logStep(item.id, gen, step, `${t(L.item.resentNote)}：${owners.map((o) => people.nameOf(o)).join('、')}`, now);
  await scheduleKeepAlive(item.id, ctx);
  ctx.log.info({ item: item.id, gen, step, recipients: owners.length }, 'ledger card re-sent to owners');
  return `re-sent ${step} to ${owners.length}`;
}

// ---- decision cards ----

/** Who decides for this item: never the owner or a co-owner. */
export async function decidersOf(item: LedgerItem, ctx: HandlerCtx): Promise<string[]> {
  const ids = !isOwner(item, item.leader) ? [item.leader] : [...(await ctx.roles.admins()), ctx.campaign.topLeader];
  return [...new Set(ids)].filter((id) => !isOwner(item, id));
}

const bannerOf = (kind: DecisionKind, round: number): Msg =>
  kind === 'ext' ? (round ? L.banners.extensionAgain : L.banners.extension) : round ? L.banners.reviewAgain : L.banners.review;

/** Round `round` of a decision card (request `ref`: the extension's `n`, or the submit's history position) to the deciders of now. */
async function sendDecision(item: LedgerItem, kind: DecisionKind, ref: number, round: number, ctx: HandlerCtx): Promise<string[]> {
  const people = await knownPeople(ctx);
  const deciders = await decidersOf(item, ctx);
  const messages = [];
  for (const openId of deciders) {
    messages.push({
      key: decisionKey(item.id, kind, ref, round, openId), to: { openId },
      body: { type: 'card' as const, card: await itemCardFor(item, openId, ctx, { banner: bannerOf(kind, round), people }) },
    });
  }
  await ctx.outbox.sendMany(messages);
  return deciders;
}

/** Sends each decider the item card with their decision (round 0) and schedules its first re-send. */
export async function sendToDeciders(item: LedgerItem, kind: DecisionKind, ref: number, ctx: HandlerCtx): Promise<void> {
  await sendDecision(item, kind, ref, 0, ctx);
  await ctx.ledgerJobs.decision(item.id, kind, ref, 1, resendAt(ctx.now(), calendarOf(ctx)));
}

/**
 * Round `round` of a decision card's re-send: only while the request is still pending (the same
 * extension `n`, or 待销号 since the same submit), to the deciders of now; each one's previous card
 * (when one was sent) is patched to point to the new one; the next round is scheduled.
 */
export async function runDecisionResend(itemId: string, kind: DecisionKind, ref: number, round: number, ctx: HandlerCtx): Promise<string> {
  const item = await ctx.store.ledger.get(itemId);
  if (!item) return 'gone';
  if (!decisionPending(item, kind, ref)) return 'decided';
  const tag = decisionTag(kind, ref, round);
  const now = ctx.now();
  if (decisionLogged(item, tag)) {
    // A second run sends nothing; the next round stays scheduled (adding it again is a no-op).
    await ctx.ledgerJobs.decision(item.id, kind, ref, round + 1, resendAt(now, calendarOf(ctx)));
    return 'duplicate';
  }
  const deciders = await sendDecision(item, kind, ref, round, ctx);
  const moved = ledgerMovedCard(item);
  for (const openId of deciders) {
    const old = decisionKey(item.id, kind, ref, round - 1, openId);
    if (await ctx.outbox.messageId(old)) await ctx.outbox.patch(old, moved);
  }
  const people = await knownPeople(ctx);
  await ctx.store.ledger.logStep(item.id, item.gen, tag, `${t(L.item.resentNote)}：${deciders.map((d) => people.nameOf(d)).join('、')}`, now);
  await ctx.ledgerJobs.decision(item.id, kind, ref, round + 1, resendAt(now, calendarOf(ctx)));
  ctx.log.info({ item: item.id, decision: kind, round, recipients: deciders.length }, 'ledger decision card re-sent');
  return `re-sent ${tag} to ${deciders.length}`;
}
