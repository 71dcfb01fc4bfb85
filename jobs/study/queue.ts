import { UnrecoverableError, type Job, type JobsOptions, type Queue } from 'bullmq';
import { z } from 'zod';
import { DAY_MS, localParts } from '../../src/domain/calendar.js';
import {
  cronStarts, dayOfSession, isSkippedDay, isValidCron, matchesCron, newSession, reflectionDeadline, sessionIdOf, sessionIdSchema,
  sessionSteps, stepSchema,
} from '../../src/domain/study/session.js';
import type { ResolvedCampaign } from '../../src/campaign.js';
import { inWindow, studyWindow } from '../../src/domain/campaign/window.js';
import type { Logger } from '../../src/log.js';
import type { HandlerCtx } from '../../handlers/context.js';
import { calendarOf, studyConfig, tzOf } from '../../handlers/study/common.js';
import type { StudyJobs } from '../../handlers/study/jobs.js';
import { refreshSessionCards, runStudyStep } from '../../handlers/study/steps/session.js';
import { refreshRecordCards } from '../../handlers/study/record.js';
import { recurringWithin } from '../schedule-window.js';
import { effectiveCampaign } from '../../handlers/campaign/timeline.js';

/**
 * Study queue (DESIGN §2.5). One BullMQ job scheduler with a stable id fires a `plan` job at every
 * occurrence of `study.cron` in the campaign zone (re-deploying upserts it: never a second one; a
 * changed pattern replaces it). A plan creates the sessions starting within the horizon (skip dates
 * and holidays left out) and adds one delayed job per step with a jobId of (session, step), so
 * planning twice adds nothing; every message a step sends has an outbox key of (session, step, person).
 * A reflection window longer than 13 days adds `re<n>` steps (reflection cards re-sent before Lark's
 * 14-day card limit; handlers/study-resend.ts).
 */

export const STUDY_SCHEDULER_ID = 'study-weekly';

const studyJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('plan') }),
  z.strictObject({ kind: z.literal('step'), session: sessionIdSchema, step: stepSchema }),
  z.strictObject({ kind: z.literal('refresh'), session: sessionIdSchema }),
]);

const KEEP: JobsOptions = {
  attempts: 5, backoff: { type: 'exponential', delay: 5_000 },
  // Kept past the horizon, so a re-plan meets the finished job's id and adds nothing (the outbox keys dedupe anyway).
  removeOnComplete: { age: 45 * 86_400 }, removeOnFail: { age: 45 * 86_400 },
};

export const stepJobId = (sessionId: string, step: string) => `st-${sessionId}-${step}`;

/**
 * Upserts the scheduler (or removes it when the campaign has no study, or its window is over) and plans
 * once now, so a fresh deployment does not wait for the first cron firing. The scheduler ends after the
 * study window's last day (`study.until`, else the last phase's end): nothing recurring outlives the campaign.
 */
export async function syncStudySchedule(queue: Queue, campaign: ResolvedCampaign, log: Logger, now: () => number): Promise<void> {
  const cfg = campaign.campaign.study;
  const tz = campaign.campaign.timezone;
  if (!cfg || !isValidCron(cfg.cron, tz)) {
    if (cfg) log.error({ cron: cfg.cron }, 'study.cron is not a valid cron pattern: no study sessions are scheduled');
    await queue.removeJobScheduler(STUDY_SCHEDULER_ID);
    return;
  }
  const within = recurringWithin(studyWindow(campaign.campaign), tz, now());
  if (within.over) {
    log.info('study: the study window is over: the weekly scheduler is removed');
    await queue.removeJobScheduler(STUDY_SCHEDULER_ID);
    return;
  }
  const repeat = { pattern: cfg.cron, tz, ...(within.endDate === undefined ? {} : { endDate: within.endDate }) };
  await queue.upsertJobScheduler(STUDY_SCHEDULER_ID, repeat, { name: 'plan', data: { kind: 'plan' }, opts: KEEP });
  await queue.add('plan', studyJobSchema.parse({ kind: 'plan' }), { ...KEEP, deduplication: { id: 'study-plan-now' } });
}

/**
 * Adds the session's step jobs still ahead. Reminders already past are dropped except the latest
 * one, which goes out now (an extra session added at short notice still reaches everyone).
 */
export async function scheduleStudySession(
  queue: Queue, ctx: HandlerCtx, sessionId: string, opts: { refreshCards?: boolean } = {},
): Promise<void> {
  const cfg = studyConfig(ctx);
  const s = await ctx.store.study.getSession(sessionId);
  if (!cfg || !s) return;
  if (s.status === 'cancelled') {
    // Cards already sent show the cancellation (no 签到 or 请假 left on them).
    if (opts.refreshCards) await refreshCards(queue, s.id);
    return;
  }
  const now = ctx.now();
  const steps = sessionSteps(s, cfg, calendarOf(ctx));
  const ahead = steps.filter((x) => x.at > now);
  const missed = steps.filter((x) => x.at <= now && /^r\d+$/.test(x.step)).at(-1);
  if (missed && s.start > now) ahead.unshift({ step: missed.step, at: now });
  if (ahead.length) {
    await queue.addBulk(ahead.map((x) => ({
      name: 'step', data: studyJobSchema.parse({ kind: 'step', session: s.id, step: x.step }),
      opts: { ...KEEP, jobId: stepJobId(s.id, x.step), delay: Math.max(0, x.at - now) },
    })));
  }
  if (opts.refreshCards) await refreshCards(queue, s.id);
}

