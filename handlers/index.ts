import { parseCardAction, type CardAction } from '../cards/actions.js';
import type { BotEvent, BotEventType } from '../src/lark/schema.js';
import { msg } from '../src/messages/index.js';
import type { CardAnswer, CardEvent } from '../src/pipeline.js';
import { beforeDeadline } from '../src/deadline.js';
import { onHelpClick } from './help/cards.js';
import { onRoleRemove, onRolesList } from './roles/cards.js';
import type { CardHandler } from './types.js';
import { toast } from './card-answer.js';
import type { HandlerCtx } from './context.js';
import { settleLateAnswer } from './late-answer.js';
import { onMenu } from './menu-click.js';
import { onMessage } from './message-receive.js';
import { onBotAdded, onP2pEntered } from './help/welcome.js';
import { formCard, onOpinionNew, onOpinionSubmit } from './opinions/submit.js';
import { personalCard } from './personal-chat.js';
import { onLeaderReply, onTriageDo, onTriageOpen, onTriagePage } from './opinions/triage.js';
import { onFeedbackPass } from './opinions/feedback.js';
import { onOwnResults } from './evaluations/own-results.js';
import { onReportExport } from './opinions/report.js';
import { onBallotOpen, onVote, ownRoundsCard } from './evaluations/ballot.js';
import { onBallotCast, onBallotStep } from './evaluations/ballot-steps.js';
import {
  onPaperPage, onPaperSave, onRoundClose, onRoundCreate, onRoundExport, onRoundNew, onRoundOpen, onRoundRemind, onRoundResults,
  onRoundsList,
} from './evaluations/admin.js';
import { onOutreachCreate, onOutreachNew } from './evaluations/outreach.js';
import { onVoter, onVoters, onVotersGroup } from './evaluations/electorate.js';
import { afterBallot, tracked } from './evaluations/live.js';
import { studyCardHandlers } from './study/cards.js';
import { ledgerCardHandlers } from './ledger/cards.js';
import { rulesCardHandlers } from './rules/cards.js';
import { materialCardHandlers } from './materials/cards.js';
import { materialKindCardHandlers } from './materials/kinds.js';
import { meetingCardHandlers } from './meetings/cards.js';
import { talkCardHandlers } from './talks/cards.js';
import { campaignCardHandlers } from './campaign/milestones.js';
import { campaignEndCardHandlers } from './campaign/end.js';
import { outreachCardHandlers } from './outreach/cards.js';

type QueuedType = Exclude<BotEventType, 'card_action' | 'ignored'>;
type EventHandler<K extends QueuedType> = (event: Extract<BotEvent, { type: K }>, ctx: HandlerCtx) => Promise<void>;

/** Queued events → handler. The one registry of event dispatch. */
const eventHandlers: { [K in QueuedType]: EventHandler<K> } = {
  message: onMessage,
  menu: onMenu,
  bot_added: onBotAdded,
  p2p_entered: onP2pEntered,
};

export type CardHandlers = { [A in CardAction['a']]: CardHandler<A> };

/** Personal cards answer only in the clicker's own chat with the bot; elsewhere, a fresh card goes to that chat. */
const freshForm = async (_a: unknown, _e: unknown, ctx: HandlerCtx) => formCard(ctx);
const freshRounds = async (_a: unknown, e: CardEvent, ctx: HandlerCtx) => ownRoundsCard(e.operatorOpenId, ctx);
/** A ballot posted into a visit's chat is one card shared there: not personal. */
const sharedBallot = async (a: { round: string }, ctx: HandlerCtx) =>
  (await ctx.store.evaluations.getMeta(a.round))?.visit?.chatId !== undefined;

