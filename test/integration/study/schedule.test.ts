import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import type { HandlerCtx } from '../../../handlers/context.js';
import { runStudyStep } from '../../../handlers/study/steps/session.js';
import { planStudy, stepJobId, STUDY_SCHEDULER_ID, syncStudySchedule } from '../../../jobs/study/queue.js';
import { restartingBots, type TestBot, campaignFile, exampleCampaign } from '../../helpers/bot.js';

/**
 * The weekly schedule with real BullMQ on real Redis and a controllable clock: each reminder reaches
 * each attendee once per session across two restarts of the service, a skipped date sends nothing,
 * and changing the pattern replaces the one scheduler without duplicating jobs.
 */

const SH = 'Asia/Shanghai';
const example = exampleCampaign();
const campaign = { ...example, study: { ...example.study, cron: '0 9 * * 1', remindBeforeMinutes: [1440, 60], skipDates: ['2027-03-15'] } };
const campaignPath = campaignFile(campaign);

const MEMBERS = example.members.users.map((u: { openId: string }) => u.openId) as string[];
const START = instantOf('2027-03-08', '09:00', SH);
const SID = 's-20270308-0900';
const SKIPPED = 's-20270315-0900';
let clock = START - 1440 * 60_000 - 1500;
const series = restartingBots({ campaignPath, now: () => clock });
const { bots, start } = series;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
/** Session cards of a session delivered to a member, over every service instance so far. */
const cardsTo = (openId: string, sessionId: string) =>
  bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes(`"s":"${sessionId}"`));
const studyJobs = async (b: TestBot) =>
  (await b.service.deps.queues.study.getJobs(['delayed', 'waiting', 'active', 'completed', 'prioritized']))
    .filter((j) => j.name === 'step').map((j) => j.id!).sort();