/** Brings the cards already sent for a session up to date (one waiting refresh per session). */
async function refreshCards(queue: Queue, sessionId: string): Promise<void> {
  await queue.add('refresh', studyJobSchema.parse({ kind: 'refresh', session: sessionId }), {
    ...KEEP, deduplication: { id: `st-refresh-${sessionId}` },
  });
}

/** HandlerCtx.studyJobs on the study queue; `ctx` is the ctx it belongs to (read when a session is scheduled). */
export function createStudyJobs(queue: Queue, ctx: () => HandlerCtx): StudyJobs {
  return { schedule: (sessionId, opts) => scheduleStudySession(queue, ctx(), sessionId, opts) };
}

/** Sessions in the horizon: far enough ahead for the earliest reminder of the next occurrence. */
function planHorizon(remindBeforeMinutes: readonly number[]): number {
  return Math.max(0, ...remindBeforeMinutes) * 60_000 + 8 * DAY_MS;
}

/**
 * Plans the sessions ahead inside the study window; cancels those planned under an older pattern, on a date
 * now skipped, or outside the window.
 */
export async function planStudy(queue: Queue, ctx: HandlerCtx): Promise<number> {
  const cfg = studyConfig(ctx);
  if (!cfg) return 0;
  const tz = tzOf(ctx);
  const now = ctx.now();
  const store = ctx.store.study;
  const window = studyWindow((await effectiveCampaign(ctx)).campaign);
  let planned = 0;
  for (const start of cronStarts(cfg.cron, tz, now, now + planHorizon(cfg.remindBeforeMinutes))) {
    const day = localParts(start, tz).day;
    // Outside the study window (before the campaign starts, after it ends) nothing is planned or sent.
    if (!inWindow(day, window) || isSkippedDay(day, ctx.campaign.campaign)) continue;
    const id = sessionIdOf(start, tz);
    if (!(await store.ensureSession(newSession(start, cfg, 'cron', now, tz)))) {
      // Cancelled earlier (a skip date since removed, a pattern switched back): wanted again.
      const existing = await store.getSession(id);
      if (existing?.status === 'cancelled' && existing.source === 'cron') {
        await store.restoreSession(id);
        await scheduleStudySession(queue, ctx, id, { refreshCards: true });
      }
    }
    await scheduleStudySession(queue, ctx, id);
    planned++;
  }
  // Sessions under way keep their later steps: the re-sends of a reflection window made longer, or
  // older than this version (jobIds of steps already added are kept, so this adds nothing twice).
  for (const s of await store.sessionsBetween(now - 31 * DAY_MS, now)) {
    if (s.status === 'cancelled' || reflectionDeadline(s, cfg) <= now) continue;
    if (s.source === 'cron' && !matchesCron(cfg.cron, tz, s.start)) continue;
    await scheduleStudySession(queue, ctx, s.id);
  }
  const calendar = calendarOf(ctx);
  for (const s of await store.sessionsBetween(now, now + 90 * DAY_MS)) {
    if (s.source !== 'cron' || s.status === 'cancelled') continue;
    const day = dayOfSession(s.id);
    if (matchesCron(cfg.cron, tz, s.start) && inWindow(day, window) && !isSkippedDay(day, ctx.campaign.campaign)) continue;
    await store.cancelSession(s.id);
    for (const x of sessionSteps(s, cfg, calendar)) await queue.remove(stepJobId(s.id, x.step));
    await scheduleStudySession(queue, ctx, s.id, { refreshCards: true });
    ctx.log.info({ session: s.id }, 'study: session no longer in the schedule; cancelled');
  }
  return planned;
}

export function createStudyProcessor(ctx: HandlerCtx, queue: Queue) {
  return async function processStudy(job: Job): Promise<string> {
    const parsed = studyJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`study job ${job.id}: invalid data`);
    const data = parsed.data;
    if (data.kind === 'plan') return `planned ${await planStudy(queue, ctx)}`;
    if (data.kind === 'refresh') {
      const s = await ctx.store.study.getSession(data.session);
      // The 学习 record cards show the next session too: brought up to date with the session's own cards.
      const records = await refreshRecordCards(ctx);
      return s ? `refreshed ${await refreshSessionCards(ctx, s)} (+${records} records)` : `no session (+${records} records)`;
    }
    return runStudyStep(ctx, data.session, data.step);
  };
}