/** Card actions (`value.a`) → inline handler. The one registry of card dispatch. */
export const cardHandlers: CardHandlers = {
  help: onHelpClick,
  'roles.list': onRolesList,
  'roles.remove': onRoleRemove,
  'op.submit': personalCard(onOpinionSubmit, { fresh: freshForm }),
  'op.new': personalCard(onOpinionNew, { fresh: freshForm }),
  'tr.page': onTriagePage,
  'tr.open': onTriageOpen,
  'tr.do': onTriageDo,
  'lr.reply': onLeaderReply,
  'fb.pass': onFeedbackPass,
  'rp.export': onReportExport,
  'ev.ballot': personalCard(onBallotOpen, { fresh: freshRounds }),
  // A ballot cast schedules the live refresh of the admins' round-list cards (counts only; evaluations/live.ts).
  'ev.vote': afterBallot(personalCard(onVote, { fresh: freshRounds, shared: sharedBallot })),
  'ev.step': personalCard(onBallotStep, { fresh: freshRounds }),
  'ev.cast': afterBallot(personalCard(onBallotCast, { fresh: freshRounds })),
  // Admin actions: `tracked` notes whether the clicked message still shows the (live) rounds list.
  'ev.list': tracked(onRoundsList),
  'ev.new': tracked(onRoundNew),
  'ev.create': tracked(onRoundCreate),
  'ev.open': tracked(onRoundOpen),
  'ev.close': tracked(onRoundClose),
  'ev.results': tracked(onRoundResults),
  'ev.mine': personalCard(onOwnResults, { fresh: freshRounds }),
  'ev.remind': tracked(onRoundRemind),
  'ev.paper': tracked(onPaperPage),
  'ev.paperSave': tracked(onPaperSave),
  'ev.outreachNew': tracked(onOutreachNew),
  'ev.outreachCreate': tracked(onOutreachCreate),
  'ev.export': onRoundExport,
  'ev.voters': tracked(onVoters),
  'ev.votersGroup': tracked(onVotersGroup),
  'ev.voter': tracked(onVoter),
  ...studyCardHandlers,
  ...ledgerCardHandlers,
  ...rulesCardHandlers,
  ...materialCardHandlers,
  ...materialKindCardHandlers,
  ...meetingCardHandlers,
  ...talkCardHandlers,
  ...campaignCardHandlers,
  ...campaignEndCardHandlers,
  ...outreachCardHandlers,
};

export async function dispatchEvent(event: BotEvent, ctx: HandlerCtx): Promise<void> {
  if (event.type === 'card_action' || event.type === 'ignored') return;
  const handler = eventHandlers[event.type] as EventHandler<typeof event.type>;
  await handler(event as never, ctx);
}

/**
 * Actions that are idempotent by themselves skip the event_id claim (one Redis round trip less on
 * the ballot burst): a re-pushed ballot page or step is answered again (a step writes nothing), a
 * re-pushed last page or final submit meets the participation register and is refused as a second ballot.
 */
const SELF_DEDUPED = new Set<CardAction['a']>(['ev.vote', 'ev.step', 'ev.cast']);

/** Lark shows an error unless the callback is answered within 3 s; leave room for the network. */
const CARD_DEADLINE_MS = 2500;

interface CardAnswererOptions {
  /** Action → handler; production passes `cardHandlers`. */
  handlers: CardHandlers;
  /** Time a handler has before the callback is answered "being handled" and its result follows by message. */
  deadlineMs: number;
}

/**
 * Builds the inline answer to card callbacks: de-duplicated by event_id, action value validated by the
 * same schema the card was built with, role checked by the handler on the server. A handler that fails
 * in time releases the claim and is answered "try again"; one still running at the deadline keeps the
 * claim and is answered "being handled", its result following by direct message (late-answer.ts).
 */
export function createCardAnswerer({ handlers, deadlineMs }: CardAnswererOptions) {
  return async function answerCard(event: CardEvent, ctx: HandlerCtx): Promise<CardAnswer> {
    const action = parseCardAction(event.value);
    if (!action) return toast('warning', msg.errors.staleButton);
    let claimed = true;
    try {
      if (!SELF_DEDUPED.has(action.a)) claimed = await ctx.store.kv.claimCardEvent(event.eventId);
    } catch (e) {
      ctx.log.error({ eventId: event.eventId, err: (e as Error).message }, 'card action refused: Redis unavailable');
      return toast('error', msg.errors.tryAgain);
    }
    if (!claimed) {
      ctx.metrics.duplicates.inc({ kind: 'card' });
      return {};
    }
    const handler = handlers[action.a] as CardHandler<typeof action.a>;
    // The async wrapper turns a synchronous throw into a rejection, so both take the same path.
    const work = (async () => handler(action as never, event, ctx))();
    try {
      const r = await beforeDeadline(work, deadlineMs);
      if (!r.late) return r.value;
    } catch (e) {
      await ctx.store.kv.releaseCardEvent(event.eventId).catch(() => undefined);
      ctx.log.error({ eventId: event.eventId, action: action.a, err: (e as Error).message }, 'card action failed');
      return toast('error', msg.errors.tryAgain);
    }
    ctx.log.warn({ eventId: event.eventId, action: action.a, deadlineMs }, 'card action still running at its answer deadline');
    void settleLateAnswer(work, event, action.a, ctx);
    return toast('info', msg.late.working);
  };
}

/** The production answerer: the one registry, Lark's deadline. */
export const answerCard = createCardAnswerer({ handlers: cardHandlers, deadlineMs: CARD_DEADLINE_MS });
