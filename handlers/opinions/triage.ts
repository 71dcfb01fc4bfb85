import { cleanText, dayOf, TEXT_MAX } from '../../src/domain/opinions/opinion.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import type { Opinion } from '../../src/store/opinions.js';
import { TRIAGE_PAGE_SIZE, TRIAGE_TAGS, forwardedOpinionCard, triageItemCard, triageListCard } from '../../cards/opinions/triage.js';
import type { Card } from '../../cards/types.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { targetsOf } from './submit.js';
import { respond } from '../respond.js';
import { opinionToItem } from '../ledger/from-opinion.js';
import { itemCardFor } from '../ledger/common.js';
import type { CommandCall, CardHandler } from '../types.js';
import { hasRole } from '../access.js';
import { notifyNamed } from './notify.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { opinionForwardedKey } from './outbox-keys.js';
import { knownPeople } from '../people.js';
import { sendToTeam, sendToTop, viaOf } from './feedback.js';

async function triageListFor(page: number, ctx: HandlerCtx): Promise<Card> {
  const { ids, total: open } = await ctx.store.opinions.openPage(page * TRIAGE_PAGE_SIZE, TRIAGE_PAGE_SIZE);
  const counts = await ctx.store.opinions.counts();
  return triageListCard({ items: await ctx.store.opinions.getMany(ids), page, open, total: counts.total ?? 0, targets: targetsOf(ctx) });
}

async function itemCard(o: Opinion, page: number, ctx: HandlerCtx): Promise<Card> {
  const { ids } = await ctx.store.opinions.openPage(0, 21);
  const candidates = (await ctx.store.opinions.getMany(ids.filter((id) => id !== o.id).slice(0, 20)))
    .map((x) => ({ id: x.id, text: x.text }));
  const group = await ctx.store.opinions.groupMembers(o.mergedInto ?? o.id);
  const contact = await ctx.store.opinions.contactOf(o.id);
  return triageItemCard({
    opinion: o, targets: targetsOf(ctx), mergeCandidates: candidates, leaders: await knownPeople(ctx).then((p) => p.leaders),
    groupSize: Math.max(1, group.length), page, ...(contact ? { contact } : {}),
  });
}


/** 意见处理 (admins): the list of opinions waiting for triage. */
export async function onTriage(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  if (!hasAnyRole(cmd.roles, 'admin')) return respond(cmd, { type: 'text', text: t(msg.errors.noPermissionFor) }, ctx);
  await respond(cmd, { type: 'card', card: await triageListFor(0, ctx) }, ctx, { personal: true });
}

export const onTriagePage: CardHandler<'tr.page'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  return withCard({}, await triageListFor(a.page, ctx));
};

export const onTriageOpen: CardHandler<'tr.open'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  const o = await ctx.store.opinions.get(a.id);
  if (!o) return toast('warning', msg.triage.notFound);
  return withCard({}, await itemCard(o, a.page, ctx));
};

function textField(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = cleanText(raw);
  return s.length > 0 && [...s].length <= TEXT_MAX ? s : undefined;
}

