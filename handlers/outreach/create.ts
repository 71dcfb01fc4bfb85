import { attachableRounds, linkRecordOf, parseLinkForm, type LinkFormError } from '../../src/domain/outreach/form.js';
import { newLinkId, newLinkToken } from '../../src/domain/outreach/link.js';
import type { Role } from '../../src/domain/commands.js';
import { msg } from '../../src/messages/index.js';
import { linkFieldErrors, linkFormCard } from '../../cards/outreach/forms.js';
import type { Card } from '../../cards/types.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import { tz } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import { denied, linkListFor, linkRows, mayUse } from './common.js';
import { sendLinkAddress } from './qr.js';

/** 新建走访链接: the form (the office names any leader; a leader's link is theirs), then the link, its URL and QR code. */

const isAdmin = (roles: readonly Role[]) => roles.includes('admin');

async function formInputs(ctx: HandlerCtx, admin: boolean) {
  const rounds = attachableRounds(await ctx.store.evaluations.list());
  const people = admin ? await knownPeople(ctx) : undefined;
  return { rounds, leaders: people?.leaders ?? [] };
}

async function formCardFor(ctx: HandlerCtx, admin: boolean, errors?: readonly LinkFormError[]): Promise<Card> {
  const { rounds, leaders } = await formInputs(ctx, admin);
  return linkFormCard({
    rounds: rounds.map((r) => ({ value: r.id, label: r.title })),
    groups: ctx.campaign.raterGroups.map((g) => ({ value: g.key, label: g.name })),
    ...(admin ? { leaders: leaders.map((l) => ({ value: l.openId, label: l.title ? `${l.name}（${l.title}）` : l.name })) } : {}),
    ...(errors ? { errors } : {}),
  });
}

export const onLinkNew: CardHandler<'ol.new'> = async (_a, event, ctx) => {
  const roles = await mayUse(event.operatorOpenId, ctx);
  return roles ? withCard({}, await formCardFor(ctx, isAdmin(roles))) : denied();
};

/**
 * Stores the link (audited without its token: the token is the URL's secret), answers the list in place, and sends the
 * URL, the QR code and the printable sheet to the creator by direct message. Bad input: the form again, nothing stored.
 */
export const onLinkCreate: CardHandler<'ol.create'> = async (_a, event, ctx) => {
  const by = event.operatorOpenId;
  const roles = await mayUse(by, ctx);
  if (!roles) return denied();
  const admin = isAdmin(roles);
  const { rounds, leaders } = await formInputs(ctx, admin);
  const form = parseLinkForm(event.formValue ?? {}, {
    now: ctx.now(), timeZone: tz(ctx), rounds, leaders: leaders.map((l) => l.openId), operator: { openId: by, admin },
  });
  if (!form.ok) {
    return formRefused(msg.errors.badInput, await formCardFor(ctx, admin, form.errors), event.formValue, linkFieldErrors(form.errors));
  }
  const v = form.value;
  const record = linkRecordOf(v, { id: newLinkId(), token: newLinkToken(), createdBy: by, now: ctx.now() });
  const link = await ctx.store.outreachLinks.create(record, v.validUntil, {
    at: ctx.now(), actor: by, action: 'outreach.link.create',
    detail: { link: record.id, contact: v.contact, source: v.source, day: v.day, cap: v.cap, round: v.roundId ?? null,
      group: v.group, leader: v.leader ?? null, validUntil: v.validUntil },
  });
  const [row] = await linkRows([link], ctx);
  await sendLinkAddress(ctx, row!, by, event.eventId);
  return withCard(toast('success', msg.outreach.toast.created), await linkListFor(by, ctx, 0, roles));
};
