import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { newSession, reflectionDeadline, sessionSteps, type StudyConfig } from '../../../src/domain/study/session.js';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { validateCard } from '../../../cards/validate.js';
import type { HandlerCtx } from '../../../handlers/context.js';
import { calendarOf } from '../../../handlers/study/common.js';
import { nudgeKey, reflectionKey, reflectionResendKey as resendKey } from '../../../handlers/study/outbox-keys.js';
import { runStudyStep } from '../../../handlers/study/steps/session.js';
import { scheduleStudySession, stepJobId } from '../../../jobs/study/queue.js';
import { startTestBot, type TestBot, campaignFile, exampleCampaign } from '../../helpers/bot.js';

/**
 * Reflection cards outliving Lark's 14-day card limit (DESIGN §2.1), with real BullMQ and a
 * controllable clock: a 700-hour reflection window re-sends a fresh card at end + 13 d and + 26 d to
 * every attendee who got one (submitted or not, never those on leave), the cards they had (the end
 * card and the nudge, then the previous re-send) are patched to point to the new one, a second run
 * sends and patches nothing, and a 72-hour window or a run after the deadline re-sends nothing.
 */

const SH = 'Asia/Shanghai';
const example = exampleCampaign();
// The nudge 400 h before the deadline falls before the first re-send (and is replaced by it).
const campaign = { ...example, study: { ...example.study, reflectionDueHours: 700, nudgeBeforeHours: 400 } };
const campaignPath = campaignFile(campaign);

const M = Array.from({ length: 8 }, (_, i) => `ou_member_0${i + 1}`);
const GOT = M.filter((_, i) => i !== 1); // M[1] is on leave
const SID = 's-20270407-1430';
const START = instantOf('2027-04-07', '14:30', SH);
const END = START + 120 * 60_000;
const DAY = 86_400_000;
const MOVED = '这张心得体会卡片已换成新的一张';
let clock = START - 50 * 60_000;
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ campaignPath, now: () => clock }); });
afterAll(async () => { await bot?.stop(); });

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
const store = () => ctx().store.study;
const cfg = (): StudyConfig => ctx().campaign.campaign.study!;
const queue = () => bot.service.deps.queues.study;
/** The member's reflection cards as they stand now (the fake applies patches to a message's content). */
const reflectionCards = (openId: string) =>
  bot.fake.messagesTo(openId).filter((m) => str(m.content).includes('"a":"st.submit"') && str(m.content).includes(SID));
/** The message delivered under an outbox key. */
const sent = async (openId: string, key: string) => {
  const id = await ctx().outbox.messageId(key);
  return id ? bot.fake.messagesTo(openId).find((m) => m.messageId === id) : undefined;
};
/** Message ids of the member's reflection cards still usable (a form, not pointed to a newer card). */
const liveCards = (openId: string) => reflectionCards(openId).map((m) => m.messageId);
const lastPatch = async (openId: string, key: string) => str((await sent(openId, key))?.patches.at(-1)?.content ?? '');
const click = async (openId: string, value: Record<string, unknown>, formValue: Record<string, unknown>, openMessageId?: string) =>
  (await bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value: { v: 1, ...value }, formValue, openMessageId })))
    .json;
const stepJobs = async (sessionId: string) => (await queue().getJobs(['delayed', 'waiting', 'active', 'completed', 'prioritized']))
  .map((j) => j.id!).filter((id) => id.startsWith(`st-${sessionId}-`)).sort();
const promote = async (step: string) => {
  await (await queue().getJob(stepJobId(SID, step)))!.promote();
  await bot.until(async () => (await queue().getJob(stepJobId(SID, step)))?.finishedOn !== undefined, 20_000, `step ${step}`);
  expect(await (await queue().getJob(stepJobId(SID, step)))!.isCompleted()).toBe(true);
  await bot.idle();
};
/** Every message created and every patch made so far. */
const traffic = () => bot.fake.requestsTo('im.message.create').length + bot.fake.requestsTo('im.message.patch').length;

