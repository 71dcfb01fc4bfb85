import { knownChats, outreachRound, parseOutreachForm } from '../../src/domain/evaluations/outreach.js';
import { msg } from '../../src/messages/index.js';
import { outreachAdminCard, outreachFieldErrors } from '../../cards/evaluations/outreach.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { adminListCard as roundsListFor } from './electorate.js';
import type { CardHandler } from '../types.js';
import { hasRole } from '../access.js';

/** Outreach rounds (走进职工 visits): the admin's form and the electorate of a round posted into a chat. */

const E = msg.evaluation;
const formCard = (ctx: HandlerCtx, errors?: Parameters<typeof outreachAdminCard>[0]['errors']) =>
  outreachAdminCard({ chats: knownChats(ctx.campaign), errors, campaignName: ctx.campaign.campaign.name });

/** The members of a contact point's chat, read from Lark now; none when the bot cannot read them (logged for the operator). */
export async function chatElectorate(chatId: string, ctx: HandlerCtx): Promise<string[]> {
  return ctx.lark.chatMembers(chatId).then((users) => users.map((u) => u.openId), (e: Error) => {
    ctx.log.warn(
      { chatId, err: e.message },
      'outreach round: could not read the chat members (is the bot in the chat, with im:chat.members:read?)',
    );
    return [];
  });
}

export const onOutreachNew: CardHandler<'ev.outreachNew'> = async (_a, event, ctx) =>
  (await hasRole(event.operatorOpenId, ctx, 'admin')) ? withCard({}, formCard(ctx)) : toast('error', msg.errors.noPermissionFor);

/**
 * Creates a draft outreach round. Its electorate: the chat's members when the ballot goes into the
 * contact point's chat (read now, from Lark, and again when the round opens), else the campaign's
 * members (ballots by direct message).
 */
export const onOutreachCreate: CardHandler<'ev.outreachCreate'> = async (_a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return toast('error', msg.errors.noPermissionFor);
  const form = parseOutreachForm(event.formValue ?? {}, { now: ctx.now(), timeZone: ctx.campaign.campaign.timezone });
  if (!form.ok) return formRefused(msg.errors.badInput, formCard(ctx, form.errors), event.formValue, outreachFieldErrors(form.errors));
  let electorate: string[];
  if (form.value.chatId) {
    electorate = await chatElectorate(form.value.chatId, ctx);
    if (electorate.length === 0) {
      return formRefused(E.outreach.invalid.members, formCard(ctx, ['members']), event.formValue, outreachFieldErrors(['members']));
    }
  } else {
    electorate = await ctx.roles.members();
  }
  const round = outreachRound({ ...form.value, electorate, createdBy: event.operatorOpenId, now: ctx.now() });
  await ctx.store.evaluations.create(round, { at: ctx.now(), actor: event.operatorOpenId, action: 'evaluation.create',
    detail: { round: round.id, title: round.title, kind: round.kind, source: form.value.source, chat: form.value.chatId ?? null } });
  return withCard(toast('success', E.toast.created), await roundsListFor(ctx));
};
