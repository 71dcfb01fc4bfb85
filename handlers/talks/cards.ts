import type { CardActionName } from '../../cards/actions.js';
import type { CardEvent } from '../../src/pipeline.js';
import { personalCard } from '../personal-chat.js';
import type { HandlerCtx } from '../context.js';
import type { CardHandler } from '../types.js';
import { onTalkList, onTalkMatrix, onTalkOpen, talkListFor } from './list.js';
import { onTalkDone, onTalkDoneForm, onTalkNote, onTalkNoteSave } from './record.js';
import { onTalkMove, onTalkMoveForm } from './move.js';
import { onTalkAdd, onTalkDrop, onTalkDue, onTalkPlan, onTalkPlanPage, onTalkSave } from './plan.js';

/**
 * The talks' card actions (`tk.*`), spread into the one registry in handlers/index.ts. Every talk card is personal: a
 * click from any other chat changes nothing and the clicker gets their list (never a note) by direct message.
 */
const fresh = async (_a: unknown, e: CardEvent, ctx: HandlerCtx) => talkListFor(e.operatorOpenId, ctx);
const personal = <A extends `tk.${string}` & CardActionName>(h: CardHandler<A>) => personalCard(h, { fresh });

export const talkCardHandlers = {
  'tk.list': personal(onTalkList),
  'tk.open': personal(onTalkOpen),
  'tk.doneForm': personal(onTalkDoneForm),
  'tk.done': personal(onTalkDone),
  'tk.note': personal(onTalkNote),
  'tk.noteSave': personal(onTalkNoteSave),
  'tk.moveForm': personal(onTalkMoveForm),
  'tk.move': personal(onTalkMove),
  'tk.plan': personal(onTalkPlan),
  'tk.planPage': personal(onTalkPlanPage),
  'tk.drop': personal(onTalkDrop),
  'tk.add': personal(onTalkAdd),
  'tk.due': personal(onTalkDue),
  'tk.save': personal(onTalkSave),
  'tk.matrix': personal(onTalkMatrix),
} satisfies { [A in `tk.${string}` & CardActionName]: CardHandler<A> };
