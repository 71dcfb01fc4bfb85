import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { newSession } from '../../../src/domain/study/session.js';
import { sessionCardFor } from '../../../handlers/study/common.js';
import { sessionCardKey } from '../../../handlers/study/outbox-keys.js';
import { runStudyStep } from '../../../handlers/study/steps/session.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * A member's study card that the service keeps patching (the check-in window opens) survives its message: one
 * deleted in Lark (a patch answers 230001 invalid message_id) is sent afresh to the member with the current card,
 * once; the others are patched in place.
 */

const SH = 'Asia/Shanghai';
const SID = 's-20270407-1430';
const START = instantOf('2027-04-07', '14:30', SH);
const clock = START - 70 * 60_000;
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ now: () => clock }); });
afterAll(async () => { await bot?.stop(); });

const ctx = () => bot.service.deps.ctx;
const str = (x: unknown) => JSON.stringify(x);
const studyCards = (openId: string) => bot.fake.messagesTo(openId).filter((m) => str(m.content).includes(SID));

describe('a study card deleted in Lark', () => {
  it('is sent afresh with the current card when the session next changes it; the other members\' cards are patched', async () => {
    const session = newSession(START, ctx().campaign.campaign.study!, 'oneoff', clock, SH);
    await ctx().store.study.ensureSession(session);
    await runStudyStep(ctx(), SID, 'r60');
    await bot.idle();
    const [gone, kept] = ['ou_member_01', 'ou_member_02'];
    const key = (openId: string) => sessionCardKey(SID, 'r60', openId);
    const first = await ctx().outbox.messageId(key(gone));
    const other = await ctx().outbox.messageId(key(kept));
    expect(first && other).toBeTruthy();
    const reminder = bot.fake.state.message(first!)!.content;
    bot.fake.state.deleteMessage(first!);
    expect(studyCards(gone)).toHaveLength(0);

    await runStudyStep(ctx(), SID, 'open');
    await bot.until(() => studyCards(gone).length === 1, 15_000, 'the card sent afresh');
    await bot.idle();
    const fresh = studyCards(gone)[0];
    expect(await ctx().outbox.messageId(key(gone))).toBe(fresh.messageId);
    const patched = studyCards(kept);
    expect(patched.map((m) => m.messageId)).toEqual([other]);
    expect(patched[0].patches).toHaveLength(1);
    // The fresh card is the member's card as it stands now, not the reminder that was deleted.
    expect(fresh.content).toEqual(await sessionCardFor(ctx(), session, gone));
    expect(fresh.content).not.toEqual(reminder);
    const refused = bot.fake.requestsTo('im.message.patch').filter((r) => r.status !== 200);
    expect(refused.map((r) => [r.path.endsWith(first!), r.code])).toEqual([[true, 230001]]);
    expect(studyCards(gone)).toHaveLength(1);
  });
});
