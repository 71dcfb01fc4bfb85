import { tz as tzOf } from '../campaign-time.js';
import type { Attendance, ReflectionCards, StudyConfig, StudySession } from '../../src/domain/study/session.js';
import { studyReflectionCard, studySessionCard } from '../../cards/study/session.js';
import type { Card } from '../../cards/types.js';
import type { HandlerCtx } from '../context.js';
import { nudgeKey, reflectionKey, sessionCardKey } from './outbox-keys.js';
import { fileNames } from '../people.js';

/**
 * What the study handlers and jobs share: the config, the attendee snapshot with names, the member's
 * cards and the outbox keys they were sent under (deterministic per session, step and person, so a
 * step run twice sends once and a card can be patched in place later).
 */

export const studyConfig = (ctx: HandlerCtx): StudyConfig | undefined => ctx.campaign.campaign.study;
export { calendarOf, tz as tzOf } from '../campaign-time.js';

/**
 * The study's attendees now (`study.attendees`, default `members`): the listed people plus everyone
 * in the listed chats, with display names (file, chat member list, then the contact API).
 */
async function resolveAttendees(ctx: HandlerCtx): Promise<Record<string, string>> {
  const names = fileNames(ctx.campaign);
  const out: Record<string, string> = {};
  for (const u of ctx.campaign.studyAttendees.users) out[u] = names.get(u) ?? '';
  for (const chat of ctx.campaign.studyAttendees.chats) {
    try {
      for (const u of await ctx.lark.chatMembers(chat)) out[u.openId] ??= names.get(u.openId) ?? u.name ?? '';
    } catch (e) {
      ctx.log.warn(
        { chatId: chat, err: (e as Error).message },
        'study: could not read the members of an attendee chat (is the bot in it, with im:chat.members:read?)',
      );
    }
  }
  for (const u of Object.keys(out).filter((x) => !out[x]).slice(0, 500)) {
    out[u] = await ctx.lark.getUser(u).then((x) => x.name ?? '', () => '');
  }
  return out;
}

/**
 * The session's attendees: the snapshot its first step took, or — before that — the people of now;
 * only a step (`keep`) takes the snapshot, so a click or a settings change days ahead freezes nothing.
 */
export async function attendeesOf(ctx: HandlerCtx, sessionId: string, opts: { keep?: boolean } = {}): Promise<Record<string, string>> {
  const snap = await ctx.store.study.attendees(sessionId);
  if (snap) return snap;
  if (!opts.keep) return resolveAttendees(ctx);
  await ctx.store.study.snapshotAttendees(sessionId, await resolveAttendees(ctx));
  return (await ctx.store.study.attendees(sessionId)) ?? {};
}

/** A member's session card as of now. */
export async function sessionCardFor(ctx: HandlerCtx, s: StudySession, openId: string,
  opts: { reminder?: boolean; records?: Readonly<Record<string, Attendance>> } = {}): Promise<Card> {
  const cfg = studyConfig(ctx)!;
  // Callers that draw every attendee's card pass the session's records, read once.
  const { records, ...view } = opts;
  const record = records ? records[openId] : await ctx.store.study.recordOf(s.id, openId);
  return studySessionCard({ session: s, rules: cfg, timeZone: tzOf(ctx), now: ctx.now(), ...(record ? { record } : {}), ...view });
}

export async function reflectionCardFor(
  ctx: HandlerCtx, s: StudySession, openId: string, opts: { nudge?: boolean; resent?: boolean } = {},
): Promise<Card> {
  const reflection = await ctx.store.study.reflection(s.id, openId);
  return studyReflectionCard({
    session: s, rules: studyConfig(ctx)!, timeZone: tzOf(ctx), now: ctx.now(), ...(reflection ? { reflection } : {}), ...opts,
  });
}

/** Keys of the session cards sent to this member so far (one per reminder step that ran). */
export async function sentCardKeys(ctx: HandlerCtx, sessionId: string, openId: string, steps?: string[]): Promise<string[]> {
  const reminders = (steps ?? (await ctx.store.study.steps(sessionId))).filter((st) => /^r\d+$/.test(st));
  return reminders.map((st) => sessionCardKey(sessionId, st, openId));
}

/**
 * Brings this member's other copies of the session card up to date (the one clicked is replaced by
 * the callback answer, so it is left out: Lark advises against mixing the two on one interaction).
 */
export async function patchMemberCards(ctx: HandlerCtx, s: StudySession, openId: string, exceptMessageId?: string): Promise<void> {
  const keys = await sentCardKeys(ctx, s.id, openId);
  if (!keys.length) return;
  const copies = await Promise.all(keys.map(async (key) => ({ key, messageId: await ctx.outbox.messageId(key) })));
  await patchCopies(ctx, openId, copies, await sessionCardFor(ctx, s, openId), exceptMessageId);
}

/**
 * Patches each copy of a member's card except the one just clicked (its callback answer replaces it); a copy the
 * member deleted (or Lark recalled) comes back as a new message with the current card.
 */
async function patchCopies(
  ctx: HandlerCtx, openId: string, copies: readonly { key: string; messageId?: string }[], card: Card, exceptMessageId?: string,
): Promise<void> {
  for (const c of copies) {
    if (!exceptMessageId || c.messageId !== exceptMessageId) await ctx.outbox.patch(c.key, card, { repostTo: { openId } });
  }
}

/**
 * Keys of the member's reflection cards still live and delivered: those of their latest generation
 * (tracked at each send), or, for a session whose cards went out before tracking, the end and nudge cards.
 */
export async function liveReflectionKeys(
  ctx: HandlerCtx, sessionId: string, openId: string, tracked?: ReflectionCards | null,
): Promise<string[]> {
  return (await liveReflectionCopies(ctx, sessionId, openId, tracked)).map((c) => c.key);
}

async function liveReflectionCopies(
  ctx: HandlerCtx, sessionId: string, openId: string, tracked?: ReflectionCards | null,
): Promise<{ key: string; messageId: string }[]> {
  const cur = tracked === undefined ? await ctx.store.study.reflectionCardsOf(sessionId, openId) : tracked ?? undefined;
  let keys = cur?.keys;
  if (!keys) {
    const steps = await ctx.store.study.steps(sessionId);
    keys = [
      steps.includes('end') ? reflectionKey(sessionId, openId) : '', steps.includes('nudge') ? nudgeKey(sessionId, openId) : '',
    ].filter(Boolean);
  }
  const copies = await Promise.all(keys.map(async (key) => ({ key, messageId: await ctx.outbox.messageId(key) })));
  // A key with no message was not sent to this member (on leave, unreachable, had one already).
  return copies.filter((c): c is { key: string; messageId: string } => c.messageId !== undefined);
}

/** The same for the live reflection copies (the end card, a nudge, the latest re-send): never one already pointed to a newer card. */
export async function patchReflectionCards(ctx: HandlerCtx, s: StudySession, openId: string, exceptMessageId?: string): Promise<void> {
  const copies = await liveReflectionCopies(ctx, s.id, openId);
  if (!copies.length) return;
  await patchCopies(ctx, openId, copies, await reflectionCardFor(ctx, s, openId), exceptMessageId);
}
