import { REVIEW_FORM, VERSION_FORM, parseVersionForm, requiredComment, textOf } from '../../src/domain/materials/form.js';
import { actsFor, isAuthor, type Material } from '../../src/domain/materials/material.js';
import { addComment, pass, returnForRevision } from '../../src/domain/materials/transitions.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { displayName } from '../people.js';
import type { CardHandler } from '../types.js';
import { chainPeople, effectiveMaterialsConfig, denied, materialCardFor, refusal, seen } from './common.js';
import { applyChange } from './effects.js';
import { submitMaterialVersion } from './versions.js';
import { materialCommentKey } from './outbox-keys.js';
import { sendText } from './send.js';

/**
 * Authors submit versions; the reviewer of the step the latest version waits at 审阅通过 or 退回修改 (a comment
 * required); supervisors comment at any step. Each action re-checks the caller against the material on the server,
 * and names the version and step its card showed: a stale card changes nothing.
 */

const M = msg.materials;

const done = async (m: Material, actor: string, ctx: HandlerCtx, text: Msg) =>
  withCard(toast('success', text), await materialCardFor(m, actor, ctx, { showBack: true }));

const refusedAt = async (m: Material, actor: string, ctx: HandlerCtx, fv: unknown, field: string, text: Msg) =>
  formRefused(text, await materialCardFor(m, actor, ctx, { showBack: true }), fv, [{ field, text: t(text) }]);

export const onMaterialVersion: CardHandler<'mt.version'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await seen(a.id, actor, ctx);
  if ('answer' in g) return g.answer;
  if (!isAuthor(g.material, actor)) return denied();
  const fv = event.formValue ?? {};
  const domains = (await effectiveMaterialsConfig(ctx)).docDomains;
  const parsed = parseVersionForm(fv, domains);
  if (!parsed.ok) {
    const text = parsed.error === 'badLink' ? M.toast.badLink(domains.join('、'))
      : M.toast[parsed.error === 'empty' ? 'emptyVersion' : parsed.error];
    const field = parsed.error === 'tooLong' ? VERSION_FORM.text : VERSION_FORM.link;
    return refusedAt(g.material, actor, ctx, fv, field, text);
  }
  const r = await submitMaterialVersion(a.id, a.n, parsed.source, actor, ctx);
  return r.ok ? done(r.material, actor, ctx, M.toast.versionSubmitted(a.n)) : refusal(r);
};

/** The caller acts for step `s` of the material's chain (else the refusal), whatever the material's state. */
async function reviewer(id: string, s: number, actor: string, ctx: HandlerCtx) {
  const g = await seen(id, actor, ctx);
  if ('answer' in g) return g;
  const people = await chainPeople(ctx);
  const step = g.material.chain[s];
  if (!step || !actsFor(step, actor, people)) return { answer: denied() };
  return { material: g.material, people };
}

export const onMaterialPass: CardHandler<'mt.pass'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await reviewer(a.id, a.s, actor, ctx);
  if ('answer' in g) return g.answer;
  const fv = event.formValue ?? {};
  const note = textOf(fv[REVIEW_FORM.returnComment], 500);
  if (note === undefined) return refusedAt(g.material, actor, ctx, fv, REVIEW_FORM.returnComment, M.toast.noteTooLong);
  const b = { by: actor, now: ctx.now() };
  const r = await applyChange(a.id, (m) => pass(m, a.n, a.s, b, g.people, note || undefined), 'pass', actor, ctx, { n: a.n, step: a.s });
  return r.ok ? done(r.material, actor, ctx, M.toast.passed) : refusal(r);
};

export const onMaterialReturn: CardHandler<'mt.return'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await reviewer(a.id, a.s, actor, ctx);
  if ('answer' in g) return g.answer;
  const fv = event.formValue ?? {};
  const comment = requiredComment(fv[REVIEW_FORM.returnComment]);
  if (!comment) return refusedAt(g.material, actor, ctx, fv, REVIEW_FORM.returnComment, M.toast.needComment);
  const r = await applyChange(a.id, (m) => returnForRevision(m, a.n, a.s, comment, { by: actor, now: ctx.now() }, g.people), 'return',
    actor, ctx, { n: a.n, step: a.s });
  // The authors get the comment from what follows the change (effects.ts), so a re-run after a crash still tells them.
  return r.ok ? done(r.material, actor, ctx, M.toast.returned) : refusal(r);
};

export const onMaterialComment: CardHandler<'mt.comment'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await seen(a.id, actor, ctx);
  if ('answer' in g) return g.answer;
  if (!hasAnyRole(g.viewer.roles, 'supervisor')) return denied();
  const fv = event.formValue ?? {};
  const comment = requiredComment(fv[REVIEW_FORM.comment]);
  if (!comment) return refusedAt(g.material, actor, ctx, fv, REVIEW_FORM.comment, M.toast.needCommentText);
  const r = await applyChange(a.id, (m) => addComment(m, comment, { by: actor, now: ctx.now() }), 'comment', actor, ctx);
  if (!r.ok) return refusal(r);
  const by = await displayName(actor, ctx);
  await sendText(r.material.authors, (u) => materialCommentKey(a.id, r.material.history.length, u),
    M.notices.commented(r.material.title, by, comment), ctx);
  return done(r.material, actor, ctx, M.toast.commented);
};
