import { msg } from '../../src/messages/index.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import type { CardHandler } from '../types.js';
import { seen } from './common.js';
import { materialFetchKey, materialFileKey } from './outbox-keys.js';
import { forwardFile } from './send.js';

/**
 * 获取文件 (DESIGN §2.9): whoever may see a material (`canSee`, re-checked here on the server) gets a version's file
 * message forwarded to their own chat with the bot, once per (material, version, person). A reviewer the version reached
 * has it already (forwarded under `materialFileKey`); a second tap says where it is and sends nothing.
 */

const M = msg.materials;

/** Whether version `n`'s file is in `openId`'s chat already: recorded by the store, or forwarded to them as its reviewer. */
async function sentAlready(id: string, n: number, openId: string, ctx: HandlerCtx): Promise<boolean> {
  if (await ctx.store.materials.fileSent(id, n, openId)) return true;
  return (await ctx.outbox.messageId(materialFileKey(id, n, openId))) !== undefined;
}

export const onMaterialGetFile: CardHandler<'mt.getFile'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await seen(a.id, actor, ctx);
  if ('answer' in g) return g.answer;
  const source = g.material.versions[a.n - 1]?.source;
  if (!source) return toast('warning', M.toast.noSuchVersion(a.n));
  if (source.type !== 'file') return toast('warning', M.toast.notAFile(a.n));
  if (await sentAlready(a.id, a.n, actor, ctx)) return toast('info', M.toast.fileSentAlready(source.fileName, a.n));
  // Forwarded under its own key first (two quick taps, or a re-run, forward once), then recorded.
  await forwardFile(source.messageId, [actor], (u) => materialFetchKey(a.id, a.n, u), ctx);
  await ctx.store.materials.markFileSent(a.id, a.n, [actor]);
  ctx.log.info({ material: a.id, n: a.n }, 'material file forwarded on request');
  return toast('success', M.toast.fileSent(source.fileName, a.n));
};
