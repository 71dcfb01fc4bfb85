import { parseCardAction, type CardAction } from '../cards/actions.js';
import type { BotEvent, BotEventType } from '../src/lark/schema.js';
import { msg } from '../src/messages/index.js';
import type { CardEvent, CardAnswer } from '../src/pipeline.js';
import { withDeadline } from '../src/deadline.js';
import { onHelpClick, onRoleRemove, onRolesList } from './card-actions.js';
import { toast } from './card-answer.js';
import type { HandlerCtx } from './context.js';
import { onMenu } from './menu-click.js';
import { onMessage } from './message-receive.js';
import { onBotAdded, onP2pEntered } from './welcome.js';
import { onOpinionNew, onOpinionSubmit } from './opinions/submit.js';
import { onLeaderReply, onTriageDo, onTriageOpen, onTriagePage } from './opinions/triage.js';
import { onReportExport } from './opinions/report.js';
import { onBallotOpen, onVote } from './evaluations/ballot.js';
import {
  onPaperPage, onPaperSave, onRoundClose, onRoundCreate, onRoundExport, onRoundNew, onRoundOpen, onRoundRemind, onRoundResults, onRoundsList,
} from './evaluations/admin.js';
import { onOutreachCreate, onOutreachNew } from './evaluations/outreach.js';
import { studyCardHandlers } from './study/cards.js';
import { ledgerCardHandlers } from './ledger/cards.js';
import type { CardHandler } from './types.js';

type QueuedType = Exclude<BotEventType, 'card_action' | 'ignored'>;
type EventHandler<K extends QueuedType> = (event: Extract<BotEvent, { type: K }>, ctx: HandlerCtx) => Promise<void>;

/** Queued events → handler. The one registry of event dispatch. */
export const eventHandlers: { [K in QueuedType]: EventHandler<K> } = {
  message: onMessage,
  menu: onMenu,
  bot_added: onBotAdded,
  p2p_entered: onP2pEntered,
};

/** Card actions (`value.a`) → inline handler. The one registry of card dispatch. */
export const cardHandlers: { [A in CardAction['a']]: CardHandler<A> } = {
  help: onHelpClick,
  'roles.list': onRolesList,
  'roles.remove': onRoleRemove,
  'op.submit': onOpinionSubmit,
  'op.new': onOpinionNew,
  'tr.page': onTriagePage,
  'tr.open': onTriageOpen,
  'tr.do': onTriageDo,
  'lr.reply': onLeaderReply,
  'rp.export': onReportExport,
  'ev.ballot': onBallotOpen,
  'ev.vote': onVote,
  'ev.list': onRoundsList,
  'ev.new': onRoundNew,
  'ev.create': onRoundCreate,
  'ev.open': onRoundOpen,
  'ev.close': onRoundClose,
  'ev.results': onRoundResults,
  'ev.remind': onRoundRemind,
  'ev.paper': onPaperPage,
  'ev.paperSave': onPaperSave,
  'ev.outreachNew': onOutreachNew,
  'ev.outreachCreate': onOutreachCreate,
  'ev.export': onRoundExport,
  ...studyCardHandlers,
  ...ledgerCardHandlers,
};

export async function dispatchEvent(event: BotEvent, ctx: HandlerCtx): Promise<void> {
  if (event.type === 'card_action' || event.type === 'ignored') return;
  const handler = eventHandlers[event.type] as EventHandler<typeof event.type>;
  await handler(event as never, ctx);
}

/**
 * Actions that are idempotent by themselves skip the event_id claim (one Redis round trip less on
 * the ballot burst): a re-pushed ballot page is answered again, a re-pushed last page meets the
 * participation register and is refused as a second ballot.
 */
const SELF_DEDUPED = new Set<CardAction['a']>(['ev.vote']);

/** Lark shows an error unless the callback is answered within 3 s; leave room for the network. */
const CARD_DEADLINE_MS = 2500;

/**
 * Answers a card callback inline: de-duplicated by event_id, action value validated by the same
 * schema the card was built with, role checked by the handler on the server.
 */
export async function answerCard(event: CardEvent, ctx: HandlerCtx): Promise<CardAnswer> {
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
  try {
    const handler = cardHandlers[action.a] as CardHandler<typeof action.a>;
    return await withDeadline(handler(action as never, event, ctx), CARD_DEADLINE_MS);
  } catch (e) {
    await ctx.store.kv.releaseCardEvent(event.eventId).catch(() => undefined);
    ctx.log.error({ eventId: event.eventId, action: action.a, err: (e as Error).message }, 'card action failed');
    return toast('error', msg.errors.tryAgain);
  }
}
