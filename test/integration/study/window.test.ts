import { afterAll, describe, expect, it } from 'vitest';
import { endOfDay, instantOf } from '../../../src/domain/calendar.js';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { BOARD_DAILY_ID } from '../../../jobs/board/queue.js';
import { planStudy, STUDY_SCHEDULER_ID } from '../../../jobs/study/queue.js';
import type { HandlerCtx } from '../../../handlers/context.js';
import { restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * The weekly study runs only inside the campaign (issue #12): a service started in December, before the
 * example campaign's first phase (2027-02-15), plans no session and sends nothing; its schedulers end after
 * the last phase (2027-09-30); an admin's one-off session still works any time; started after the campaign,
 * the recurring schedulers are gone.
 */

const SH = 'Asia/Shanghai';
const ADMIN = 'ou_admin_liu';
const MEMBERS = Array.from({ length: 8 }, (_, i) => `ou_member_0${i + 1}`);
const LAST_DAY_END = endOfDay('2027-09-30', SH);
const DAY = 86_400_000;
let clock = instantOf('2026-12-06', '14:00', SH); // a Sunday afternoon, ten weeks before the campaign
const series = restartingBots({ now: () => clock });
const { bots, start } = series;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const sessionCards = (b: TestBot, openId: string) => b.fake.messagesTo(openId).filter((m) => str(m.content).includes('"s":"s-'));
const plansDone = async (b: TestBot) => (await b.service.deps.queues.study.getJobCounts('completed')).completed >= 1;

describe('the weekly study inside the campaign window', () => {
  it('started before the campaign: no session is planned and no study card is sent; the scheduler ends with the campaign', async () => {
    const realBefore = Date.now();
    const b = await start();
    const realAfter = Date.now();
    await b.until(() => plansDone(b), 10_000, 'the plan at start');
    await b.idle();
    const store = b.service.deps.ctx.store.study;
    expect(await store.sessionsBetween(clock - 31 * DAY, clock + 90 * DAY)).toEqual([]);
    for (const m of MEMBERS) expect(sessionCards(b, m)).toEqual([]);

    const schedulers = await b.service.deps.queues.study.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual([STUDY_SCHEDULER_ID]);
    // BullMQ runs on real time: the end is the campaign's last instant, seen from the real clock at the upsert.
    const endDate = Number(schedulers[0]!.endDate);
    expect(endDate).toBeGreaterThanOrEqual(realBefore + (LAST_DAY_END - clock));
    expect(endDate).toBeLessThanOrEqual(realAfter + (LAST_DAY_END - clock));
    const board = await b.service.deps.queues.board.getJobScheduler(BOARD_DAILY_ID);
    expect(Number(board?.endDate)).toBeGreaterThanOrEqual(realBefore + (LAST_DAY_END - clock));
    expect(Number(board?.endDate)).toBeLessThanOrEqual(realAfter + (LAST_DAY_END - clock));
  });

  it('an admin\'s one-off session still works outside the campaign: every attendee gets its card', async () => {
    const b = bots[0]!;
    const ok = (await b.push('card.action.trigger', cardActionEvent({
      operatorOpenId: ADMIN, value: { v: 1, a: 'st.save' },
      formValue: { st_target: 'oneoff', st_day: '2026-12-06 +0800', st_time: '15:00', st_topic: '专题学习' },
    }))).json;
    expect(ok.toast.type, str(ok)).toBe('success');
    await b.until(() => MEMBERS.every((m) => sessionCards(b, m).length === 1), 10_000, 'the one-off session cards');
    expect(str(sessionCards(b, MEMBERS[0]!)[0]!.content)).toContain('s-20261206-1500');
  });

  it('a session planned inside the window is cancelled when the window is moved before it', async () => {
    const b = bots[0]!;
    const { queues, ctx } = b.service.deps;
    clock = instantOf('2027-09-20', '10:00', SH);
    await planStudy(queues.study, ctx);
    expect((await ctx.store.study.getSession('s-20270927-0900'))?.status).toBe('planned');
    const file = ctx.campaign.campaign;
    const campaign = { ...ctx.campaign, campaign: { ...file, study: { ...file.study!, until: '2027-09-24' } } };
    const shorter: HandlerCtx = { ...ctx, campaign };
    await planStudy(queues.study, shorter);
    expect((await ctx.store.study.getSession('s-20270927-0900'))?.status).toBe('cancelled');
  });

  it('started after the campaign: the recurring schedulers are gone and nothing new is planned', async () => {
    await bots[0]!.stop();
    clock = instantOf('2027-10-11', '10:00', SH);
    const b = await start();
    await b.until(async () => (await b.service.deps.queues.study.getJobSchedulers()).length === 0, 10_000, 'the scheduler removed');
    expect(await b.service.deps.queues.board.getJobScheduler(BOARD_DAILY_ID)).toBeUndefined();
    expect(await b.service.deps.ctx.store.study.sessionsBetween(clock, clock + 90 * DAY)).toEqual([]);
    await b.idle();
    for (const m of MEMBERS) expect(sessionCards(b, m)).toEqual([]);
  });
});
