import type { CardAction } from '../cards/actions.js';
import type { MessageBody } from '../src/lark/api.js';
import { msg, t } from '../src/messages/index.js';
import { larkUuid, outboxCardSchema } from '../src/outbox.js';
import type { CardEvent, CardAnswer } from '../src/pipeline.js';
import { withDeadline } from '../src/deadline.js';
import type { HandlerCtx } from './context.js';
import { lateAnswerKey, lateFailureKey } from './outbox-keys.js';

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Actions whose answer can hold anonymous content: an opinion's receipt (its code), a ballot page (the choices so
 * far, in its buttons), the voted card (an outreach suggestion's code). Queued to the person's open_id, that answer
 * would be a job with the person next to the content (DESIGN §3). Late, it goes the way an inline look-up does:
 * one direct send, never the outbox; when that fails, a text without the content goes through the outbox.
 */
// A talk's private note (tk.note, tk.noteSave) is shown in its answer too: it must never sit in a queued message either.
const ANONYMOUS_ANSWER = new Set<CardAction['a']>(['op.submit', 'ev.vote', 'ev.step', 'ev.cast', 'tk.note', 'tk.noteSave']);
/** Ballot taps that store nothing: when their late answer is lost, the voter taps again. */
const BALLOT_TAPS = new Set<CardAction['a']>(['ev.vote', 'ev.step']);
const DIRECT_SEND_MS = 5000;

/** The late answer as a message: its card, else its toast text, else that the action was completed. */
function lateAnswerBody(answer: CardAnswer): MessageBody {
  const card = answer.card ? outboxCardSchema.safeParse(answer.card.data) : undefined;
  if (card?.success) return { type: 'card', card: card.data };
  return { type: 'text', text: answer.toast?.content || t(msg.late.done) };
}

/** The late answer of an anonymous action: sent directly; if that fails, a text without its content, queued. */
async function sendAnonymousAnswer(answer: CardAnswer, event: CardEvent, action: CardAction['a'], ctx: HandlerCtx) {
  const to = { openId: event.operatorOpenId };
  try {
    await withDeadline(ctx.lark.send(to, lateAnswerBody(answer), larkUuid(lateAnswerKey(event.eventId))), DIRECT_SEND_MS);
  } catch {
    ctx.log.warn({ eventId: event.eventId, action }, 'the late answer of an anonymous action could not be sent directly');
    const text = BALLOT_TAPS.has(action) ? t(msg.evaluation.steps.late) : t(msg.late.notDelivered);
    await ctx.outbox.send({ key: lateAnswerKey(event.eventId), to, body: { type: 'text', text } });
  }
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
    if (ANONYMOUS_ANSWER.has(action)) await sendAnonymousAnswer(answer, event, action, ctx);
    else await ctx.outbox.send({ key: lateAnswerKey(event.eventId), to, body: lateAnswerBody(answer) });
  } catch (e) {
    ctx.log.error({ ...where, err: errText(e) }, 'the late answer to a card action could not be queued');
  }
}
