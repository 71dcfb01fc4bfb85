import { applyStep, choicesOf, stepPages } from '../../src/domain/evaluations/ballot-steps.js';
import { suggestionOf, type Suggestion } from '../../src/domain/evaluations/outreach.js';
import { formatCode } from '../../src/domain/opinions/opinion.js';
import { msg } from '../../src/messages/index.js';
import { stepBallotCard } from '../../cards/evaluations/ballot-steps.js';
import { votedCard } from '../../cards/evaluations/ballot.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import type { CardEvent } from '../../src/pipeline.js';
import type { CardHandler } from '../types.js';
import { tz } from '../campaign-time.js';
import { eligibleGroup, voterHmac } from './ballot.js';
import { storeSuggestion } from './outreach-suggestion.js';

/**
 * The stepped ballot of a direct message (cards/evaluations/ballot-steps.ts). A tap (ev.step) is answered
 * inline with the updated card and writes nothing: the choices so far travel in the buttons' values, in
 * the voter's own chat. Only the final submit (ev.cast) writes, through the cast script, which carries the
 * voter's HMAC and never the open_id; nothing here is logged with the voter.
 */

const E = msg.evaluation;

/** The round, if open, and the voter's group, if eligible; otherwise the refusal to answer with. */
async function openFor(roundId: string, event: CardEvent, ctx: HandlerCtx) {
  const store = ctx.store.evaluations;
  const [round, group] = await Promise.all([store.getMeta(roundId), eligibleGroup(ctx, roundId, event.operatorOpenId)]);
  if (!round || round.status !== 'open' || round.closesAt <= ctx.now()) return { refusal: toast('warning', E.toast.closed) };
  if (group === undefined) return { refusal: toast('warning', E.toast.notElectorate) };
  // A ballot posted into a chat is one shared form: it has no stepped pages.
  if (round.visit?.chatId) return { refusal: toast('warning', E.toast.invalid) };
  return { round, group };
}

/** A grade, a "全部…" shortcut or a page turn: the same card, updated. Going on before a person is fully rated is refused. */
export const onBallotStep: CardHandler<'ev.step'> = async (a, event, ctx) => {
  const r = await openFor(a.round, event, ctx);
  if (!r.round) return r.refusal;
  const step = applyStep(r.round, { state: a.s, page: a.p, op: a.op, i: a.i, g: a.g });
  if (!step.ok && step.reason === 'missing') {
    const page = stepPages(r.round)[step.page];
    const who = page.kind === 'subject' ? r.round.subjects[page.subject].label : '';
    return toast('warning', E.steps.missing(who));
  }
  if (!step.ok) return toast('warning', E.toast.invalid);
  return withCard({}, stepBallotCard(r.round, step.page, step.state, { timeZone: tz(ctx) }));
};

/** The final submit on the summary: the whole ballot cast at once (one per voter, final). */
export const onBallotCast: CardHandler<'ev.cast'> = async (a, event, ctx) => {
  const r = await openFor(a.round, event, ctx);
  if (!r.round) return r.refusal;
  const { round, group } = r;
  const choices = choicesOf(round, a.s);
  if (!choices) return toast('warning', E.steps.incomplete);
  const suggestion: Suggestion = round.kind === 'outreach' ? suggestionOf(event.formValue) : { ok: true };
  if (!suggestion.ok) return toast('warning', msg.opinion.invalid.textLong);
  const cast = await ctx.store.evaluations.castBallot(round.id, voterHmac(ctx, round.id, event.operatorOpenId), group, choices, ctx.now());
  if (cast === 'duplicate') return withCard(toast('warning', E.toast.duplicate), votedCard(round));
  if (cast === 'closed') return toast('warning', E.toast.closed);
  if (cast === 'invalid') return toast('warning', E.toast.invalid);
  const code = suggestion.text ? await storeSuggestion(round, suggestion.text, ctx) : undefined;
  return withCard(toast('success', E.ballot.votedTitle), votedCard(round, code ? { receiptCode: formatCode(code) } : {}));
};
