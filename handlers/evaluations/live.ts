import { hasAnyRole } from '../../src/domain/commands.js';
import type { CardAnswer, CardEvent } from '../../src/pipeline.js';
import { showsRoundsList } from '../../cards/evaluations/admin.js';
import type { HandlerCtx } from '../context.js';
import { replyKey } from '../outbox-keys.js';
import type { CommandCall } from '../types.js';
import { onEvaluate } from './ballot.js';
import { adminListCard } from './electorate.js';

/**
 * The admins' round-list card stays live (issue #14): the list sent for 测评 is tracked by its outbox key, each
 * click on it notes whether the message still shows the list (or a form, results…), and after ballots the
 * evaluation queue patches the cards that do, at most once a second (jobs/evaluations/queue.ts). The patch holds
 * counts only; nothing on this path knows who voted.
 */

type AnyCardHandler = (a: never, event: CardEvent, ctx: HandlerCtx) => Promise<CardAnswer>;

/** 测评: as before, and the admin's list card is tracked to be kept live. */
export async function onEvaluateLive(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await onEvaluate(cmd, ctx);
  if (hasAnyRole(cmd.roles, 'admin')) await ctx.store.evaluations.live.track(replyKey(cmd.eventId, 'a'), ctx.now());
}

/** After an admin's click on a tracked card: does the message show the list now? */
async function noteShown(event: CardEvent, answer: CardAnswer, ctx: HandlerCtx): Promise<void> {
  if (!answer.card || !event.openMessageId) return;
  const live = ctx.store.evaluations.live;
  for (const c of await live.cards(ctx.now())) {
    if ((await ctx.outbox.messageId(c.key)) === event.openMessageId) await live.setShown(c.key, showsRoundsList(answer.card.data));
  }
}

/** Wraps an admin action of the evaluation cards so a tracked message's state follows its answer. */
export function tracked<H extends AnyCardHandler>(handler: H): H {
  return (async (a: never, event: CardEvent, ctx: HandlerCtx) => {
    const answer = await handler(a, event, ctx);
    await noteShown(event, answer, ctx);
    return answer;
  }) as H;
}

/**
 * Wraps the ballot's submit: after a successful answer (a ballot cast) the live refresh of the next second is
 * scheduled. Only a job id of that second is written: no round, no voter.
 */
export function afterBallot<H extends AnyCardHandler>(handler: H): H {
  return (async (a: never, event: CardEvent, ctx: HandlerCtx) => {
    const answer = await handler(a, event, ctx);
    if (answer.toast?.type === 'success') await ctx.evaluationJobs.refreshLive();
    return answer;
  }) as H;
}

/** The job: every tracked card still showing the list gets the fresh list (the outbox coalesces to 1 patch/s). */
export async function refreshLiveCards(ctx: HandlerCtx): Promise<number> {
  const cards = (await ctx.store.evaluations.live.cards(ctx.now())).filter((c) => c.on);
  if (!cards.length) return 0;
  const card = await adminListCard(ctx);
  for (const c of cards) await ctx.outbox.patch(c.key, card);
  return cards.length;
}
