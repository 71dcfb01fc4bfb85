import { isAuthor, type Material, type VersionSource } from '../../src/domain/materials/material.js';
import { submitVersion } from '../../src/domain/materials/transitions.js';
import type { MaterialUpdate } from '../../src/store/materials.js';
import type { HandlerCtx } from '../context.js';
import { afterChange, applyChange } from './effects.js';

/**
 * The one path of a new version, whatever its source (a link or a text typed on the card, a file sent in the chat):
 * the store's compare-and-set re-checks that the caller writes the material and that version `n` is the one due,
 * audits `material.version`, and then what follows (the reviewer asked, reminders). Refused: `notReviewer` (the
 * caller does not write it), `stale`, `wrongState`, `accepted`, `notFound`, `conflict`; nothing was changed.
 */
export function submitMaterialVersion(
  id: string, n: number, source: VersionSource, actor: string, ctx: HandlerCtx,
): Promise<MaterialUpdate> {
  const by = { by: actor, now: ctx.now() };
  return applyChange(id, (m) => (isAuthor(m, actor) ? submitVersion(m, n, source, by) : { ok: false, reason: 'notReviewer' }),
    'version', actor, ctx, { n, source: source.type });
}

/**
 * A re-run of a version already recorded (the job that recorded it failed after the write, and runs again): what
 * follows it is done again, each message under its own key, so nothing is sent twice and nothing is left out.
 */
export async function resumeAfterVersion(m: Material, ctx: HandlerCtx): Promise<void> {
  const before: Material = { ...m, versions: m.versions.slice(0, -1), state: 'drafting', at: undefined, since: undefined };
  await afterChange(before, m, ctx);
}