describe('reflection cards re-sent before the 14-day card limit', () => {
  it('a 700-hour window schedules a re-send at end + 13 d and + 26 d; a 72-hour one none', async () => {
    await store().ensureSession(newSession(START, cfg(), 'oneoff', clock, SH));
    await ctx().studyJobs.schedule(SID);
    const jobs = await stepJobs(SID);
    expect(jobs).toEqual(expect.arrayContaining([stepJobId(SID, 're1'), stepJobId(SID, 're2')]));
    expect(jobs).not.toContain(stepJobId(SID, 're3'));
    expect((await queue().getJob(stepJobId(SID, 're1')))!.opts.delay).toBe(END + 13 * DAY - clock);
    expect((await queue().getJob(stepJobId(SID, 're2')))!.opts.delay).toBe(END + 26 * DAY - clock);

    const shortStudy = { ...ctx().campaign.campaign, study: { ...cfg(), reflectionDueHours: 72 } };
    const short: HandlerCtx = { ...ctx(), campaign: { ...ctx().campaign, campaign: shortStudy } };
    const other = 's-20270408-1430';
    await store().ensureSession(newSession(START + DAY, cfg(), 'oneoff', clock, SH));
    await scheduleStudySession(queue(), short, other);
    const otherJobs = await stepJobs(other);
    expect(otherJobs).toContain(stepJobId(other, 'end'));
    expect(otherJobs.filter((j) => /-re\d+$/.test(j))).toEqual([]);
    await queue().remove(stepJobId(other, 'end'));
  });

  it('at the end the reflection cards go to everyone not on leave; one member submits, the nudge reaches the others', async () => {
    await store().record(SID, M[1]!, { status: 'leave', at: clock, reason: '出差' });
    clock = END + 60_000;
    await promote('end');
    for (const m of M) expect(reflectionCards(m).length, m).toBe(m === M[1] ? 0 : 1);
    const firstCard = (await sent(M[0]!, reflectionKey(SID, M[0]!)))!.messageId;
    const first = await click(M[0]!, { a: 'st.submit', s: SID }, { st_r1: '第一段体会' }, firstCard);
    expect(first.toast.type).toBe('success');
    const nudge = sessionSteps((await store().getSession(SID))!, cfg(), calendarOf(ctx())).find((x) => x.step === 'nudge')!;
    expect(nudge.at).toBeLessThan(END + 13 * DAY);
    clock = nudge.at;
    await promote('nudge');
    for (const m of GOT) expect(!!(await sent(m, nudgeKey(SID, m))), m).toBe(m !== M[0]);
  });

  it('re1: a fresh card to every attendee who got one, submitted or not; their end card and nudge point to it', async () => {
    clock = END + 13 * DAY;
    await promote('re1');
    const moved = async () => (await Promise.all(GOT.map((m) => lastPatch(m, reflectionKey(SID, m))))).every((p) => p.includes(MOVED));
    await bot.until(moved, 20_000, 'the moved patches');
    for (const m of M) {
      const fresh = await sent(m, resendKey(SID, 1, m));
      if (m === M[1]) {
        expect(fresh, 'on leave').toBeUndefined();
        continue;
      }
      expect(fresh, m).toBeDefined();
      expect(validateCard(fresh!.content)).toEqual([]);
      expect(str(fresh!.content)).toContain('重新发给您的心得体会卡片');
      expect(str(fresh!.content)).toContain('"a":"st.submit"');
      expect(await lastPatch(m, reflectionKey(SID, m))).toContain(MOVED);
      if (m !== M[0]) expect(await lastPatch(m, nudgeKey(SID, m))).toContain(MOVED);
    }
    // The member who submitted sees their text on the fresh card, still editable.
    expect(str((await sent(M[0]!, resendKey(SID, 1, M[0]!)))!.content)).toContain('第一段体会');
    expect(validateCard(JSON.parse(await lastPatch(M[0]!, reflectionKey(SID, M[0]!))))).toEqual([]);
    expect(await store().reflectionCardsOf(SID, M[2]!)).toEqual({ gen: 1, keys: [resendKey(SID, 1, M[2]!)] });
  });

  it('running re1 again (a retry, a second firing) sends and patches nothing', async () => {
    await bot.idle();
    const before = traffic();
    expect(await runStudyStep(ctx(), SID, 're1')).toBe('done');
    expect(await runStudyStep(ctx(), SID, 're1')).toBe('done');
    await bot.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(traffic()).toBe(before);
    for (const m of GOT) expect(liveCards(m), m).toEqual([(await sent(m, resendKey(SID, 1, m)))!.messageId]);
  });

  it('a submit on the fresh card leaves the old ones pointing to it; re2 replaces the re1 cards only', async () => {
    const endPatches = (await sent(M[2]!, reflectionKey(SID, M[2]!)))!.patches.length;
    const nudgePatches = (await sent(M[2]!, nudgeKey(SID, M[2]!)))!.patches.length;
    const resent = (await sent(M[2]!, resendKey(SID, 1, M[2]!)))!.messageId;
    const ok = await click(M[2]!, { a: 'st.submit', s: SID }, { st_r1: '第二位的体会' }, resent);
    expect(ok.toast.type).toBe('success');
    await bot.idle();
    expect((await sent(M[2]!, reflectionKey(SID, M[2]!)))!.patches).toHaveLength(endPatches);
    expect((await sent(M[2]!, nudgeKey(SID, M[2]!)))!.patches).toHaveLength(nudgePatches);

    clock = END + 26 * DAY;
    await promote('re2');
    const moved = async () => (await Promise.all(GOT.map((m) => lastPatch(m, resendKey(SID, 1, m))))).every((p) => p.includes(MOVED));
    await bot.until(moved, 20_000, 'the re1 cards moved');
    for (const m of GOT) {
      expect(await sent(m, resendKey(SID, 2, m)), m).toBeDefined();
      expect(liveCards(m), m).toEqual([(await sent(m, resendKey(SID, 2, m)))!.messageId]);
    }
    expect(await sent(M[1]!, resendKey(SID, 2, M[1]!))).toBeUndefined();
    expect(str((await sent(M[2]!, resendKey(SID, 2, M[2]!)))!.content)).toContain('第二位的体会');
    // The generation-0 cards were not touched again.
    expect((await sent(M[2]!, reflectionKey(SID, M[2]!)))!.patches).toHaveLength(endPatches);
  });

  it('a re-send that runs after the deadline, or for a cancelled session, sends nothing', async () => {
    const late = 's-20270409-1430';
    await store().ensureSession(newSession(START + 2 * DAY, cfg(), 'oneoff', clock, SH));
    const s = (await store().getSession(late))!;
    clock = s.end + 60_000;
    expect(await runStudyStep(ctx(), late, 'end')).toBe('done');
    await bot.idle();
    const cardsOf = () => M.map((m) => bot.fake.messagesTo(m).filter((x) => str(x.content).includes(late)).length);
    const endCards = cardsOf();
    expect(endCards.filter((n) => n > 0)).toHaveLength(M.length);
    const before = traffic();
    // The job was held up (the worker down) until past the deadline: nothing is kept alive any more.
    clock = reflectionDeadline(s, cfg()) + 1;
    expect(await runStudyStep(ctx(), late, 're1')).toBe('done');
    expect(await runStudyStep(ctx(), late, 're2')).toBe('done');
    await store().cancelSession(SID);
    clock = END + 26 * DAY + 60_000;
    expect(await runStudyStep(ctx(), SID, 're2')).toBe('cancelled');
    await bot.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsOf()).toEqual(endCards);
    expect(traffic()).toBe(before);
    expect(await store().reflectionCardsOf(late, M[0]!)).toEqual({ gen: 0, keys: [reflectionKey(late, M[0]!)] });
  });
});
