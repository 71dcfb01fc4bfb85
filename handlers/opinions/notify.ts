import { clipChars } from '../../src/domain/text.js';
import { msg, t } from '../../src/messages/index.js';
import type { Opinion } from '../../src/store/opinions.js';
import type { HandlerCtx } from '../context.js';
import { opinionAnsweredKey } from './outbox-keys.js';

/** Tells a named submitter their opinion was answered (anonymous ones look it up by code). */
export async function notifyNamed(o: Opinion, reply: string, ctx: HandlerCtx): Promise<void> {
  const members = o.mergedInto ? [o] : await ctx.store.opinions.getMany(await ctx.store.opinions.groupMembers(o.id));
  const named = [o, ...members].filter((x, i, all) => !x.anonymous && x.submitter && all.findIndex((y) => y.id === x.id) === i);
  await ctx.outbox.sendMany(named.map((x) => ({
    key: opinionAnsweredKey(x.id, reply), to: { openId: x.submitter! },
    body: { type: 'text' as const, text: `${t(msg.opinion.answeredNamed)}${reply}\n\n「${clipChars(x.text, 200)}」` },
  })));
}
