import { hasAnyRole } from '../../src/domain/commands.js';
import { canSeeMeeting, signInVerdict, type Meeting, type MeetingViewer } from '../../src/domain/meetings/meeting.js';
import { missingPreconditions, type Missing } from '../../src/domain/meetings/preconditions.js';
import type { MaterialState } from '../../src/domain/materials/material.js';
import { msg, type Msg } from '../../src/messages/index.js';
import type { MeetingUpdate } from '../../src/store/meetings.js';
import { meetingCard, missingText } from '../../cards/meetings/meeting.js';
import type { Card } from '../../cards/types.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { callerRoles } from '../access.js';
import { knownPeople, type People } from '../people.js';
import { tz } from '../campaign-time.js';
import { talksMissing } from '../talks/status.js';

/** Shared by the meetings handlers and their reminder jobs: the viewer, the preconditions, the viewer's card. */

const G = msg.meetings;

export interface Viewer extends MeetingViewer { roles: Awaited<ReturnType<typeof callerRoles>> }

export async function viewerOf(openId: string, ctx: HandlerCtx): Promise<Viewer> {
  const roles = await callerRoles(openId, ctx);
  return { openId, roles, admin: hasAnyRole(roles, 'admin'), readsAll: hasAnyRole(roles, 'admin', 'topLeader', 'supervisor') };
}

export const denied = (): CardAnswer => toast('error', msg.errors.noPermission);

/** A refused change as a toast; nothing was changed. */
export function refusal(r: Exclude<MeetingUpdate, { ok: true }>): CardAnswer {
  const T = G.toast;
  const byReason: Record<typeof r.reason, Msg> = {
    notFound: T.notFound, conflict: T.conflict, notPlanned: T.notPlanned, notStarted: T.notStarted, ended: T.ended,
    notAttendee: T.notAttendee, twice: T.twice, early: T.closed, closed: T.closed, noRecord: T.noRecord,
    confirmed: T.confirmedAlready, noMeasure: T.noMeasure, already: T.already, stale: T.conflict,
  };
  return toast('warning', byReason[r.reason]);
}

/** What a meeting waits for before it starts, each missing thing named. */
export async function preconditionsOf(m: Meeting, ctx: HandlerCtx): Promise<Missing[]> {
  const selfChecks: Record<string, MaterialState> = {};
  for (const x of await ctx.store.materials.list()) {
    if (x.kind === 'selfCheck' && x.authors[0] && m.attendees.includes(x.authors[0])) selfChecks[x.authors[0]] = x.state;
  }
  return missingPreconditions({
    type: m.type, attendees: m.attendees, selfChecks, talksMissing: await talksMissing(ctx, m.attendees),
    planAccepted: (await ctx.store.materials.acceptedAt('meetingPlan')) !== undefined,
  });
}

export const missingTexts = (missing: readonly Missing[], people: People) => missing.map((x) => missingText(x, people.names));

/** The meeting card as `openId` sees it. */
export async function meetingCardFor(
  m: Meeting, openId: string, ctx: HandlerCtx, opts: { banner?: Msg; showBack?: boolean; people?: People; viewer?: Viewer } = {},
): Promise<Card> {
  const people = opts.people ?? (await knownPeople(ctx));
  const v = opts.viewer ?? (await viewerOf(openId, ctx));
  const missing = m.state === 'planned' ? await preconditionsOf(m, ctx) : undefined;
  const isTop = hasAnyRole(v.roles, 'topLeader');
  const itemIds = Object.values(m.records).flatMap((r) => Object.values(r.items));
  const items = await Promise.all(itemIds.map((id) => ctx.store.ledger.get(id)));
  const itemSeqs = Object.fromEntries(items.flatMap((i) => (i ? [[i.id, i.seq]] : [])));
  const report = m.report ? await ctx.store.materials.get(m.report) : undefined;
  const round = m.round ? await ctx.store.evaluations.getMeta(m.round) : undefined;
  const names: Record<string, string> = { ...people.names };
  for (const u of [...m.attendees, ...m.invited]) names[u] ??= people.nameOf(u);
  return meetingCard({
    meeting: m, names, viewer: openId, timeZone: tz(ctx), itemSeqs,
    can: {
      edit: v.admin && m.state === 'planned',
      start: v.admin && m.state === 'planned',
      override: isTop && m.state === 'planned' && (missing?.length ?? 0) > 0,
      end: v.admin && m.state === 'started',
      survey: v.admin && m.state === 'ended' && !m.round,
      record: v.admin,
      signIn: m.attendees.includes(openId) && !m.signIns[openId] && signInVerdict(m, ctx.now()).ok,
      readAll: v.readsAll,
    },
    ...(missing ? { missing } : {}),
    ...(report ? { reportTitle: report.title } : {}), ...(round ? { roundTitle: round.title } : {}),
    ...(opts.banner ? { banner: opts.banner } : {}), ...(opts.showBack ? { showBack: true } : {}),
  });
}

/** The meeting, when the caller may see it; else the answer (not found, or the refusal). */
type Found = { meeting: Meeting; viewer: Viewer } | { answer: CardAnswer };

export async function seen(id: string, openId: string, ctx: HandlerCtx): Promise<Found> {
  const meeting = await ctx.store.meetings.get(id);
  const viewer = await viewerOf(openId, ctx);
  if (!meeting) return { answer: viewer.readsAll ? toast('warning', G.toast.notFound) : denied() };
  if (!canSeeMeeting(meeting, viewer)) return { answer: denied() };
  return { meeting, viewer };
}

/** The meeting for an office action: the admin check first (a refusal before anything is read), then the meeting. */
export async function forAdmin(id: string, openId: string, ctx: HandlerCtx): Promise<Found> {
  const viewer = await viewerOf(openId, ctx);
  if (!viewer.admin) return { answer: denied() };
  const meeting = await ctx.store.meetings.get(id);
  return meeting ? { meeting, viewer } : { answer: toast('warning', G.toast.notFound) };
}

/** Sends the meeting card to each person under each one's key, with a banner saying why. */
export async function sendMeetingCards(m: Meeting, to: readonly string[], keyOf: (openId: string) => string, banner: Msg, ctx: HandlerCtx) {
  const people = await knownPeople(ctx);
  const messages = [];
  for (const openId of new Set(to)) {
    const card = await meetingCardFor(m, openId, ctx, { banner, people });
    messages.push({ key: keyOf(openId), to: { openId }, body: { type: 'card' as const, card } });
  }
  await ctx.outbox.sendMany(messages);
}
