import { ballotMessageHmac, eligibilityHmac, registerHmac } from '../../src/domain/evaluations/voter-hmacs.js';
import { parseBallot } from '../../src/domain/evaluations/ballot.js';
import { suggestionOf, type Suggestion } from '../../src/domain/evaluations/outreach.js';
import { formatCode } from '../../src/domain/opinions/opinion.js';
import { msg } from '../../src/messages/index.js';
import { ballotCard, formBallotCard, openRoundsCard, votedCard } from '../../cards/evaluations/ballot.js';
import type { Card } from '../../cards/types.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { storeSuggestion } from './outreach-suggestion.js';
import { respond } from '../respond.js';
import { tz } from '../campaign-time.js';
import { adminListCard } from './electorate.js';
import type { CommandCall, CardHandler } from '../types.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { ownResultRounds } from './own-results.js';

const E = msg.evaluation;

/** The voter's keyed HMAC for a round: the only form in which a voter meets the register. Never in a key, job or log. */
export const voterHmac = (ctx: HandlerCtx, roundId: string, openId: string) => registerHmac(ctx.anonSecret, roundId, openId);
/** A separate keyed purpose for a voter's ballot messages and reminders (outbox keys): never meets the register. */
export const ballotMessageId = (ctx: HandlerCtx, roundId: string, openId: string) => ballotMessageHmac(ctx.anonSecret, roundId, openId);
/** A separate keyed purpose for eligibility (the `eligible` index): checked without the open_id or the register's HMAC. */
export const eligibilityHash = (ctx: HandlerCtx, roundId: string) => (openId: string) => eligibilityHmac(ctx.anonSecret, roundId, openId);

/** The voter's rater group, or undefined when they may not vote in the round. */
export function eligibleGroup(ctx: HandlerCtx, roundId: string, openId: string): Promise<string | undefined> {
  const hash = eligibilityHash(ctx, roundId);
  return ctx.store.evaluations.eligibleGroup(roundId, hash(openId), hash);
}

/** Open rounds in which this person may vote and has not voted yet. */
async function openRoundsFor(openId: string, ctx: HandlerCtx) {
  const store = ctx.store.evaluations;
  // A ballot posted into a chat is voted on there (the shared card), not listed here.
  const open = (await store.list()).filter((r) => r.status === 'open' && !r.paper && !r.visit?.chatId && r.closesAt > ctx.now());
  const mine = [];
  for (const r of open) {
    if ((await eligibleGroup(ctx, r.id, openId)) === undefined) continue;
    const [voted] = await store.hasVoted(r.id, [voterHmac(ctx, r.id, openId)]);
    if (!voted) mine.push(r);
  }
  return mine;
}

/** The person's open rounds, each with its 打开选票 button (sent fresh when a ballot was clicked outside their own chat). */
export async function ownRoundsCard(openId: string, ctx: HandlerCtx): Promise<Card> {
  return openRoundsCard(await openRoundsFor(openId, ctx), { timeZone: tz(ctx), ownResults: await ownResultRounds(openId, ctx) });
}

/**
 * 测评: voters get their open rounds (by direct message when asked in a group: a ballot is
 * personal); admins also get the rounds list with its actions, and their own rounds only when they have one.
 */
export async function onEvaluate(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const admin = hasAnyRole(cmd.roles, 'admin');
  const mine = await openRoundsFor(cmd.callerOpenId, ctx);
  // A leader's own results (我的测评结果) of the closed rounds they are a subject of.
  const ownResults = hasAnyRole(cmd.roles, 'leader') ? await ownResultRounds(cmd.callerOpenId, ctx) : [];
  // An admin with nothing to vote on gets the rounds list only, not a "no round for you" card every time.
  if (mine.length || ownResults.length || !admin) {
    const card = openRoundsCard(mine, { timeZone: tz(ctx), ownResults });
    await respond(cmd, { type: 'card', card }, ctx, { personal: true, part: 'v' });
  }
  if (admin) await respond(cmd, { type: 'card', card: await adminListCard(ctx) }, ctx, { part: 'a' });
}

/** 打开选票: the first page, in place of the list (the list sits in the voter's own chat). */
export const onBallotOpen: CardHandler<'ev.ballot'> = async (a, event, ctx) => {
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!round || round.status !== 'open' || round.closesAt <= ctx.now()) return toast('warning', E.toast.closed);
  if ((await eligibleGroup(ctx, a.round, event.operatorOpenId)) === undefined) return toast('warning', E.toast.notElectorate);
  return withCard({}, ballotCard(round, 0, '', { timeZone: tz(ctx) }));
};

/**
 * A ballot page's submit, answered inline. The next page travels back in the answer (its button
 * carries the earlier choices in the voter's own chat, never in Redis); the last page is cast in one
 * script that carries the voter's HMAC, never the open_id. Nothing here is logged with the voter.
 * A ballot posted into a chat is one card shared by everyone: it is answered by a toast only, never
 * replaced. An outreach suggestion is written after the ballot, as a separate anonymous opinion.
 */
export const onVote: CardHandler<'ev.vote'> = async (a, event, ctx) => {
  const store = ctx.store.evaluations;
  // Two reads in one round trip's time; the cast script checks status and close time again itself.
  const [round, group] = await Promise.all([store.getMeta(a.round), eligibleGroup(ctx, a.round, event.operatorOpenId)]);
  if (!round || round.status !== 'open' || round.closesAt <= ctx.now()) return toast('warning', E.toast.closed);
  if (group === undefined) return toast('warning', E.toast.notElectorate);
  const shared = round.visit?.chatId !== undefined;
  const step = parseBallot(round, a.page, event.formValue ?? {}, a.prior);
  if (step.kind === 'invalid') return toast('warning', step.reason === 'missing' ? E.toast.incomplete : E.toast.invalid);
  if (step.kind === 'next') {
    return shared ? toast('warning', E.toast.invalid) : withCard({}, formBallotCard(round, step.page, step.prior, { timeZone: tz(ctx) }));
  }
  const suggestion: Suggestion = round.kind === 'outreach' ? suggestionOf(event.formValue) : { ok: true };
  if (!suggestion.ok) return toast('warning', msg.opinion.invalid.textLong);
  const r = await store.castBallot(a.round, voterHmac(ctx, a.round, event.operatorOpenId), group, step.choices, ctx.now());
  if (r === 'duplicate') {
    return shared ? toast('warning', E.toast.duplicate) : withCard(toast('warning', E.toast.duplicate), votedCard(round));
  }
  if (r === 'closed') return toast('warning', E.toast.closed);
  if (r === 'invalid') return toast('warning', E.toast.invalid);
  const code = suggestion.text ? await storeSuggestion(round, suggestion.text, ctx) : undefined;
  if (shared) return toast('success', code ? E.outreach.groupSuggestion : E.toast.groupVoted);
  // Direct-message ballots: replacing the card shows the thanks (and a suggestion's receipt code) to the voter alone.
  return withCard(toast('success', E.ballot.votedTitle), votedCard(round, code ? { receiptCode: formatCode(code) } : {}));
};
