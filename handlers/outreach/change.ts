import { parseExtendForm } from '../../src/domain/outreach/form.js';
import { msg } from '../../src/messages/index.js';
import { linkExtendCard, linkRevokeCard } from '../../cards/outreach/forms.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import { tz } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import type { HandlerCtx } from '../context.js';
import type { Role } from '../../src/domain/commands.js';
import { linkFor, linkListFor } from './common.js';
import { sendLinkAddress } from './qr.js';

/**
 * One link's buttons: 二维码 (the address again, by direct message), 延期 and 撤销. Each checks the caller against the
 * link on the server (the value carries its id only); extend and revoke are audited, a revoked link stays revoked.
 */

const T = msg.outreach.toast;
const audit = (action: string, by: string, at: number, detail: Record<string, unknown>) => ({ at, actor: by, action, detail });
const revoked = async (by: string, ctx: HandlerCtx, roles: Role[]) =>
  withCard(toast('warning', T.revokedAlready), await linkListFor(by, ctx, 0, roles));

export const onLinkQr: CardHandler<'ol.qr'> = async (a, event, ctx) => {
  const g = await linkFor(a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  if (g.row.state === 'revoked') return toast('warning', T.revokedAlready);
  await sendLinkAddress(ctx, g.row, event.operatorOpenId, event.eventId);
  return toast('success', T.sent);
};

export const onLinkExtendForm: CardHandler<'ol.extendForm'> = async (a, event, ctx) => {
  const g = await linkFor(a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  if (g.row.state === 'revoked') return revoked(event.operatorOpenId, ctx, g.roles);
  return withCard({}, linkExtendCard(g.row, tz(ctx)));
};

export const onLinkExtend: CardHandler<'ol.extend'> = async (a, event, ctx) => {
  const by = event.operatorOpenId;
  const g = await linkFor(a.id, by, ctx);
  if ('answer' in g) return g.answer;
  if (g.row.state === 'revoked') return revoked(by, ctx, g.roles);
  const f = parseExtendForm(event.formValue ?? {}, { now: ctx.now(), timeZone: tz(ctx) });
  if (!f.ok) return formRefused(T.badUntil, linkExtendCard(g.row, tz(ctx)), event.formValue);
  const done = await ctx.store.outreachLinks.extend(a.id, f.validUntil,
    audit('outreach.link.extend', by, ctx.now(), { link: a.id, contact: g.link.contact, from: g.link.validUntil, to: f.validUntil }));
  return withCard(toast(done ? 'success' : 'warning', done ? T.extended : T.revokedAlready), await linkListFor(by, ctx, 0, g.roles));
};

export const onLinkRevokeAsk: CardHandler<'ol.revokeAsk'> = async (a, event, ctx) => {
  const g = await linkFor(a.id, event.operatorOpenId, ctx);
  if ('answer' in g) return g.answer;
  if (g.row.state === 'revoked') return revoked(event.operatorOpenId, ctx, g.roles);
  return withCard({}, linkRevokeCard(g.row, tz(ctx)));
};

export const onLinkRevoke: CardHandler<'ol.revoke'> = async (a, event, ctx) => {
  const by = event.operatorOpenId;
  const g = await linkFor(a.id, by, ctx);
  if ('answer' in g) return g.answer;
  const done = await ctx.store.outreachLinks.revoke(a.id, ctx.now(),
    audit('outreach.link.revoke', by, ctx.now(), { link: a.id, contact: g.link.contact, entries: g.link.entries }));
  return withCard(toast(done ? 'success' : 'warning', done ? T.revoked : T.revokedAlready), await linkListFor(by, ctx, 0, g.roles));
};
