import type { CardAction } from '../cards/actions.js';
import type { MessageBody } from '../src/lark/api.js';
import { msg, t } from '../src/messages/index.js';
import { outboxCardSchema } from '../src/outbox.js';
import type { CardEvent, CardAnswer } from '../src/pipeline.js';
import type { HandlerCtx } from './context.js';
import { lateAnswerKey, lateFailureKey } from './outbox-keys.js';

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A ballot page carries the voter's choices so far in its buttons (cards/evaluations/ballot-steps.ts):
 * queued to the voter's open_id it would be a job with the voter next to their choices (DESIGN §3). Its
 * late answer is text only; the voter taps again on the card they have.
 */
const CHOICES_IN_CARD = new Set<CardAction['a']>(['ev.vote', 'ev.step']);

/** The late answer as a message: its card, else its toast text, else that the action was completed. */
function lateAnswerBody(answer: CardAnswer, action: CardAction['a']): MessageBody {
  if (CHOICES_IN_CARD.has(action)) return { type: 'text', text: answer.toast?.content || t(msg.evaluation.steps.late) };
  const card = answer.card ? outboxCardSchema.safeParse(answer.card.data) : undefined;
  if (card?.success) return { type: 'card', card: card.data };
  return { type: 'text', text: answer.toast?.content || t(msg.late.done) };
}

/**
 * What follows a card action that was still running at its answer deadline (the callback was answered
 * "being handled"). The claim on the event_id stays while the work runs, so a re-push is a duplicate.
 * Its answer goes to the operator by direct message; a failure releases the claim, so a re-push can
 * try again, and tells the operator. Never rejects: nothing here may become an unhandled rejection.
 */
export async function settleLateAnswer(
  work: Promise<CardAnswer>, event: CardEvent, action: CardAction['a'], ctx: HandlerCtx,
): Promise<void> {
  const to = { openId: event.operatorOpenId };
  const where = { eventId: event.eventId, action };
  let answer: CardAnswer;
  try {
    answer = await work;
  } catch (e) {
    const [released, told] = await Promise.allSettled([
      ctx.store.kv.releaseCardEvent(event.eventId),
      ctx.outbox.send({ key: lateFailureKey(event.eventId), to, body: { type: 'text', text: t(msg.late.failed) } }),
    ]);
    ctx.log.error({
      ...where, err: errText(e),
      ...(released.status === 'rejected' ? { releaseErr: errText(released.reason) } : {}),
      ...(told.status === 'rejected' ? { notifyErr: errText(told.reason) } : {}),
    }, 'card action failed after its answer deadline');
    return;
  }
  try {
    await ctx.outbox.send({ key: lateAnswerKey(event.eventId), to, body: lateAnswerBody(answer, action) });
  } catch (e) {
    ctx.log.error({ ...where, err: errText(e) }, 'the late answer to a card action could not be queued');
  }
}