describe('the weekly study schedule', () => {
  it('plans the next session at start: one scheduler, step jobs keyed by session, nothing for a skip date', async () => {
    const b = await start();
    await b.until(async () => (await studyJobs(b)).includes(stepJobId(SID, 'r60')), 10_000, 'the plan');
    const schedulers = await b.service.deps.queues.study.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: STUDY_SCHEDULER_ID, pattern: '0 9 * * 1', tz: SH });
    const jobs = await studyJobs(b);
    expect(jobs.filter((j) => j.includes(SKIPPED))).toEqual([]);
    expect(await b.service.deps.ctx.store.study.getSession(SKIPPED)).toBeUndefined();
    expect(jobs).toEqual(['r1440', 'r60', 'open', 'close', 'end', 'nudge', 'digest'].map((s) => stepJobId(SID, s)).sort());
  });

  it('the first reminder reaches every attendee once', async () => {
    const b = bots[0]!;
    await b.until(() => MEMBERS.every((m) => cardsTo(m, SID).length === 1), 15_000, 'the 1440-minute reminders');
    await b.idle();
    for (const m of MEMBERS) {
      const [card] = cardsTo(m, SID);
      expect(str(card!.content)).toContain('st.in');
      expect(str(card!.content)).toContain('区总工会四楼会议室');
    }
    // Admins who are not attendees get none.
    expect(cardsTo('ou_admin_liu', SID)).toEqual([]);
  });

  it('a restart plans again and adds nothing; the second reminder goes out once', async () => {
    await bots[0]!.stop();
    clock = START - 60 * 60_000 - 500;
    const b = await start();
    await b.until(async () => (await b.service.deps.queues.study.getJobCounts('waiting', 'active')).waiting === 0, 5_000, 'the re-plan');
    await new Promise((r) => setTimeout(r, 300));
    expect(await b.service.deps.queues.study.getJobSchedulers()).toHaveLength(1);
    expect(await studyJobs(b)).toEqual(['r1440', 'r60', 'open', 'close', 'end', 'nudge', 'digest'].map((s) => stepJobId(SID, s)).sort());
    // Time passes: the delayed reminder is due.
    await (await b.service.deps.queues.study.getJob(stepJobId(SID, 'r60')))!.promote();
    await b.until(() => MEMBERS.every((m) => cardsTo(m, SID).length === 2), 15_000, 'the 60-minute reminders');
  });

  it('a second restart, a re-plan and the steps run again send nothing twice', async () => {
    await bots[1]!.stop();
    clock = START - 59 * 60_000;
    const b = await start();
    const ctx = b.service.deps.ctx;
    await planStudy(b.service.deps.queues.study, ctx);
    await planStudy(b.service.deps.queues.study, ctx);
    expect(await runStudyStep(ctx, SID, 'r1440')).toBe('done');
    expect(await runStudyStep(ctx, SID, 'r60')).toBe('done');
    await b.idle();
    await new Promise((r) => setTimeout(r, 500));
    for (const m of MEMBERS) expect(cardsTo(m, SID), m).toHaveLength(2);
    expect(b.fake.requestsTo('im.message.create')).toEqual([]);
  });

  it('a skipped date sends nothing even when a step job for it runs', async () => {
    const b = bots[2]!;
    const ctx = b.service.deps.ctx;
    // A session planned before the date was added to skipDates.
    await ctx.store.study.ensureSession({
      id: SKIPPED, start: START + 7 * 86_400_000, end: START + 7 * 86_400_000 + 7_200_000, source: 'cron', topic: '', place: '',
      materials: [], status: 'planned', createdAt: clock,
    });
    expect(await runStudyStep(ctx, SKIPPED, 'r1440')).toBe('stale');
    expect(await runStudyStep(ctx, SKIPPED, 'r60')).toBe('cancelled');
    await b.idle();
    for (const m of MEMBERS) expect(cardsTo(m, SKIPPED)).toEqual([]);
  });

  it('changing the pattern replaces the scheduler and cancels the sessions of the old one, without duplicate jobs', async () => {
    const b = bots[2]!;
    const { queues, log } = b.service.deps;
    const ctx = b.service.deps.ctx;
    const changed = {
      ...ctx.campaign, campaign: { ...ctx.campaign.campaign, study: { ...ctx.campaign.campaign.study!, cron: '30 14 * * 3' } },
    };
    clock = START + 3 * 3_600_000; // Monday noon, after the first session
    for (let i = 0; i < 2; i++) await syncStudySchedule(queues.study, changed, log, () => clock);
    const schedulers = await queues.study.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: STUDY_SCHEDULER_ID, pattern: '30 14 * * 3' });
    const ctx2: HandlerCtx = { ...ctx, campaign: changed };
    // An old-pattern session ahead, as a previous plan would have left it.
    const nextMonday = 's-20270322-0900';
    await ctx.store.study.ensureSession({
      id: nextMonday, start: START + 14 * 86_400_000, end: START + 14 * 86_400_000 + 7_200_000, source: 'cron', topic: '', place: '',
      materials: [], status: 'planned', createdAt: clock,
    });
    await queues.study.add(
      'step', { kind: 'step', session: nextMonday, step: 'r60' }, { jobId: stepJobId(nextMonday, 'r60'), delay: 86_400_000 },
    );
    await planStudy(queues.study, ctx2);
    await planStudy(queues.study, ctx2);
    const jobs = await studyJobs(b);
    expect(jobs.filter((j) => j.includes(nextMonday))).toEqual([]);
    expect((await ctx.store.study.getSession(nextMonday))?.status).toBe('cancelled');
    const wed = jobs.filter((j) => j.includes('s-20270310-1430'));
    expect(wed).toEqual(['r1440', 'r60', 'open', 'close', 'end', 'nudge', 'digest'].map((s) => stepJobId('s-20270310-1430', s)).sort());
    expect(new Set(jobs).size).toBe(jobs.length);
    // The cancelled session's cards are refreshed (they show the cancellation).
    const refresh = (await queues.study.getJobs(['delayed', 'waiting', 'active', 'completed']))
      .filter((j) => j.name === 'refresh' && j.data.session === nextMonday);
    expect(refresh.length).toBeGreaterThanOrEqual(1);

    // This morning's session already took place under the old pattern: its later steps still run.
    expect(await runStudyStep(ctx2, SID, 'nudge')).toBe('done');
    expect((await ctx.store.study.getSession(SID))?.status).toBe('planned');

    // Switched back: the cancelled Monday is wanted again and planned, once.
    clock = instantOf('2027-03-14', '12:00', SH);
    await planStudy(queues.study, ctx);
    await planStudy(queues.study, ctx);
    expect((await ctx.store.study.getSession(nextMonday))?.status).toBe('planned');
    const again = (await studyJobs(b)).filter((j) => j.includes(nextMonday));
    expect(again).toEqual(['r1440', 'r60', 'open', 'close', 'end', 'nudge', 'digest'].map((x) => stepJobId(nextMonday, x)).sort());
  });

  it('in a zone with DST a plan run twice across the fall-back night keeps one session and one set of jobs per day', async () => {
    const b = bots[2]!;
    const { queues } = b.service.deps;
    const ctx = b.service.deps.ctx;
    const NY = 'America/New_York';
    const ny = { ...ctx.campaign, campaign: { ...ctx.campaign.campaign, timezone: NY,
      calendar: { ...ctx.campaign.campaign.calendar, holidays: [] },
      // A study window of its own: November is past the example campaign's last phase.
      study: { ...ctx.campaign.campaign.study!, cron: '30 1 * * *', remindBeforeMinutes: [60], skipDates: [], until: '2027-12-31' } } };
    clock = instantOf('2027-11-06', '12:00', NY);
    const nyCtx: HandlerCtx = { ...ctx, campaign: ny, now: () => clock };
    await planStudy(queues.study, nyCtx);
    // The scheduler fires again an hour later (the repeated 01:30): the same sessions, the same jobs.
    clock += 3_600_000;
    await planStudy(queues.study, nyCtx);
    const ids = (await ctx.store.study.sessionsBetween(instantOf('2027-11-06', '00:00', NY), instantOf('2027-11-09', '00:00', NY)))
      .map((s) => s.id);
    expect(ids).toEqual(['s-20271107-0130', 's-20271108-0130']);
    const jobs = (await studyJobs(b)).filter((j) => j.includes('s-202711'));
    expect(jobs.filter((j) => j.includes('s-20271107-0130') && j.endsWith('-r60'))).toHaveLength(1);
    expect(new Set(jobs).size).toBe(jobs.length);
  });
});
