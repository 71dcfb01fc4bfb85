import type { CardActionName } from '../../cards/actions.js';
import type { CardEvent } from '../../src/pipeline.js';
import { personalCard } from '../personal-chat.js';
import type { HandlerCtx } from '../context.js';
import type { CardHandler } from '../types.js';
import { onMaterialCreate, onMaterialNew, onMaterialSelfChecks } from './create.js';
import { onMaterialEdit, onMaterialEditSave } from './edit.js';
import { materialListFor, onMaterialList, onMaterialOpen } from './list.js';
import { onMaterialComment, onMaterialPass, onMaterialReturn, onMaterialVersion } from './review.js';
import { onMaterialDraft, onMaterialFile } from './files.js';
import { onMaterialGetFile } from './fetch.js';
import { viewerOf } from './common.js';

/**
 * The materials' card actions (`mt.*`), spread into the one registry in handlers/index.ts. Material cards are
 * personal (a leader's 对照检查材料 is theirs and their reviewers'): a click from any other chat changes nothing and
 * the clicker gets their list by direct message.
 */
const fresh = async (_a: unknown, e: CardEvent, ctx: HandlerCtx) => materialListFor(await viewerOf(e.operatorOpenId, ctx), ctx);
const personal = <A extends `mt.${string}` & CardActionName>(h: CardHandler<A>) => personalCard(h, { fresh });

export const materialCardHandlers = {
  'mt.list': personal(onMaterialList),
  'mt.open': personal(onMaterialOpen),
  'mt.new': personal(onMaterialNew),
  'mt.create': personal(onMaterialCreate),
  'mt.selfChecks': personal(onMaterialSelfChecks),
  'mt.edit': personal(onMaterialEdit),
  'mt.editSave': personal(onMaterialEditSave),
  'mt.version': personal(onMaterialVersion),
  'mt.file': personal(onMaterialFile),
  'mt.draft': personal(onMaterialDraft),
  'mt.getFile': personal(onMaterialGetFile),
  'mt.pass': personal(onMaterialPass),
  'mt.return': personal(onMaterialReturn),
  'mt.comment': personal(onMaterialComment),
} satisfies { [A in `mt.${string}` & CardActionName]: CardHandler<A> };
