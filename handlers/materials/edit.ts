import { parseMaterialForm } from '../../src/domain/materials/form.js';
import { editMaterial } from '../../src/domain/materials/transitions.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { msg } from '../../src/messages/index.js';
import { materialFormCard } from '../../cards/materials/form.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import { today } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import type { Material } from '../../src/domain/materials/material.js';
import { denied, kindName, materialCardFor, refusal, seen } from './common.js';
import { applyChange } from './effects.js';
import { formErrors } from './create.js';
import { materialAssignedKey } from './outbox-keys.js';
import { sendCards } from './send.js';
import { shortDay } from '../../cards/materials/common.js';

/** The office changes a material's title, authors and due day while it is not accepted (audited; new authors get its card). */

const M = msg.materials;

async function editCard(m: Material, ctx: HandlerCtx) {
  const people = await knownPeople(ctx);
  const card = materialFormCard({ kinds: [], people: people.list, material: m, kindName: await kindName(ctx, m.kind) });
  return { card, ids: people.ids };
}

async function adminSeen(id: string, actor: string, ctx: HandlerCtx) {
  const g = await seen(id, actor, ctx);
  if ('answer' in g) return g;
  return hasAnyRole(g.viewer.roles, 'admin') ? g : { answer: denied() };
}

export const onMaterialEdit: CardHandler<'mt.edit'> = async (a, event, ctx) => {
  const g = await adminSeen(a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  if (g.material.state === 'accepted') return toast('warning', M.toast.accepted);
  return withCard({}, (await editCard(g.material, ctx)).card);
};

export const onMaterialEditSave: CardHandler<'mt.editSave'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const g = await adminSeen(a.id, actor, ctx);
  if ('answer' in g) return g.answer;
  const { card, ids } = await editCard(g.material, ctx);
  const fv = event.formValue ?? {};
  const r = parseMaterialForm(fv, {
    authorsAllowed: ids, officeKinds: [], today: today(ctx), keepDue: g.material.due, kind: g.material.kind,
  });
  if (!r.ok) return formRefused(M.toast.formErrors, card, fv, formErrors(r.errors));
  const { title, authors, due } = r.value;
  const u = await applyChange(a.id, (m) => editMaterial(m, { title, authors, due }, { by: actor, now: ctx.now() }), 'edit', actor, ctx,
    { due, authors });
  if (!u.ok) return refusal(u);
  const added = u.material.authors.filter((x) => !g.material.authors.includes(x));
  await sendCards(u.material, added, (x) => materialAssignedKey(a.id, u.material.history.length, x),
    M.notices.assigned(await kindName(ctx, u.material.kind), u.material.title, shortDay(u.material.due)), ctx);
  return withCard(toast('success', M.toast.edited), await materialCardFor(u.material, actor, ctx, { showBack: true }));
};
