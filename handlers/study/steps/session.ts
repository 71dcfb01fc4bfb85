import {
  cardGeneration, dayOfSession, isSkippedDay, matchesCron, nudgeTargets, sessionSteps, type StudySession,
} from '../../../src/domain/study/session.js';
import { attendanceTrend, loadSummary } from '../../../src/reports/study-exports.js';
import { studyDigestCard } from '../../../cards/study/admin.js';
import type { HandlerCtx } from '../../context.js';
import { attendeesOf, calendarOf, reflectionCardFor, sentCardKeys, sessionCardFor, studyConfig, tzOf } from '../common.js';
import { nudgeKey, reflectionKey, sessionCardKey, studyDigestKey } from '../outbox-keys.js';
import { resendReflectionCards } from './resend.js';

/**
 * The scheduled steps of a session (jobs/study.ts runs them). Each is idempotent: every message has
 * an outbox key derived from (session, step, person), so a step that runs twice (a retry, a restart,
 * a scheduler firing twice across a DST change) sends each message once.
 */

type StepResult = 'done' | 'cancelled' | 'stale' | 'no-study';

/** A session still wanted: not cancelled, and for a scheduled one, still an occurrence of the current pattern and not skipped. */
async function liveSession(ctx: HandlerCtx, sessionId: string): Promise<StudySession | 'cancelled' | 'stale'> {
  const cfg = studyConfig(ctx)!;
  const s = await ctx.store.study.getSession(sessionId);
  if (!s || s.status === 'cancelled') return 'cancelled';
  // A session that has started is kept whatever the schedule says now (its nudge, digest and records stand).
  const offSchedule = () => !matchesCron(cfg.cron, tzOf(ctx), s.start) || isSkippedDay(dayOfSession(s.id), ctx.campaign.campaign);
  if (s.source === 'cron' && s.start > ctx.now() && offSchedule()) {
    await ctx.store.study.cancelSession(s.id);
    await ctx.studyJobs.schedule(s.id, { refreshCards: true });
    return 'stale';
  }
  return s;
}

/** Patches every attendee's session cards (the check-in window opened or closed, the session ended, an admin changed it). */
export async function refreshSessionCards(ctx: HandlerCtx, s: StudySession): Promise<number> {
  const people = Object.keys(await attendeesOf(ctx, s.id));
  const [steps, records] = await Promise.all([ctx.store.study.steps(s.id), ctx.store.study.records(s.id)]);
  let n = 0;
  for (const openId of people) {
    const keys = await sentCardKeys(ctx, s.id, openId, steps);
    if (!keys.length) continue;
    const card = await sessionCardFor(ctx, s, openId, { records });
    // A card the member deleted (or Lark recalled) comes back as a new message with the current card.
    for (const key of keys) await ctx.outbox.patch(key, card, { repostTo: { openId } });
    n++;
  }
  return n;
}

/** Who reads the digest: admins, leaders (file and run time) and the top leader. */
async function digestReaders(ctx: HandlerCtx): Promise<string[]> {
  const rt = await ctx.roles.runtime();
  const leaders = [...ctx.campaign.leaders.map((l) => l.openId), ...rt.leaders.keys(), ctx.campaign.topLeader];
  return [...new Set([...(await ctx.roles.admins()), ...leaders])];
}

/** The digest card of a session, with the trend over the sessions before it (numbers from the stored records). */
async function digestCardFor(ctx: HandlerCtx, s: StudySession) {
  const store = ctx.store.study;
  const trend = await attendanceTrend(store, s.start, 8);
  const { summary, names } = await loadSummary(store, s.id);
  return studyDigestCard({ session: s, timeZone: tzOf(ctx), summary, names, trend });
}

export async function runStudyStep(ctx: HandlerCtx, sessionId: string, step: string): Promise<StepResult> {
  if (!studyConfig(ctx)) return 'no-study';
  const s = await liveSession(ctx, sessionId);
  if (s === 'cancelled' || s === 'stale') return s;
  const people = await attendeesOf(ctx, s.id, { keep: true });
  const ids = Object.keys(people);
  const store = ctx.store.study;

  if (/^r\d+$/.test(step)) {
    // Mark first so a member acting at once finds this card among theirs to patch.
    await store.markStep(s.id, step);
    const msgs = [];
    const records = await store.records(s.id);
    for (const openId of ids) {
      const card = await sessionCardFor(ctx, s, openId, { reminder: true, records });
      msgs.push({ key: sessionCardKey(s.id, step, openId), to: { openId }, body: { type: 'card' as const, card } });
    }
    await ctx.outbox.sendMany(msgs);
  } else if (step === 'open' || step === 'close') {
    await store.markStep(s.id, step);
    await refreshSessionCards(ctx, s);
  } else if (step === 'end') {
    await store.markStep(s.id, step);
    await refreshSessionCards(ctx, s);
    // The reflection form goes to everyone not on leave.
    const records = await store.records(s.id);
    const msgs = [];
    const sent = ids.filter((u) => records[u]?.status !== 'leave').map((openId) => ({ openId, key: reflectionKey(s.id, openId) }));
    for (const { openId, key } of sent) {
      msgs.push({ key, to: { openId }, body: { type: 'card' as const, card: await reflectionCardFor(ctx, s, openId) } });
    }
    await ctx.outbox.sendMany(msgs);
    // Generation 0 of each member's reflection cards; a re-send points these to the fresh one.
    await store.trackReflectionCards(s.id, 0, sent);
  } else if (step === 'nudge') {
    await store.markStep(s.id, step);
    const [records, reflections] = await Promise.all([store.records(s.id), store.reflections(s.id)]);
    const targets = nudgeTargets(ids, records, new Set(Object.keys(reflections)));
    const msgs = [];
    for (const openId of targets) {
      const card = await reflectionCardFor(ctx, s, openId, { nudge: true });
      msgs.push({ key: nudgeKey(s.id, openId), to: { openId }, body: { type: 'card' as const, card } });
    }
    await ctx.outbox.sendMany(msgs);
    // A nudge is a fresh card too: of the generation of the re-sends scheduled before it.
    const at = sessionSteps(s, studyConfig(ctx)!, calendarOf(ctx)).find((x) => x.step === 'nudge')?.at ?? ctx.now();
    const gen = cardGeneration(s, studyConfig(ctx)!, 'nudge', at);
    await store.trackReflectionCards(s.id, gen, targets.map((openId) => ({ openId, key: nudgeKey(s.id, openId) })));
    ctx.log.info({ session: s.id, nudged: targets.length }, 'study: reflection nudges queued');
  } else if (/^re\d+$/.test(step)) {
    await resendReflectionCards(ctx, s, step);
  } else if (step === 'digest') {
    await store.markStep(s.id, step);
    const card = await digestCardFor(ctx, s);
    const readers = await digestReaders(ctx);
    await ctx.outbox.sendMany(readers.map((openId) => ({
      key: studyDigestKey(s.id, openId), to: { openId }, body: { type: 'card' as const, card },
    })));
  }
  return 'done';
}