/** Every triage action: role checked on the server, then the change and its audit entry in one step. */
export const onTriageDo: CardHandler<'tr.do'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  if (!(await hasRole(actor, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  const o = await ctx.store.opinions.get(a.id);
  if (!o) return toast('warning', msg.triage.notFound);
  const fv = event.formValue ?? {};
  const at = ctx.now();
  const audit = (action: string, detail: Record<string, unknown> = {}) =>
    ({ at, actor, action: `opinion.${action}`, detail: { id: o.id, ...detail } });
  const fail = (m: Msg): CardAnswer => toast('warning', m);
  // A refused form: the card again, what was typed kept and the field marked.
  const failAt = async (m: Msg, field: string): Promise<CardAnswer> =>
    formRefused(m, await itemCard(o, 0, ctx), fv, [{ field, text: t(m) }]);
  const day = dayOf(at, ctx.campaign.campaign.timezone);

  switch (a.op) {
    case 'reply': {
      const reply = textField(fv.reply_text);
      if (!reply) return failAt(msg.triage.needText, 'reply_text');
      await ctx.store.opinions.update(
        o.id, { set: { reply, replyBy: 'office', replyDay: day }, from: o.status, to: 'replied' }, audit('reply'),
      );
      await notifyNamed(o, reply, ctx);
      break;
    }
    case 'quick': {
      const note = textField(fv.quick_text);
      if (!note) return failAt(msg.triage.needText, 'quick_text');
      await ctx.store.opinions.update(o.id, { set: { quickNote: note }, from: o.status, to: 'quickfix' }, audit('quickfix'));
      break;
    }
    case 'tags': {
      const tags = Array.isArray(fv.tags)
        ? fv.tags.filter((x): x is string => typeof x === 'string' && (TRIAGE_TAGS as readonly string[]).includes(x))
        : [];
      await ctx.store.opinions.update(
        o.id, { set: { tags: JSON.stringify([...new Set(tags)]) }, leaveOpen: true }, audit('tags', { tags }),
      );
      break;
    }
    case 'merge': {
      const target = typeof fv.merge_into === 'string' ? await ctx.store.opinions.get(fv.merge_into) : undefined;
      if (!target) return failAt(msg.triage.needChoice, 'merge_into');
      const root = target.mergedInto ?? target.id;
      if (root === o.id) return failAt(msg.triage.cannotMergeSelf, 'merge_into');
      await ctx.store.opinions.merge(o.id, root, audit('merge', { into: root }));
      break;
    }
    case 'forward': {
      const leader = (await knownPeople(ctx).then((p) => p.leaders)).find((l) => l.openId === fv.forward_to);
      if (!leader) return failAt(msg.triage.needChoice, 'forward_to');
      const forwardedTo = [...new Set([...o.forwardedTo, leader.openId])];
      await ctx.store.opinions.update(
        o.id, { set: { forwardedTo: JSON.stringify(forwardedTo) }, leaveOpen: true }, audit('forward', { to: leader.openId }),
      );
      // The job carries the reader's identity and the text, never the writer's.
      const card = forwardedOpinionCard({ opinion: o, targets: targetsOf(ctx) });
      await ctx.outbox.send({ key: opinionForwardedKey(o.id, leader.openId), to: { openId: leader.openId }, body: { type: 'card', card } });
      break;
    }
    case 'adopt':
      await ctx.store.opinions.update(o.id, { from: o.status, to: 'adopted' }, audit('adopt'));
      break;
    case 'close':
      await ctx.store.opinions.update(o.id, { from: o.status, to: 'closed' }, audit('close'));
      break;
    case 'team':
    case 'top': {
      const r = await (a.op === 'team' ? sendToTeam : sendToTop)(o, audit, ctx);
      if (!r.ok) return r.answer;
      return withCard(toast('success', r.done), await itemCard((await ctx.store.opinions.get(o.id)) ?? o, 0, ctx));
    }
    case 'ledger': {
      const r = await opinionToItem(o, actor, ctx);
      if (!r.ok) return fail(r.message);
      return withCard(toast('success', msg.ledger.toast.converted(r.item.seq)), await itemCardFor(r.item, actor, ctx, { showBack: true }));
    }
  }
  const updated = (await ctx.store.opinions.get(o.id)) ?? o;
  return withCard(toast('success', msg.triage.doneBy[a.op as keyof typeof msg.triage.doneBy]), await itemCard(updated, 0, ctx));
};

/** A leader's reply to a forwarded opinion: only the leaders it was forwarded to may answer. */
export const onLeaderReply: CardHandler<'lr.reply'> = async (a, event, ctx) => {
  const o = await ctx.store.opinions.get(a.id);
  if (!o) return toast('warning', msg.triage.notFound);
  if (!o.forwardedTo.includes(event.operatorOpenId)) return toast('error', msg.errors.noPermission);
  const reply = textField(event.formValue?.leader_reply);
  const via = viaOf(o, event.operatorOpenId, ctx);
  if (!reply) {
    const again = forwardedOpinionCard({ opinion: o, targets: targetsOf(ctx), ...via });
    return formRefused(msg.triage.needText, again, event.formValue, [{ field: 'leader_reply', text: t(msg.triage.needText) }]);
  }
  const day = dayOf(ctx.now(), ctx.campaign.campaign.timezone);
  await ctx.store.opinions.update(o.id, { set: { reply, replyBy: 'leader', replyDay: day }, from: o.status, to: 'replied' },
    { at: ctx.now(), actor: event.operatorOpenId, action: 'opinion.leader_reply', detail: { id: o.id } });
  await notifyNamed(o, reply, ctx);
  const answered = forwardedOpinionCard({ opinion: o, targets: targetsOf(ctx), replied: reply, ...via });
  return withCard(toast('success', msg.triage.replied), answered);
};
