import { planAuthorReminders, planHoldReminders } from '../../src/domain/materials/reminders.js';
import { stepPeople, type Material } from '../../src/domain/materials/material.js';
import type { Change } from '../../src/domain/materials/transitions.js';
import type { MaterialUpdate } from '../../src/store/materials.js';
import type { HandlerCtx } from '../context.js';
import { calendarOf } from '../campaign-time.js';
import { chainPeople, kindName } from './common.js';
import { forwardFile, sendCards, sendText } from './send.js';
import { materialFileKey, materialReturnedKey, materialReviewKey } from './outbox-keys.js';
import { displayName } from '../people.js';
import { sizeLabel } from '../../src/domain/files/files.js';
import { msg } from '../../src/messages/index.js';
import { afterMaterialAccepted } from './accepted.js';
import { afterMaterialChange } from './listeners.js';

/**
 * What follows a change of a material, after it is written: the reviewer a version reaches is asked (their card, with
 * "烦请审阅"), the hold reminders of the step left are removed and those of the step reached scheduled, a moved due day
 * re-plans the authors' reminders, and an accepted material tells its authors and the office; then the listener of its
 * kind runs (./listeners.ts). A version sent as a file is forwarded to each reviewer it reaches (Lark's file keys
 * belong to their message: the reviewer gets the person's message itself), once per version and reviewer. Every
 * message has an outbox key per (material, version, step, person): a re-run sends nothing twice.
 */

const M = msg.materials;

/** The latest version's file, when it is one (the reviewer it reaches gets the file forwarded, once per version). */
const latestFile = (m: Material) => {
  const s = m.versions.at(-1)?.source;
  return s?.type === 'file' ? s : undefined;
};

export async function afterChange(before: Material, after: Material, ctx: HandlerCtx): Promise<void> {
  const n = after.versions.length;
  const moved = before.state !== after.state || before.at !== after.at || before.versions.length !== n;
  if (moved && before.state === 'inReview' && before.at !== undefined) {
    await ctx.materialJobs.cancelHoldReminders(before.id, before.versions.length, before.at);
  }
  if (before.gen !== after.gen) {
    await ctx.materialJobs.cancelAuthorReminders(before.id, before.gen);
    if (after.state !== 'accepted') {
      await ctx.materialJobs.authorReminders(after.id, after.gen, planAuthorReminders(after.due, ctx.now(), calendarOf(ctx)));
    }
  }
  if (moved && after.state === 'inReview' && after.at !== undefined && after.since !== undefined) {
    const at = after.at;
    await ctx.materialJobs.holdReminders(after.id, n, at, planHoldReminders(after.since, calendarOf(ctx)));
    const reviewers = stepPeople(after.chain[at]!, await chainPeople(ctx));
    const file = latestFile(after);
    const kind = await kindName(ctx, after.kind);
    const ask = file ? M.notices.toReviewFile(kind, after.title, n, file.fileName, sizeLabel(file.size))
      : M.notices.toReview(kind, after.title, n);
    await sendCards(after, reviewers, (u) => materialReviewKey(after.id, n, at, u), ask, ctx);
    if (file) {
      await forwardFile(file.messageId, reviewers, (u) => materialFileKey(after.id, n, u), ctx);
      await ctx.store.materials.markFileSent(after.id, n, reviewers);
    }
  }
  if (moved && after.state === 'returned') await tellReturned(after, ctx);
  if (moved && after.state === 'accepted') {
    await ctx.materialJobs.cancelAuthorReminders(after.id, after.gen);
    await afterMaterialAccepted(after, ctx);
  }
  await afterMaterialChange(before, after, ctx);
}

/** The authors get the reviewer's comment on a return (once per version and author, even when a re-run repeats this). */
async function tellReturned(m: Material, ctx: HandlerCtx): Promise<void> {
  const r = m.history.findLast((h) => h.what === 'return');
  if (!r || r.n === undefined) return;
  const by = await displayName(r.by, ctx);
  await sendText(m.authors, (u) => materialReturnedKey(m.id, r.n!, u), M.notices.returned(m.title, r.n, by, r.note ?? ''), ctx);
}

/**
 * Applies a transition (store: compare-and-set with its audit entry `material.<action>`), then what follows it.
 */
export async function applyChange(
  id: string, change: (m: Material) => Change, action: string, actor: string, ctx: HandlerCtx, detail: Record<string, unknown> = {},
): Promise<MaterialUpdate> {
  let before: Material | undefined;
  const r = await ctx.store.materials.update(id, (m) => {
    before = m;
    return change(m);
  }, { at: ctx.now(), actor, action: `material.${action}`, detail: { id, ...detail } });
  if (r.ok && before) await afterChange(before, r.material, ctx);
  return r;
}
