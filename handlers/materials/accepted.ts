import type { Material } from '../../src/domain/materials/material.js';
import { msg } from '../../src/messages/index.js';
import type { HandlerCtx } from '../context.js';
import { kindName } from './common.js';
import { materialAcceptedKey } from './outbox-keys.js';
import { sendText } from './send.js';

/**
 * A material has just become accepted (every step of its chain passed the latest version): its authors and the
 * office are told, once each. What other features do then (the public board waits for the 整改方案, the rules register
 * for each rule's material) is in the listener registry, ./listeners.ts.
 */
export async function afterMaterialAccepted(m: Material, ctx: HandlerCtx): Promise<void> {
  const n = m.versions.length;
  const M = msg.materials.notices;
  await sendText(m.authors, (u) => materialAcceptedKey(m.id, u), M.acceptedAuthors(m.title, n), ctx);
  const admins = (await ctx.roles.admins()).filter((a) => !m.authors.includes(a));
  await sendText(admins, (u) => materialAcceptedKey(m.id, u), M.acceptedAdmins(await kindName(ctx, m.kind), m.title, n), ctx);
  ctx.log.info({ material: m.id, kind: m.kind, version: n }, 'material accepted');
}

/** The acceptance entry of the history (the last step's 通过), for when and by whom. */
const acceptance = (m: Material) => m.history.findLast((h) => h.what === 'accept');
export const acceptedAt = (m: Material): number => acceptance(m)?.at ?? m.createdAt;
export const lastPasser = (m: Material): string => acceptance(m)?.by ?? 'system';
