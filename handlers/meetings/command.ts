import { canSeeMeeting } from '../../src/domain/meetings/meeting.js';
import { meetingListCard } from '../../cards/meetings/form.js';
import type { Card } from '../../cards/types.js';
import { withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { respond } from '../respond.js';
import { tz } from '../campaign-time.js';
import type { CardHandler, CommandCall } from '../types.js';
import { meetingCardFor, seen, viewerOf } from './common.js';

/** 生活会: the meetings the caller attends or is invited to (every one for the office, the top leader, the 督导组). */
export async function meetingListFor(openId: string, ctx: HandlerCtx): Promise<Card> {
  const v = await viewerOf(openId, ctx);
  const meetings = (await ctx.store.meetings.list()).filter((m) => canSeeMeeting(m, v));
  return meetingListCard({ meetings, admin: v.admin, timeZone: tz(ctx) });
}

export async function onMeeting(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await respond(cmd, { type: 'card', card: await meetingListFor(cmd.callerOpenId, ctx) }, ctx, { personal: true });
}

export const onMeetingList: CardHandler<'mg.list'> = async (_a, event, ctx) =>
  withCard({}, await meetingListFor(event.operatorOpenId, ctx));

export const onMeetingOpen: CardHandler<'mg.open'> = async (a, event, ctx) => {
  const r = await seen(a.id, event.operatorOpenId, ctx);
  if ('answer' in r) return r.answer;
  return withCard({}, await meetingCardFor(r.meeting, event.operatorOpenId, ctx, { showBack: true, viewer: r.viewer }));
};
