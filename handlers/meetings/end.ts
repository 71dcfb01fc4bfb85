import { addDays } from '../../src/domain/calendar.js';
import { defaultRound } from '../../src/domain/evaluations/round.js';
import { kindOf } from '../../src/domain/materials/kinds.js';
import type { Meeting } from '../../src/domain/meetings/meeting.js';
import { planMeetingReminders } from '../../src/domain/meetings/reminders.js';
import { endMeeting, linkReport, linkRound } from '../../src/domain/meetings/transitions.js';
import { msg, t } from '../../src/messages/index.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { calendarOf, today } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import { createMaterial, dueOfKind } from '../materials/create.js';
import { effectiveMaterialsConfig } from '../materials/common.js';
import { forAdmin, meetingCardFor, refusal } from './common.js';

/**
 * After the meeting: 结束会议 makes the 专题报告 a material of kind `meetingReport` (authors the office, reviewed through the
 * materials chain up to the 督导组), once, and schedules the reminders of unconfirmed records; 发起满意度测评 makes a
 * 满意度 round on the meeting with its attendees as the electorate, opened like any round from 测评.
 */

const G = msg.meetings;
const ROUND_DAYS = 7;

/** The report's material id, derived from the meeting's: a second end (or a retry after a crash) finds it. */
const reportIdOf = (meetingId: string) => `rp_${meetingId}`;

/** The 专题报告 of an ended meeting, made once and linked to it. */
async function ensureReport(m: Meeting, actor: string, ctx: HandlerCtx): Promise<Meeting> {
  if (m.report) return m;
  const id = reportIdOf(m.id);
  if (!(await ctx.store.materials.get(id))) {
    if (!(await ctx.store.kv.claimOnce(`mg-report-${m.id}`, 60))) return m;
    if (!(await ctx.store.materials.get(id))) {
      const kind = kindOf(await effectiveMaterialsConfig(ctx), 'meetingReport');
      const day = today(ctx);
      const due = await dueOfKind(ctx, kind);
      const authors = (await ctx.roles.admins()).slice(0, 10);
      await createMaterial(ctx, {
        id, kind: 'meetingReport', title: t(G.notices.reportTitle(m.title)).slice(0, 100), authors: authors.length ? authors : [actor],
        due: due && due >= day ? due : addDays(day, 10), by: actor,
      });
    }
  }
  const u = await ctx.store.meetings.update(m.id, (x) => linkReport(x, id, ctx.now()), null);
  return u.ok ? u.meeting : ((await ctx.store.meetings.get(m.id)) ?? m);
}

export const onMeetingEnd: CardHandler<'mg.end'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const r = await forAdmin(a.id, actor, ctx);
  if ('answer' in r) return r.answer;
  // An ended meeting whose report is missing (a crash in between) gets it now.
  if (r.meeting.state === 'ended') {
    const m = await ensureReport(r.meeting, actor, ctx);
    return withCard(toast('warning', G.toast.ended), await meetingCardFor(m, actor, ctx, { showBack: true }));
  }
  const now = ctx.now();
  const u = await ctx.store.meetings.update(a.id, (m) => endMeeting(m, { by: actor, now }), {
    at: now, actor, action: 'meeting.end', detail: { id: a.id },
  });
  if (!u.ok) return withCard(refusal(u), await meetingCardFor(r.meeting, actor, ctx));
  await ctx.meetingJobs.reminders(a.id, planMeetingReminders(now, calendarOf(ctx)));
  const m = await ensureReport(u.meeting, actor, ctx);
  return withCard(toast('success', G.toast.endedNow), await meetingCardFor(m, actor, ctx, { showBack: true }));
};

/** 发起满意度测评: a draft 满意度 round on the team, the attendees its electorate (opened from 测评 like any round). */
export const onMeetingSurvey: CardHandler<'mg.survey'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const r = await forAdmin(a.id, actor, ctx);
  if ('answer' in r) return r.answer;
  if (r.meeting.state !== 'ended') return withCard(toast('warning', G.toast.notStarted), await meetingCardFor(r.meeting, actor, ctx));
  if (r.meeting.round) return withCard(toast('warning', G.toast.surveyAlready), await meetingCardFor(r.meeting, actor, ctx));
  if (!(await ctx.store.kv.claimOnce(`mg-survey-${a.id}`, 30))) return toast('warning', G.toast.surveyAlready);
  const now = ctx.now();
  const round = defaultRound(ctx.campaign, {
    title: t(G.notices.roundTitle(r.meeting.title)).slice(0, 100), kind: 'satisfaction', closesAt: now + ROUND_DAYS * 86_400_000,
    createdBy: actor, now, electorate: r.meeting.attendees, voterGroups: {}, subjectKeys: ['team'],
  });
  await ctx.store.evaluations.create(round, {
    at: now, actor, action: 'evaluation.create', detail: { round: round.id, title: round.title, kind: round.kind, meeting: a.id },
  });
  const u = await ctx.store.meetings.update(a.id, (m) => linkRound(m, round.id, { by: actor, now }), {
    at: now, actor, action: 'meeting.survey', detail: { id: a.id, round: round.id },
  });
  if (!u.ok) return refusal(u);
  return withCard(toast('success', G.toast.surveyMade), await meetingCardFor(u.meeting, actor, ctx, { showBack: true }));
};
