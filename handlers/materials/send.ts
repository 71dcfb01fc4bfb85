import type { Material } from '../../src/domain/materials/material.js';
import { t, type Msg } from '../../src/messages/index.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import { materialCardFor } from './common.js';

/** Messages of the materials feature: each through the outbox, under the key `keyOf` builds (./outbox-keys.ts). */

/** A card of the material to each person, under each one's key, with a banner saying why. */
export async function sendCards(m: Material, to: readonly string[], keyOf: (openId: string) => string, banner: Msg, ctx: HandlerCtx) {
  const people = await knownPeople(ctx);
  const messages = [];
  for (const openId of new Set(to)) {
    const card = await materialCardFor(m, openId, ctx, { banner, people });
    messages.push({ key: keyOf(openId), to: { openId }, body: { type: 'card' as const, card } });
  }
  await ctx.outbox.sendMany(messages);
}

/** A short text to each person, under each one's key. */
export async function sendText(to: readonly string[], keyOf: (openId: string) => string, text: Msg, ctx: HandlerCtx) {
  await ctx.outbox.sendMany([...new Set(to)].map((openId) => ({
    key: keyOf(openId), to: { openId }, body: { type: 'text' as const, text: t(text) },
  })));
}


/** A person's message (a file version) forwarded to each person, under each one's key. */
export async function forwardFile(messageId: string, to: readonly string[], keyOf: (openId: string) => string, ctx: HandlerCtx) {
  for (const openId of new Set(to)) await ctx.outbox.forward({ key: keyOf(openId), to: { openId }, messageId });
}
